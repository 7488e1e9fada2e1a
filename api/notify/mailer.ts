/** The mail port: the Node server supplies an SMTP mailer (nodemailer); the edge Worker has no SMTP and supplies none. */

export type MailMessage = { to: readonly string[]; subject: string; text: string; html?: string };

export type Mailer = {
  /** Sends one message; throws when the server refuses it or cannot be reached, so the job retries. */
  send(message: MailMessage): Promise<void>;
};
