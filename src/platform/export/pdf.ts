import PDFDocument from 'pdfkit';
import { cleanText, type ExportDocument } from './model.js';

/**
 * PDF through pdfkit with the standard Helvetica fonts (no font files to ship). They use
 * WinAnsi encoding, which covers Dutch and most West-European text (ë, é, ’, “ ”, €, –);
 * characters outside it are replaced by a close equivalent or '?', never dropped silently.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const FALLBACK: Record<string, string> = { '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2212': '-', '\u00A0': ' ', '\u202F': ' ', '\u2009': ' ', '\u2032': "'", '\u2033': '"', Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h' };

export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of cleanText(text)) {
    const code = ch.codePointAt(0)!;
    if (code === 0x0a || code === 0x09 || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (FALLBACK[ch]) out += FALLBACK[ch];
    else {
      // Letters with accents outside Latin-1 (ő, ł…): the base letter is better than '?'.
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base.length === 1 && base.charCodeAt(0) < 0x7f ? base : '?';
    }
  }
  return out.replace(/\t/g, '    ');
}

export function toPdf(doc: ExportDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margins: { top: 64, bottom: 64, left: 64, right: 64 },
      info: { Title: toWinAnsi(doc.title), Creator: 'Naast', Producer: 'Naast' },
      lang: doc.lang ?? 'nl-NL',
      displayTitle: true,
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    try {
      pdf.font('Helvetica-Bold').fontSize(18).text(toWinAnsi(doc.title));
      if (doc.subtitle) pdf.moveDown(0.3).font('Helvetica').fontSize(13).text(toWinAnsi(doc.subtitle));
      if (doc.meta?.length) {
        pdf.moveDown(0.5).font('Helvetica').fontSize(9.5).fillColor('#555555');
        for (const line of doc.meta) pdf.text(toWinAnsi(line));
        pdf.fillColor('#000000');
      }
      for (const section of doc.sections) {
        if (section.heading) pdf.moveDown(1).font('Helvetica-Bold').fontSize(13).text(toWinAnsi(section.heading));
        pdf.font('Helvetica').fontSize(11);
        for (const p of section.paragraphs) pdf.moveDown(0.6).text(toWinAnsi(p), { lineGap: 2 });
      }
      pdf.end();
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
