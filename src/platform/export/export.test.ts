import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTools } from '../../../scripts/ensure-tools.mjs';
import { paragraphsFromText, safeFileName, toDocx, toPdf, toWinAnsi, type ExportDocument } from './index.js';

// Real readers check the files: pdftotext (poppler) for PDF, pandoc for DOCX. In CI
// (NAAST_REQUIRE_POSTGRES=1) a missing tool fails the suite; elsewhere the reason is shown as a skip.
let tools: { pdftotext: string; pandoc: string } | null = null;
let toolProblem = '';
try {
  tools = ensureTools();
} catch (err) {
  toolProblem = (err as Error).message;
  if (process.env.NAAST_REQUIRE_POSTGRES === '1') throw err;
  console.warn(`export readers missing, reader tests skipped: ${toolProblem}`);
}

const doc: ExportDocument = {
  title: 'Verweerschrift van Anneloes de Vrièze',
  subtitle: 'Reactie op het verzoek van de gecertificeerde instelling',
  meta: ['Datum: 6 december 2026', 'Zaaknummer: C/01/123456'],
  sections: [
    { heading: 'Wat ik wil zeggen', paragraphs: ['Ik ben het niet eens met het rapport. Het café ’t Hoekje is geen plek waar ik mijn kinderen naartoe neem.', 'Naam: Anneloes\nAdres: Dorpsstraat 1'] },
    { heading: 'Financiën en coöperatie', paragraphs: ['Een regel met “aanhalingstekens” – en een euro: € 12,50. Ook Łódź en ő.'] },
  ],
};

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-export-'));
});

describe('PDF export', () => {
  it.skipIf(!tools)('pdftotext finds the text, accents included', async () => {
    const pdf = await toPdf(doc);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = path.join(dir, 'a.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync(tools!.pdftotext, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Verweerschrift van Anneloes de Vrièze');
    expect(flat).toContain('Het café ’t Hoekje is geen plek');
    expect(flat).toContain('Financiën en coöperatie');
    expect(flat).toContain('“aanhalingstekens” – en een euro: € 12,50');
    expect(flat).toContain('Zaaknummer: C/01/123456');
    // Outside WinAnsi: the base letter, never a broken glyph.
    expect(flat).toContain('Ook Lódz en o.');
  });

  it('replaces characters the standard fonts cannot show', () => {
    expect(toWinAnsi('ë é ’ € Ł 😀 \u00A0x')).toBe('ë é ’ € L ? \u00A0x'.replace('\u00A0', '\u00A0'));
  });
});

describe('DOCX export', () => {
  it.skipIf(!tools)('pandoc reads the text back, accents included', () => {
    const docx = toDocx(doc);
    const file = path.join(dir, 'a.docx');
    fs.writeFileSync(file, docx);
    const text = execFileSync(tools!.pandoc, ['-f', 'docx', '-t', 'plain', '--standalone', '--wrap=none', file], { encoding: 'utf8' });
    expect(text).toContain('Verweerschrift van Anneloes de Vrièze');
    expect(text).toContain('Het café ’t Hoekje is geen plek');
    expect(text).toContain('Financiën en coöperatie');
    expect(text).toContain('€ 12,50');
    expect(text).toContain('Łódź');
    // The heading really is a heading (a reader sees structure, not only text).
    const md = execFileSync(tools!.pandoc, ['-f', 'docx', '-t', 'markdown', '--wrap=none', file], { encoding: 'utf8' });
    expect(md).toMatch(/^# Wat ik wil zeggen$/m);
  });

  it('is a zip with escaped, well-formed XML', () => {
    const files = unzipSync(new Uint8Array(toDocx({ title: 'A <b> & "c"', sections: [{ paragraphs: ['x\u0001y < z'] }] })));
    expect(Object.keys(files)).toContain('word/document.xml');
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(xml).toContain('xy &lt; z');
  });
});

describe('helpers', () => {
  it('splits a letter into paragraphs at blank lines', () => {
    expect(paragraphsFromText('Geachte heer,\r\n\r\nRegel 1\nRegel 2\n\n\n  \nSlot')).toEqual(['Geachte heer,', 'Regel 1\nRegel 2', 'Slot']);
  });

  it('makes safe file names', () => {
    expect(safeFileName('Brief aan de Raad/../"ë".pdf', 'pdf')).toBe('Brief-aan-de-Raad-..-e.pdf');
    expect(safeFileName('', 'docx')).toBe('document.docx');
    expect(safeFileName('verslag.DOCX', 'docx')).toBe('verslag.docx');
  });
});
