import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { detectType } from './detect.js';

const refusal = (bytes: Buffer) => {
  try {
    detectType(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return { code: (err as AppError).code, status: (err as AppError).status };
  }
  throw new Error('accepted');
};

describe('detectType (magic bytes, never the name)', () => {
  it('recognises PDF, PNG, JPEG and DOCX', () => {
    expect(detectType(Buffer.from('%PDF-1.7\n...')).mimeType).toBe('application/pdf');
    expect(detectType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])).mimeType).toBe('image/png');
    expect(detectType(Buffer.from([0xff, 0xd8, 0xff, 0xdb, 0, 0])).mimeType).toBe('image/jpeg');
    const docx = Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }));
    expect(detectType(docx)).toMatchObject({ extension: 'docx', label: 'Word' });
  });

  it('refuses programs and scripts whatever they are called', () => {
    expect(refusal(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]))).toEqual({ code: 'document_executable', status: 415 });
    expect(refusal(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]))).toEqual({ code: 'document_executable', status: 415 });
    expect(refusal(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0]))).toEqual({ code: 'document_executable', status: 415 });
    expect(refusal(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toEqual({ code: 'document_executable', status: 415 });
  });

  it('refuses other types, zips that are not Word, junk before a PDF header, and empty files', () => {
    expect(refusal(Buffer.from('<html></html>'))).toEqual({ code: 'document_type', status: 415 });
    expect(refusal(Buffer.from(zipSync({ 'x.txt': strToU8('x') })))).toEqual({ code: 'document_type', status: 415 });
    expect(refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toEqual({ code: 'document_type', status: 415 });
    expect(refusal(Buffer.from('junk %PDF-1.4'))).toEqual({ code: 'document_type', status: 415 });
    expect(refusal(Buffer.alloc(0))).toEqual({ code: 'document_empty', status: 400 });
  });
});
