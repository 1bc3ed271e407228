/**
 * Exports for reports and letters: one small document model rendered as DOCX or PDF.
 * Any module may use it (platform code, no domain knowledge).
 */
export { type ExportDocument, type ExportSection, cleanText, paragraphsFromText } from './model.js';
export { toDocx, DOCX_MIME } from './docx.js';
export { toPdf, toWinAnsi } from './pdf.js';

export const PDF_MIME = 'application/pdf';

/** A file name safe in a Content-Disposition header and on every file system: ASCII, no separators. */
export function safeFileName(name: string, extension: string): string {
  const ext = extension.replace(/^\./, '');
  const base = name
    .replace(new RegExp(`\\.${ext}$`, 'i'), '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._ -]+/g, '-')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `${base || 'document'}.${ext}`;
}
