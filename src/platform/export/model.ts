/**
 * A tiny document model that both exporters understand: a title, an optional subtitle, a few meta
 * lines (date, dossier, author…) and sections of a heading with paragraphs. A paragraph may hold
 * single line breaks ("\n"), e.g. the address block of a letter.
 */
export type ExportSection = { heading?: string; paragraphs: string[] };

export type ExportDocument = {
  title: string;
  subtitle?: string;
  meta?: string[];
  sections: ExportSection[];
  /** Document language, e.g. 'nl-NL' (DOCX proofing language, PDF metadata). */
  lang?: string;
};

/** Characters XML 1.0 cannot hold (and a PDF text run should not): control characters except tab and newline. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/**
 * Splits free text (a letter body) into paragraphs at blank lines; single newlines stay inside a
 * paragraph as line breaks.
 */
export function paragraphsFromText(text: string): string[] {
  return cleanText(text)
    .split(/\n(?:[ \t]*\n)+/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
}
