/** The mail port on Node: nodemailer over SMTP (smtp:// or smtps:// with credentials in the URL). */
import nodemailer from 'nodemailer';
import type { Mailer } from '../notify/mailer.ts';

export function smtpMailer(smtpUrl: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, to: [...message.to], subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}) });
    },
    close: () => transport.close(),
  };
}
