import type { ReportModel } from '../report.model.ts';
import { type Block, buildDocument, type DocOptions, type Inline } from './notat.document.ts';
import { absolute, originOf } from './notat.html.ts';
import type { Lang } from './notat.text.ts';

/** The høringsnotat as Markdown (CommonMark with pipe tables), from the same document as the HTML. */
const escMd = (s: string) => s.replace(/([\\`*_[\]<>|#])/g, '\\$1');

function inline(x: Inline, origin: string): string {
  switch (x.t) {
    case 'text':
      return escMd(x.text);
    case 'count':
      return `[${escMd(x.text)}](${absolute(origin, x.count.href)})`;
    case 'link':
      return `[${escMd(x.text)}](${absolute(origin, x.href)})`;
    case 'tick':
      return x.on ? '✓' : '';
  }
}

function block(b: Block, origin: string, lang: Lang): string {
  const parts = (xs: readonly Inline[]) => xs.map((x) => inline(x, origin)).join('');
  switch (b.b) {
    case 'title':
      return `# ${escMd(b.text)}\n\n**${escMd(b.sub)}**`;
    case 'h':
      return `<a id="${b.id}"></a>\n\n${'#'.repeat(b.level + 1)} ${escMd(b.text)}`;
    case 'p':
      return b.small ? `*${parts(b.parts)}*` : parts(b.parts);
    case 'toc':
      return [
        `**${lang === 'da' ? 'Indhold' : 'Contents'}**`,
        '',
        ...b.items.map((i) => `${'  '.repeat(i.level - 1)}- [${escMd(i.text)}](#${i.id})`),
      ].join('\n');
    case 'table': {
      const align = b.head.map((_, i) => (b.numeric?.includes(i) ? '---:' : '---'));
      return [
        `| ${b.head.map(escMd).join(' | ')} |`,
        `| ${align.join(' | ')} |`,
        ...b.rows.map((r) => `| ${r.map((c) => parts(c) || ' ').join(' | ')} |`),
      ].join('\n');
    }
    case 'list':
      return b.items.map((i) => `- ${parts(i)}`).join('\n');
    case 'quote':
      return `> “${escMd(b.text)}” ${b.href ? `([${escMd(b.label)}](${absolute(origin, b.href)}))` : `(${escMd(b.label)})`}`;
  }
}

export function renderMarkdown(m: ReportModel, lang: Lang, opts: DocOptions): string {
  const origin = originOf(m);
  return `${buildDocument(m, lang, opts)
    .map((b) => block(b, origin, lang))
    .join('\n\n')}\n`;
}
