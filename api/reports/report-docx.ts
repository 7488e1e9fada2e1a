/**
 * An annual report as a Word document a business unit can paste into its own template: real headings, tables of
 * figures, quotes as paragraphs and drawings as images with alternative text (never a screenshot of the page).
 */
import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { minute } from '../committees/pack-page.ts';
import type { ReportVersionRecord } from '../db/annual-report-versions.ts';
import type { PriorityContent, ReportContent } from './content.ts';
import { suppressionRule, TREND_WORDS } from './wording.ts';

/** A drawing ready for the document: PNG bytes and size, by media id. */
export type DocxImage = { bytes: Uint8Array; width: number; height: number };

const IMAGE_WIDTH = 220;

function table(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  const row = (cells: readonly string[], bold: boolean) =>
    new TableRow({ tableHeader: bold, children: cells.map((text) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] })) });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(header, true), ...rows.map((cells) => row(cells, false))] });
}

function priorityBlocks(priority: PriorityContent, images: ReadonlyMap<string, DocxImage>): (Paragraph | Table)[] {
  const blocks: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: priority.title }),
    new Paragraph({ text: `Contributions behind these figures: ${priority.totalDisplay} (previous period: ${priority.previousTotalDisplay}).` }),
  ];
  if (priority.total !== null) {
    for (const [title, key] of [['By kind', 'byKind'], ['By age band', 'byAgeBand'], ['By group', 'byGroup']] as const) {
      blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_4, text: title }));
      blocks.push(priority.withheld.includes(key) ? new Paragraph({ text: 'Not shown: every count here is too small.' }) : table(['Group', 'Contributions'], priority[key].map((f) => [f.label, f.display])));
    }
  }
  blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_3, text: 'Top themes' }));
  blocks.push(priority.themes.length === 0 ? new Paragraph({ text: 'No theme can be shown.' }) : table(['Theme', 'This period', 'Previous period', 'Trend'], priority.themes.map((t) => [t.label, t.display, t.previous, TREND_WORDS[t.trend]])));
  blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_3, text: 'What children said' }));
  const quotes = priority.entries.filter((entry) => entry.quote !== null);
  if (quotes.length === 0) blocks.push(new Paragraph({ text: 'No quotes chosen for this priority.' }));
  for (const entry of quotes) {
    blocks.push(new Paragraph({ style: 'IntenseQuote', children: [new TextRun({ text: entry.quote! })] }));
    blocks.push(new Paragraph({ children: [new TextRun({ text: `${entry.kind} · age ${entry.ageBand} · ${entry.month}`, size: 16 })] }));
  }
  for (const entry of priority.entries.filter((e) => e.drawing !== null)) {
    const image = images.get(entry.drawing!.imageId);
    const alt = `A drawing by a child aged ${entry.ageBand}`;
    blocks.push(
      image
        ? new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new ImageRun({ type: 'png', data: image.bytes, transformation: { width: IMAGE_WIDTH, height: Math.round((IMAGE_WIDTH * image.height) / image.width) }, altText: { name: alt, title: alt, description: alt } })],
          })
        : new Paragraph({ text: `${alt} (the picture could not be included here; see the HTML or PDF version).` }),
    );
  }
  for (const survey of priority.surveys) {
    blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_3, text: `Survey: ${survey.title} (version ${survey.version})` }));
    blocks.push(new Paragraph({ text: survey.results.respondents === null ? `Fewer than ${survey.results.threshold} children answered, so no figures are shown.` : `${survey.results.respondents} children answered.` }));
  }
  blocks.push(new Paragraph({ heading: HeadingLevel.HEADING_3, text: 'You said, we did' }));
  blocks.push(
    priority.outcomes.length === 0
      ? new Paragraph({ text: 'No committee has recorded an outcome on this priority in the period yet.' })
      : table(['Committee', 'Meeting', 'Item', 'What we did', 'Contributions heard'], priority.outcomes.map((o) => [o.committee, o.heldOn, o.item, o.outcome ?? 'Discussed; no outcome recorded.', o.contributions])),
  );
  return blocks;
}

export async function renderReportDocx(content: ReportContent, version: ReportVersionRecord, images: ReadonlyMap<string, DocxImage>): Promise<Uint8Array> {
  const document = new Document({
    title: content.title,
    creator: 'Heard',
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: content.title }),
          new Paragraph({ text: `Period: ${content.periodStart} to ${content.periodEnd}, compared with ${content.previousStart} to ${content.previousEnd}.` }),
          new Paragraph({ text: `Report version ${version.version}, issued ${minute(new Date(version.issuedAt))} UTC. To cite it: ${version.id}` }),
          new Paragraph({ text: suppressionRule(content.threshold) }),
          ...content.priorities.flatMap((priority) => priorityBlocks(priority, images)),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
