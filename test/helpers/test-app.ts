/** Builds the real app around test dependencies and keeps every log line for assertions. */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../api/app.ts';
import { parseConfig, type AppConfig } from '../../api/config.ts';
import type { AppDeps, Clock } from '../../api/deps.ts';
import type { LogEntry } from '../../api/log.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { findChromium } from '../../api/node/chromium.ts';
import { chromiumPdfRenderer } from '../../api/node/chromium-pdf.ts';
import { busboyMultipartReader } from '../../api/node/busboy-multipart.ts';

import { exceljsWriter } from '../../api/node/exceljs-writer.ts';

export type TestApp = { app: ReturnType<typeof createApp>; logs: LogEntry[]; deps: AppDeps };

const chromium = findChromium(process.env);
/** As on the Node server: drawings stream through busboy to a spool folder (the Worker's formData() path is test/workers). */
const multipart = busboyMultipartReader(path.join(tmpdir(), 'heard-test-upload-spool'));
/** As on the Node server: pack PDFs wherever Chromium is installed. */
const pdfRenderer = chromium ? chromiumPdfRenderer(chromium) : undefined;

export function createTestApp(
  parts: Pick<AppDeps, 'db' | 'blobs'> & { config?: Partial<AppConfig>; clock?: Clock; oidc?: AppDeps['oidc']; mailer?: AppDeps['mailer'] },
): TestApp {
  const logs: LogEntry[] = [];
  const deps: AppDeps = {
    db: parts.db,
    blobs: parts.blobs,
    clock: parts.clock ?? { now: () => new Date() },
    config: { ...parseConfig({ NODE_ENV: 'test' }), ...parts.config },
    log: (entry) => logs.push(entry),
    oidc: parts.oidc,
    images: createSharpProcessor(),
    multipart,
    pdf: pdfRenderer,
    xlsx: exceljsWriter(),
    mailer: parts.mailer,
  };
  return { app: createApp(deps), logs, deps };
}
