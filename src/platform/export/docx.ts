import { strToU8, zipSync } from 'fflate';
import { cleanText, type ExportDocument } from './model.js';

/**
 * DOCX (Office Open XML) written directly: a handful of XML parts in a zip. The format needs
 * little for plain headed text, and doing it ourselves avoids a large dependency (the usual
 * library's current release no longer runs on Node 20).
 */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Runs of one paragraph; "\n" becomes a line break, tabs stay tabs. */
function runs(text: string, rPr = ''): string {
  return cleanText(text)
    .split('\n')
    .map((line, i) => {
      const parts = line.split('\t').map((part) => `<w:t xml:space="preserve">${esc(part)}</w:t>`).join('<w:tab/>');
      return `${i > 0 ? '<w:r><w:br/></w:r>' : ''}<w:r>${rPr}${parts}</w:r>`;
    })
    .join('');
}

const para = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${runs(text)}</w:p>`;

function documentXml(doc: ExportDocument): string {
  const body: string[] = [para(doc.title, 'Title')];
  if (doc.subtitle) body.push(para(doc.subtitle, 'Subtitle'));
  for (const line of doc.meta ?? []) body.push(para(line, 'Meta'));
  for (const section of doc.sections) {
    if (section.heading) body.push(para(section.heading, 'Heading1'));
    for (const p of section.paragraphs) body.push(para(p));
  }
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<w:body>${body.join('')}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/></w:sectPr></w:body></w:document>`
  );
}

function stylesXml(lang: string): string {
  const style = (id: string, name: string, pPr: string, rPr: string) =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr>${pPr}</w:pPr><w:rPr>${rPr}</w:rPr></w:style>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:eastAsia="Arial"/><w:sz w:val="22"/><w:lang w:val="${esc(lang)}"/></w:rPr></w:rPrDefault>` +
    '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    style('Title', 'Title', '<w:spacing w:after="120"/>', '<w:b/><w:sz w:val="36"/>') +
    style('Subtitle', 'Subtitle', '<w:spacing w:after="120"/>', '<w:sz w:val="26"/>') +
    style('Meta', 'Meta', '<w:spacing w:after="40"/>', '<w:color w:val="555555"/><w:sz w:val="20"/>') +
    style('Heading1', 'heading 1', '<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/>', '<w:b/><w:sz w:val="28"/>') +
    '</w:styles>'
  );
}

function coreXml(title: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${esc(cleanText(title))}</dc:title><dc:creator>Naast</dc:creator></cp:coreProperties>`
  );
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

const DOC_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  '</Relationships>';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function toDocx(doc: ExportDocument): Buffer {
  // A fixed date keeps the same document byte-identical between exports.
  const mtime = new Date('2000-01-01T00:00:00Z');
  const zipped = zipSync(
    {
      '[Content_Types].xml': [strToU8(CONTENT_TYPES), { mtime }],
      '_rels/.rels': [strToU8(ROOT_RELS), { mtime }],
      'docProps/core.xml': [strToU8(coreXml(doc.title)), { mtime }],
      'word/document.xml': [strToU8(documentXml(doc)), { mtime }],
      'word/styles.xml': [strToU8(stylesXml(doc.lang ?? 'nl-NL')), { mtime }],
      'word/_rels/document.xml.rels': [strToU8(DOC_RELS), { mtime }],
    },
    { level: 6 },
  );
  return Buffer.from(zipped.buffer, zipped.byteOffset, zipped.byteLength);
}
