import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(msg: MailMessage): Promise<void>;
  readonly transport: 'smtp' | 'file';
}

/**
 * SMTP when SMTP_URL is set; otherwise each mail is written to <data>/mail/ as an .eml file
 * (demo and tests read them there). Mails never carry personal details beyond the greeting name.
 */
export function createMailer(config: Config): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      transport: 'smtp',
      send: async (m) => void (await transport.sendMail({ from: config.mailFrom, to: m.to, subject: m.subject, text: m.text })),
    };
  }
  const dir = path.join(config.dataDir, 'mail');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    transport: 'file',
    send: async (m) => {
      const info = await transport.sendMail({ from: config.mailFrom, to: m.to, subject: m.subject, text: m.text });
      await fs.promises.mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${info.messageId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 24)}.eml`;
      await fs.promises.writeFile(path.join(dir, name), info.message as Buffer);
    },
  };
}
