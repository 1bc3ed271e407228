import fs from 'node:fs';
import path from 'node:path';

export interface ParsedMail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

interface SimpleParsed {
  subject?: string;
  text?: string;
  to?: { text: string } | Array<{ text: string }>;
}

// mailparser ships no type declarations; a computed specifier keeps the compiler from demanding them.
const MAILPARSER = 'mailparser';

/** Every .eml file the file mailer wrote under <dataDir>/mail, parsed with a real MIME parser. */
export async function readMails(dataDir: string): Promise<ParsedMail[]> {
  const { simpleParser } = (await import(MAILPARSER)) as { simpleParser: (src: Buffer) => Promise<SimpleParsed> };
  const dir = path.join(dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  const out: ParsedMail[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort()) {
    const parsed = await simpleParser(fs.readFileSync(path.join(dir, file)));
    const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
    out.push({ file, to, subject: parsed.subject ?? '', text: parsed.text ?? '' });
  }
  return out;
}

/** The mails sent to one address, oldest first. */
export async function mailsTo(dataDir: string, address: string): Promise<ParsedMail[]> {
  return (await readMails(dataDir)).filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
}
