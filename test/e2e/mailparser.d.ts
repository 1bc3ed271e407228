// mailparser ships no types and @types/mailparser is not installed: the little the tests use.
declare module 'mailparser' {
  export interface ParsedMail {
    text?: string;
    html?: string | false;
    subject?: string;
  }
  export function simpleParser(source: string | Buffer): Promise<ParsedMail>;
}
