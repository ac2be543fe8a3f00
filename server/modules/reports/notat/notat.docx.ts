import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportModel } from '../report.model.ts';
import { type Block, buildDocument, type DocOptions, type Inline } from './notat.document.ts';
import { absolute, originOf } from './notat.html.ts';
import { type Lang, TEXT } from './notat.text.ts';

/**
 * The høringsnotat as a Word document (issue 14 story 6) for the ministry's own editing: real
 * headings (Word's navigation pane and table of contents find them), tables and links, from the
 * same document as the HTML.
 */
type Run = TextRun | ExternalHyperlink;

function runs(parts: readonly Inline[], origin: string, italics = false): Run[] {
  return parts.flatMap((x): Run[] => {
    switch (x.t) {
      case 'text':
        return x.text ? [new TextRun({ text: x.text, italics })] : [];
      case 'count':
        return [
          new ExternalHyperlink({
            link: absolute(origin, x.count.href),
            children: [new TextRun({ text: x.text, style: 'Hyperlink' })],
          }),
        ];
      case 'link':
        return [
          new ExternalHyperlink({
            link: absolute(origin, x.href),
            children: [new TextRun({ text: x.text, style: 'Hyperlink' })],
          }),
        ];
      case 'tick':
        return x.on ? [new TextRun({ text: 'X', bold: true })] : [];
    }
  });
}

const LEVEL = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function children(b: Block, origin: string, lang: Lang): (Paragraph | Table)[] {
  switch (b.b) {
    case 'title':
      return [new Paragraph({ heading: HeadingLevel.TITLE, text: b.text }), new Paragraph({ text: b.sub })];
    case 'h':
      return [new Paragraph({ heading: LEVEL[b.level], text: b.text })];
    case 'p':
      return [new Paragraph({ children: runs(b.parts, origin, b.small) })];
    case 'toc':
      return [
        new Paragraph({ children: [new TextRun({ text: TEXT[lang].contents, bold: true })] }),
        ...b.items.map((i) => new Paragraph({ text: i.text, indent: { left: (i.level - 1) * 360 } })),
      ];
    case 'table': {
      const cell = (content: Run[], i: number, bold = false) =>
        new TableCell({
          children: [
            new Paragraph({
              alignment: b.numeric?.includes(i) ? AlignmentType.RIGHT : AlignmentType.LEFT,
              children: bold ? content.map((r) => r) : content,
            }),
          ],
        });
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              tableHeader: true,
              children: b.head.map((h, i) => cell([new TextRun({ text: h, bold: true })], i, true)),
            }),
            ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(runs(c, origin), i)) })),
          ],
        }),
        new Paragraph({ text: '' }),
      ];
    }
    case 'list':
      return b.items.map((i) => new Paragraph({ bullet: { level: 0 }, children: runs(i, origin) }));
    case 'quote':
      return [
        new Paragraph({
          indent: { left: 567 },
          children: [
            new TextRun({ text: `“${b.text}” `, italics: true }),
            b.href
              ? new ExternalHyperlink({
                  link: absolute(origin, b.href),
                  children: [new TextRun({ text: `(${b.label})`, style: 'Hyperlink' })],
                })
              : new TextRun({ text: `(${b.label})` }),
          ],
        }),
      ];
  }
}

export async function renderDocx(m: ReportModel, lang: Lang, opts: DocOptions): Promise<Buffer> {
  const origin = originOf(m);
  const blocks = buildDocument(m, lang, opts);
  const doc = new Document({
    creator: 'Samråd',
    title: `${TEXT[lang].title} ${TEXT[lang].about(m.consultation.title[lang] || m.consultation.title.da)}`,
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children: blocks.flatMap((b) => children(b, origin, lang)) }],
  });
  return Packer.toBuffer(doc);
}
