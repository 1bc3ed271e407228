import { unzipSync } from 'fflate';
import { AppError } from '../../platform/http/errors.js';

/**
 * What a file really is, from its first bytes ("magic numbers"); the name and the declared type are
 * ignored. Only PDF, PNG, JPEG and Word (DOCX) pass; programs and scripts are named as such in the
 * refusal, so the volunteer understands why.
 */
export type Detected = { mimeType: string; extension: string; label: string };

const PDF: Detected = { mimeType: 'application/pdf', extension: 'pdf', label: 'PDF' };
const PNG: Detected = { mimeType: 'image/png', extension: 'png', label: 'PNG' };
const JPEG: Detected = { mimeType: 'image/jpeg', extension: 'jpg', label: 'JPEG' };
const DOCX: Detected = { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx', label: 'Word' };

const startsWith = (buf: Buffer, bytes: number[], at = 0) => buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);

function isExecutable(buf: Buffer): boolean {
  return (
    startsWith(buf, [0x4d, 0x5a]) || // MZ: Windows .exe/.dll
    startsWith(buf, [0x7f, 0x45, 0x4c, 0x46]) || // ELF: Linux
    startsWith(buf, [0xfe, 0xed, 0xfa, 0xce]) || // Mach-O 32
    startsWith(buf, [0xfe, 0xed, 0xfa, 0xcf]) || // Mach-O 64
    startsWith(buf, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(buf, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(buf, [0xca, 0xfe, 0xba, 0xbe]) || // Mach-O universal (and Java class files)
    startsWith(buf, [0x23, 0x21]) // #!: a script
  );
}

/** A zip is Word only with word/document.xml inside; other zips (and broken ones) are refused. */
function isDocx(buf: Buffer): boolean {
  try {
    let found = false;
    // Filter reads the directory only: nothing but the one entry is decompressed.
    unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), {
      filter: (f) => {
        if (f.name === 'word/document.xml') found = true;
        return false;
      },
    });
    return found;
  } catch {
    return false;
  }
}

export function detectType(buf: Buffer): Detected {
  if (buf.length === 0) throw new AppError('document_empty', 400);
  if (isExecutable(buf)) throw new AppError('document_executable', 415);
  // Strict: the header first (readers would accept junk before it, which could hide another type).
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return PDF;
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return PNG;
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return JPEG;
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) && isDocx(buf)) return DOCX;
  throw new AppError('document_type', 415);
}
