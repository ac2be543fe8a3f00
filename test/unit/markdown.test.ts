import { describe, expect, it } from 'vitest';
import { renderMarkdown, splitLocalizedParagraphs, splitParagraphs } from '../../server/shared/markdown.ts';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    const html = renderMarkdown('Some **bold** and a [link](https://example.org/x).\n\n- one\n- two');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<a href="https://example.org/x" rel="noopener noreferrer">link</a>');
    expect(html).toContain('<li>one</li>');
  });

  it('turns h1 into h2 and keeps lower headings', () => {
    const html = renderMarkdown('# Title\n\n## Sub\n\n### Subsub');
    expect(html).not.toMatch(/<h1/);
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<h2>Sub</h2>');
    expect(html).toContain('<h3>Subsub</h3>');
  });

  it.each([
    ['a script block', '<script>alert(1)</script>\n\nText'],
    ['an inline script', 'Text <script>alert(1)</script> more'],
    ['a script with attributes', '<script src="https://evil.example/x.js"></script>'],
  ])('removes %s', (_name, md) => {
    const html = renderMarkdown(md);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('evil.example');
  });

  it.each([
    ['a Markdown link', '[click](javascript:alert(1))'],
    ['an upper-case scheme', '[click](JAVASCRIPT:alert(1))'],
    ['an entity-encoded colon', '[click](javascript&#58;alert(1))'],
    ['a raw anchor', '<a href="javascript:alert(1)">click</a>'],
    ['a data URL', '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['a vbscript URL', '[click](vbscript:msgbox(1))'],
    ['a protocol-relative URL', '<a href="//evil.example/">click</a>'],
  ])('makes %s inert', (_name, md) => {
    const html = renderMarkdown(md);
    expect(html.toLowerCase()).not.toContain('javascript');
    expect(html.toLowerCase()).not.toContain('vbscript');
    expect(html).not.toContain('data:');
    expect(html).not.toContain('evil.example');
    expect(html).toContain('click');
  });

  it.each([
    ['an img with onerror', '<img src="x" onerror="alert(1)">'],
    ['a Markdown image with an onerror in its title', '![x](https://example.org/a.png "t\\" onerror=\\"alert(1)")'],
    ['a paragraph with onclick', '<p onclick="alert(1)">hi</p>'],
    ['a link with onmouseover', '<a href="https://example.org" onmouseover="alert(1)">hi</a>'],
    ['an svg with onload', '<svg onload="alert(1)"></svg>'],
  ])('removes event handlers from %s', (_name, md) => {
    const html = renderMarkdown(md);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toMatch(/<img|<svg/i);
  });

  it.each([
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['style', '<style>body{display:none}</style>'],
    ['form', '<form action="https://evil.example"><input name="x"></form>'],
    ['object', '<object data="x.swf"></object>'],
    ['div with style', '<div style="position:fixed">boxed</div>'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">'],
  ])('drops raw HTML: %s', (tag, md) => {
    const html = renderMarkdown(md);
    expect(html).not.toMatch(new RegExp(`<${tag.split(' ')[0]}`, 'i'));
    expect(html).not.toContain('style=');
    expect(html).not.toContain('evil.example');
  });

  it('keeps the text of dropped raw HTML readable', () => {
    expect(renderMarkdown('<div>kept text</div>')).toContain('kept text');
  });

  it('shows an HTML-looking text in code as text', () => {
    const html = renderMarkdown('`<script>alert(1)</script>`');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<script/i);
  });

  it('adds rel=noopener to every link', () => {
    const html = renderMarkdown('[a](https://example.org "T")');
    expect(html).toContain('rel="noopener noreferrer"');
  });
});

describe('splitParagraphs', () => {
  const ID = /^p-[0-9a-f]{8}(-\d+)?$/;

  it('splits top-level blocks into paragraphs with p- + 8 hex ids', () => {
    const ps = splitParagraphs('# Heading\n\nFirst paragraph.\n\n- a\n- b\n\nLast *one*.');
    expect(ps).toHaveLength(4);
    for (const p of ps) expect(p.id).toMatch(/^p-[0-9a-f]{8}$/);
    expect(ps[0]!.html.trim()).toBe('<h2>Heading</h2>');
    expect(ps[3]!.text).toBe('Last one.');
    expect(ps[3]!.html).toContain('<em>one</em>');
  });

  it('keeps a paragraph’s id when other paragraphs change', () => {
    const before = splitParagraphs('Intro.\n\nThe stable paragraph.\n\nOutro.');
    const after = splitParagraphs(
      'A new first paragraph.\n\nIntro, rewritten.\n\nThe stable paragraph.\n\nOutro.\n\nMore.',
    );
    const stableBefore = before.find((p) => p.text === 'The stable paragraph.')!;
    const stableAfter = after.find((p) => p.text === 'The stable paragraph.')!;
    expect(stableAfter.id).toBe(stableBefore.id);
    expect(after.find((p) => p.text === 'Outro.')!.id).toBe(before.find((p) => p.text === 'Outro.')!.id);
    expect(after.find((p) => p.text === 'Intro, rewritten.')!.id).not.toBe(before[0]!.id);
  });

  it('ignores whitespace-only edits in the id', () => {
    const a = splitParagraphs('One  line\nwrapped.')[0]!;
    const b = splitParagraphs('One line wrapped.')[0]!;
    expect(a.id).toBe(b.id);
  });

  it('gives repeated paragraphs unique ids', () => {
    const ps = splitParagraphs('Same.\n\nOther.\n\nSame.\n\nSame.');
    const ids = ps.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(ID);
    expect(ids[2]).toBe(`${ids[0]}-2`);
    expect(ids[3]).toBe(`${ids[0]}-3`);
  });

  it('sanitises each paragraph', () => {
    const ps = splitParagraphs(
      'Safe.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>',
    );
    for (const p of ps) {
      expect(p.html).not.toMatch(/<script|onerror|javascript:|<img/i);
      expect(p.text).not.toMatch(/<|>/);
    }
  });

  it('returns no paragraphs for an empty description', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs('\n\n  \n')).toEqual([]);
  });
});

describe('splitLocalizedParagraphs', () => {
  it('gives a translated paragraph the same id in both languages', () => {
    const { da, en } = splitLocalizedParagraphs({ da: 'Første.\n\nAnden.', en: 'First.\n\nSecond.' });
    expect(en.map((p) => p.id)).toEqual(da.map((p) => p.id));
    expect(en.map((p) => p.text)).toEqual(['First.', 'Second.']);
  });

  it('keeps each language’s own ids when the block counts differ', () => {
    const { da, en } = splitLocalizedParagraphs({ da: 'Første.\n\nAnden.\n\nTredje.', en: 'First.\n\nSecond.' });
    expect(en.map((p) => p.id)).toEqual(splitParagraphs('First.\n\nSecond.').map((p) => p.id));
    expect(da).toHaveLength(3);
  });
});
