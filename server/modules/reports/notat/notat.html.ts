import type { ReportModel } from '../report.model.ts';
import { type Block, buildDocument, type DocOptions, type Inline } from './notat.document.ts';
import type { Lang } from './notat.text.ts';

/**
 * The høringsnotat as a print-ready HTML page (issue 14 story 6): A4 margins, page breaks before
 * the main sections, link targets printed after each count; PDF through the browser's print.
 * Self-contained (inline CSS, no script), so a downloaded copy prints the same.
 */
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Links in the report are made absolute on the public address, so a copy saved to disk still works. */
export const absolute = (origin: string, href: string) => (/^https?:\/\//.test(href) ? href : `${origin}${href}`);
export const originOf = (m: ReportModel) => {
  try {
    return new URL(m.consultation.publicUrl).origin;
  } catch {
    return '';
  }
};

const CSS = `
:root { color-scheme: light; }
body { font-family: Georgia, 'Times New Roman', serif; font-size: 11pt; line-height: 1.45; color: #1a1a1a;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, .title { font-family: 'IBM Plex Sans', Arial, sans-serif; }
.title { font-size: 24pt; font-weight: 700; margin: 0; }
.sub { font-size: 14pt; margin: 0 0 1rem; }
h1 { font-size: 15pt; margin-top: 2rem; } h2 { font-size: 12.5pt; margin-top: 1.4rem; } h3 { font-size: 11pt; }
.small { font-size: 9pt; color: #444; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #bbb; padding: .25rem .4rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
blockquote { margin: .5rem 0 .5rem 1rem; padding-left: .8rem; border-left: 3px solid #888; font-style: italic; }
a { color: #004b87; }
nav ol { list-style: none; padding-left: 0; } nav ol ol { padding-left: 1.2rem; }
@page { size: A4; margin: 20mm 18mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h1 { break-before: page; } h1, h2, h3 { break-after: avoid; } tr, blockquote { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a.count::after { content: ' [' attr(data-href) ']'; font-size: 7pt; color: #555; }
}`;

function inline(x: Inline, origin: string): string {
  switch (x.t) {
    case 'text':
      return esc(x.text);
    case 'count': {
      const href = absolute(origin, x.count.href);
      return `<a class="count" href="${esc(href)}" data-href="${esc(x.count.href)}">${esc(x.text)}</a>`;
    }
    case 'link':
      return `<a href="${esc(absolute(origin, x.href))}">${esc(x.text)}</a>`;
    case 'tick':
      return x.on ? '<span aria-label="✓" role="img">✓</span>' : '';
  }
}

function block(b: Block, origin: string, lang: Lang): string {
  const parts = (xs: readonly Inline[]) => xs.map((x) => inline(x, origin)).join('');
  switch (b.b) {
    case 'title':
      return `<header><p class="title">${esc(b.text)}</p><p class="sub">${esc(b.sub)}</p></header>`;
    case 'h':
      return `<h${b.level} id="${esc(b.id)}">${esc(b.text)}</h${b.level}>`;
    case 'p':
      return `<p${b.small ? ' class="small"' : ''}>${parts(b.parts)}</p>`;
    case 'toc': {
      const items = b.items
        .map((i) => `<li class="l${i.level}"><a href="#${esc(i.id)}">${esc(i.text)}</a></li>`)
        .join('');
      return `<nav aria-labelledby="toc"><h2 id="toc">${lang === 'da' ? 'Indhold' : 'Contents'}</h2><ol>${items}</ol></nav>`;
    }
    case 'table': {
      const cls = (i: number) => (b.numeric?.includes(i) ? ' class="num"' : '');
      const head = b.head.map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`).join('');
      const rows = b.rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${parts(c)}</td>`).join('')}</tr>`).join('');
      return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${parts(i)}</li>`).join('')}</ul>`;
    case 'quote':
      return `<blockquote><p>“${esc(b.text)}” ${
        b.href ? `<a href="${esc(absolute(origin, b.href))}">(${esc(b.label)})</a>` : `(${esc(b.label)})`
      }</p></blockquote>`;
  }
}

export function renderHtml(m: ReportModel, lang: Lang, opts: DocOptions): string {
  const doc = buildDocument(m, lang, opts);
  const origin = originOf(m);
  const title = doc[0]?.b === 'title' ? `${doc[0].text} ${doc[0].sub}` : 'Høringsnotat';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${opts.draft ? '<meta name="robots" content="noindex">\n' : ''}<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${doc.map((b) => block(b, origin, lang)).join('\n')}
</main>
</body>
</html>
`;
}
