/**
 * The text of a PDF that Chromium printed, for tests: inflates its streams, reads each font's ToUnicode map and
 * decodes the hex glyph strings of every Tj/TJ. Enough for Skia's output (Identity-H fonts, uncompressed object
 * table); not a general PDF reader. Lines come out joined by spaces, whitespace collapsed.
 */
import { inflateSync } from 'node:zlib';

type PdfObject = { dict: string; stream: Buffer | undefined };

function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const text = pdf.toString('latin1');
  for (const match of text.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = match[2]!;
    const at = body.indexOf('stream');
    if (at < 0) {
      objects.set(Number(match[1]), { dict: body, stream: undefined });
      continue;
    }
    const dict = body.slice(0, at);
    const start = match.index! + match[0].indexOf(body) + at + 'stream'.length;
    const raw = pdf.subarray(start, match.index! + match[0].lastIndexOf('endstream'));
    const trimmed = raw.subarray(raw[0] === 0x0d ? 2 : raw[0] === 0x0a ? 1 : 0);
    let stream: Buffer = trimmed;
    if (/FlateDecode/.test(dict)) {
      try {
        stream = inflateSync(trimmed);
      } catch {
        stream = Buffer.alloc(0);
      }
    }
    objects.set(Number(match[1]), { dict, stream });
  }
  return objects;
}

/** Glyph id (hex) to text, from a ToUnicode CMap's bfchar and bfrange sections. */
function cmapOf(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of section[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(pair[1]!.toUpperCase(), utf16(pair[2]!));
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of section[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const [from, to, first] = [parseInt(range[1]!, 16), parseInt(range[2]!, 16), parseInt(range[3]!, 16)];
      for (let glyph = from; glyph <= to; glyph++) map.set(glyph.toString(16).toUpperCase().padStart(range[1]!.length, '0'), String.fromCharCode(first + glyph - from));
    }
  }
  return map;
}

export function pdfText(pdf: Uint8Array): string {
  const objects = objectsOf(Buffer.from(pdf));
  const fonts = new Map<string, Map<string, string>>();
  for (const { dict } of objects.values()) {
    for (const entry of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(Number(entry[2]));
      const toUnicode = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict);
      const cmap = toUnicode && objects.get(Number(toUnicode[1]))?.stream;
      if (cmap) fonts.set(entry[1]!, cmapOf(cmap.toString('latin1')));
    }
  }
  const lines: string[] = [];
  for (const { stream } of objects.values()) {
    const content = stream?.toString('latin1') ?? '';
    if (!/\bT[jJ]\b/.test(content)) continue;
    let font = new Map<string, string>();
    for (const block of content.matchAll(/BT([\s\S]*?)ET/g)) {
      let line = '';
      for (const token of block[1]!.matchAll(/\/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]*)>|\b(Td|TD|T\*|Tm)\b/g)) {
        if (token[1]) font = fonts.get(token[1]) ?? new Map();
        else if (token[2] !== undefined) line += (token[2].toUpperCase().match(/.{4}/g) ?? []).map((glyph) => font.get(glyph) ?? '').join('');
      }
      lines.push(line);
    }
  }
  return lines.join(' ').replace(/\s+/g, ' ');
}
