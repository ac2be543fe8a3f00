import { createHash } from 'node:crypto';
import { Marked, type Token } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown → safe HTML. `marked` parses (GFM, no raw HTML passes through: the sanitiser drops
 * anything outside the allowlist), `sanitize-html` cleans. User text is never trusted.
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'b',
    'i',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'hr',
    'del',
    'abbr',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], th: ['scope'], abbr: ['title'], ol: ['start'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowProtocolRelative: false,
  // A description's "# Heading" must not compete with the page's own h1.
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
  },
};

export function renderMarkdown(md: string): string {
  return sanitizeHtml(marked.parse(md) as string, SANITIZE);
}

export type Paragraph = { id: string; html: string; text: string };

const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Splits Markdown into its top-level blocks, each an addressable paragraph. The id is derived from
 * the block's own text (`p-` + 8 hex of its SHA-256), so an unchanged paragraph keeps its id across
 * versions of the description and `#p-…` links stay valid; repeats get `-2`, `-3`.
 */
export function splitParagraphs(md: string): Paragraph[] {
  const tokens = marked.lexer(md).filter((t: Token) => t.type !== 'space' && t.type !== 'def');
  const seen = new Map<string, number>();
  return tokens.map((token) => {
    const base = 'p-' + createHash('sha256').update(normalize(token.raw)).digest('hex').slice(0, 8);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const html = sanitizeHtml(marked.parser([token]) as string, SANITIZE);
    const text = normalize(sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }));
    return { id: n === 1 ? base : `${base}-${n}`, html, text };
  });
}

/**
 * Splits both languages of a description. When the Danish and English texts have the same number
 * of blocks (the normal case: a translation), the English blocks take the Danish ids, so `#p-…`
 * links and comments anchored to a paragraph mean the same paragraph in both languages.
 */
export function splitLocalizedParagraphs(md: { da: string; en: string }): { da: Paragraph[]; en: Paragraph[] } {
  const da = splitParagraphs(md.da);
  const en = splitParagraphs(md.en);
  if (da.length === en.length) return { da, en: en.map((p, i) => ({ ...p, id: da[i]!.id })) };
  return { da, en };
}
