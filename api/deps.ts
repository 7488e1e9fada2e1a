/** What the app needs from the outside world. Entries (Node server, Worker, tests) build these and pass them in. */
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { OidcSettings } from './auth/oidc-client.ts';
import type { PdfRenderer } from './committees/pdf.ts';
import type { ImageProcessor } from './images/image-processor.ts';
import type { StaffIdentity } from './auth/sessions.ts';
import type { AppConfig } from './config.ts';
import type { Database } from './db/schema.ts';
import type { Logger } from './log.ts';
import type { MultipartReader } from './intake/multipart-form.ts';
import type { Mailer } from './notify/mailer.ts';
import type { SpreadsheetWriter } from './exports/spreadsheet.ts';
import type { BlobStore } from './storage/blob-store.ts';

export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export type AppDeps = {
  db: Kysely<Database>;
  blobs: BlobStore;
  clock: Clock;
  config: AppConfig;
  log: Logger;
  /** Where staff sign in: the configured provider, or the development provider the Node entry started. */
  oidc: OidcSettings | undefined;
  /** Image work (sharp) where the runtime has it: the Node server; undefined at the edge. */
  images?: ImageProcessor | undefined;
  /** Pack PDFs where a headless browser is installed; without it the print page is the pack. */
  pdf?: PdfRenderer | undefined;
  /** XLSX exports (ExcelJS) on the Node server; the Worker has none and answers 501, as for PDFs. */
  xlsx?: SpreadsheetWriter | undefined;
  /**
   * The connection's own peer address when no trusted proxy header is configured: the socket on Node,
   * CF-Connecting-IP on the Worker. Undefined (tests' app.request()): only the configured header counts.
   */
  peerAddress?: ((c: Context) => string | undefined) | undefined;
  /** How a drawing's multipart body is read: streamed to a spool file on Node (busboy); Web formData() when absent. */
  multipart?: MultipartReader | undefined;
  /** Email over SMTP (nodemailer) on the Node server when SMTP_URL is set; the Worker has no SMTP and supplies none. */
  mailer?: Mailer | undefined;
};

/** Hono's typed environment: per-request variables set by middleware. */
export type AppEnv = {
  Variables: {
    requestId: string;
    /** Set by the staff session middleware when a valid session cookie came with the request. */
    staff: StaffIdentity | undefined;
  };
};
