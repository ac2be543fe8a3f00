import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { buildDocument, inlineText } from '../../server/modules/reports/notat/notat.document.ts';
import { renderDocx } from '../../server/modules/reports/notat/notat.docx.ts';
import { renderHtml } from '../../server/modules/reports/notat/notat.html.ts';
import { renderMarkdown } from '../../server/modules/reports/notat/notat.markdown.ts';
import { canReport } from '../../server/modules/reports/notat/notat.policy.ts';
import { hearingDays, inboxHref, inboxQueryOf } from '../../server/modules/reports/notat/notat.rules.ts';
import { REPORT_FORMAT, type ReportModel, type ReportTheme } from '../../server/modules/reports/report.model.ts';

// Issue 14 story 6: the høringsnotat's document, its renderers and its traceability links (pure).

const CID = '11111111-1111-4111-8111-111111111111';
const link = (n: number, params: Record<string, string> = {}) => ({ n, href: inboxHref(CID, params) });
const theme = (id: string, over: Partial<ReportTheme> = {}): ReportTheme => ({
  tagId: id,
  name: { da: `Tema ${id}`, en: `Theme ${id}` },
  parentId: null,
  depth: 0,
  count: link(2, { tag: id }),
  summarised: false,
  answer: null,
  answerReason: { da: '', en: '' },
  changeMade: { da: '', en: '' },
  sentences: [],
  quotes: [],
  ...over,
});

function model(over: Partial<ReportModel> = {}): ReportModel {
  return {
    format: REPORT_FORMAT,
    consultationId: CID,
    number: 3,
    generatedAt: '2026-12-01T10:00:00.000Z',
    consultation: {
      slug: 'hoering',
      title: { da: 'Fælles log-in', en: 'Common log-in' },
      publicUrl: 'https://samraad.example/consultations/hoering',
      hoeringsportalenUrl: 'https://hoeringsportalen.dk/Hearing/Details/1',
    },
    period: { opensAt: '2026-10-01T08:00:00.000Z', closesAt: '2026-10-22T08:00:00.000Z', days: 21 },
    indexedUpTo: '2026-12-01T09:59:00.000Z',
    parties: [
      { name: 'Danske Regioner', status: 'no_answer', late: false },
      { name: 'KL', status: 'responded', late: true },
      { name: 'Ældre Sagen', status: 'no_comments', late: false },
    ],
    input: {
      total: link(7),
      byKind: [
        { kind: 'response', count: link(6, { kind: 'response' }) },
        { kind: 'comment', count: link(1, { kind: 'comment' }) },
      ],
      byActingAs: [{ actingAs: 'citizen', count: link(6, { kind: 'response', actingAs: 'citizen' }) }],
      byChannel: [{ channel: 'web', count: link(6, { kind: 'response', channel: 'web' }) }],
      campaigns: [
        { campaignId: 'c1', label: { da: 'Kampagne 1', en: 'Campaign 1' }, count: link(4, { campaign: 'c1' }) },
      ],
    },
    themes: [
      theme('a', {
        summarised: true,
        sentences: [{ text: { da: 'Mange vil have kodekort.', en: 'Many want code cards.' }, codingIds: ['k1'] }],
        answer: 'partly',
        answerReason: { da: 'Kodekort bevares i 2 år.', en: 'Code cards stay for 2 years.' },
        changeMade: { da: 'Overgangsperiode indført.', en: 'A transition period was added.' },
        quotes: [
          {
            codingId: 'k1',
            itemKind: 'response',
            itemId: 'r1',
            text: 'Jeg <script>alert(1)</script> har | ingen telefon',
          },
        ],
      }),
      theme('b', { parentId: 'a', depth: 1 }),
      theme('c'),
    ],
    changes: [
      {
        tagId: 'a',
        name: { da: 'Tema a', en: 'Theme a' },
        text: { da: 'Overgangsperiode indført.', en: 'A transition period was added.' },
      },
    ],
    decision: {
      roundNumber: 2,
      outcomes: [
        {
          scenarioId: 's1',
          key: 'S1',
          title: { da: 'NemLog-in', en: 'NemLog-in' },
          outcome: 'selected',
          reasons: 'Billigst.',
          evidence: [{ kind: 'ranking', ref: '/x', label: 'Rangordningen' }],
        },
      ],
      approval: {
        approvedBy: 'Digitaliseringsbestyrelsen',
        approvedAt: '2026-11-30T10:00:00.000Z',
        documentRef: 'https://ft.dk/1',
      },
    },
    ...over,
  };
}

const headings = (m: ReportModel, lang: 'da' | 'en') =>
  buildDocument(m, lang, { draft: false, staffLinks: true }).flatMap((b) => (b.b === 'h' ? [b.text] : []));

describe('the høringsnotat document', () => {
  it('follows lovkvalitet 9.1.6: period, høringsliste, overview, themes numbered by the codebook tree, changes, decision', () => {
    expect(headings(model(), 'da')).toEqual([
      '1. Høringen',
      '1.1 Høringsperiode',
      '1.2 Hørte myndigheder og organisationer',
      '2. Oversigt over høringssvarene',
      'Kampagner',
      '3. Bemærkninger til de enkelte temaer',
      '3.1 Tema a',
      '3.1.1 Tema b',
      '3.2 Tema c',
      '4. Ændringer efter høringen',
      '5. Beslutning',
      'S1: NemLog-in (Valgt)',
    ]);
    expect(headings(model(), 'en')[1]).toBe('1.1 Consultation period');
  });

  it('states the period in days, flags one under 4 weeks, and names where it was published', () => {
    const text = buildDocument(model(), 'da', { draft: false, staffLinks: true })
      .flatMap((b) => (b.b === 'p' ? [inlineText(b.parts)] : []))
      .join('\n');
    expect(text).toContain(
      'Høringen var åben fra 1. oktober 2026 til 22. oktober 2026 (21 dage). Høringsperioden var kortere end 4 uger.',
    );
    expect(text).toContain(
      'https://samraad.example/consultations/hoering og på Høringsportalen (https://hoeringsportalen.dk/Hearing/Details/1).',
    );
    expect(text).toContain('Kommentar: Delvist imødekommet. Kodekort bevares i 2 år.');
    expect(text).toContain('Der er endnu ikke skrevet en sammenfatning af dette tema.');
    expect(text).toContain('Godkendt politisk af Digitaliseringsbestyrelsen den 30. november 2026.');
    const noDates = buildDocument(model({ period: { opensAt: null, closesAt: null, days: null } }), 'en', {
      draft: true,
      staffLinks: true,
    });
    expect(
      noDates.some((b) => b.b === 'p' && inlineText(b.parts).startsWith('The consultation period is not set.')),
    ).toBe(true);
    expect(noDates.some((b) => b.b === 'p' && inlineText(b.parts) === 'Draft, version 3. Not published.')).toBe(true);
  });

  it('ticks the parties that answered and notes no comments and late answers', () => {
    const table = buildDocument(model(), 'en', { draft: false, staffLinks: true }).find((b) => b.b === 'table')!;
    if (table.b !== 'table') throw new Error('no table');
    expect(table.rows.map((r) => r.map(inlineText))).toEqual([
      ['Danske Regioner', '', ''],
      ['KL', '✓', 'Answer received after the deadline'],
      ['Ældre Sagen', '✓', 'No comments'],
    ]);
  });

  it('links every number to the inbox view that counts it', () => {
    const counts = buildDocument(model(), 'da', { draft: false, staffLinks: true }).flatMap((b) => {
      const parts = b.b === 'p' ? b.parts : b.b === 'list' ? b.items.flat() : b.b === 'table' ? b.rows.flat(2) : [];
      return parts.flatMap((x) => (x.t === 'count' ? [x] : []));
    });
    // total, 2 kinds, 1 sender type, 1 channel, 1 campaign, 3 themes
    expect(counts).toHaveLength(9);
    for (const c of counts) expect(c.text).toBe(String(c.count.n));
    expect(counts.map((c) => c.count.href)).toContain(`/admin/consultations/${CID}/inbox?kind=response&channel=web`);
  });
});

describe('traceability links', () => {
  it('round-trip the inbox filters through the href', () => {
    const href = inboxHref(CID, { kind: 'response', actingAs: 'public_authority' });
    expect(href).toBe(`/admin/consultations/${CID}/inbox?kind=response&actingAs=public_authority`);
    expect(Object.fromEntries(inboxQueryOf(href))).toEqual({ kind: 'response', actingAs: 'public_authority' });
    expect(inboxQueryOf(inboxHref(CID)).toString()).toBe('');
  });

  it('count a hearing’s days', () => {
    expect(hearingDays(new Date('2026-10-01T08:00:00Z'), new Date('2026-10-29T08:00:00Z'))).toBe(28);
    expect(hearingDays(null, new Date())).toBeNull();
  });
});

describe('renderers', () => {
  it('HTML escapes what the input says, prints links after counts and carries no script', () => {
    const html = renderHtml(model(), 'da', { draft: false, staffLinks: true });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain(
      `<a class="count" href="https://samraad.example/admin/consultations/${CID}/inbox?tag=a" data-href="/admin/consultations/${CID}/inbox?tag=a">2</a>`,
    );
    expect(html).toContain("a.count::after { content: ' [' attr(data-href) ']'");
    expect(html).toContain('<h2 id="s1-1">1.1 Høringsperiode</h2>');
  });

  it('Markdown escapes table pipes and markup', () => {
    const md = renderMarkdown(model(), 'en', { draft: false, staffLinks: true });
    expect(md).toContain('Jeg \\<script\\>alert(1)\\</script\\> har \\| ingen telefon');
    expect(md).toContain('| KL | ✓ | Answer received after the deadline |');
    expect(md).toContain(`[7](https://samraad.example/admin/consultations/${CID}/inbox)`);
  });

  it('DOCX parses back with the same headings and text', async () => {
    const buffer = await renderDocx(model(), 'en', { draft: false, staffLinks: true });
    const { value } = await mammoth.convertToHtml({ buffer });
    expect(value).toContain('<h1>1. The consultation</h1>');
    expect(value).toContain('<h2>3.1 Theme a</h2>');
    expect(value).toContain('<h3>3.1.1 Theme b</h3>');
    expect(value).toContain('&lt;script&gt;');
  });

  it('the public files name their figures and sources without leading into the staff inbox', async () => {
    const opts = { draft: false, staffLinks: false };
    const html = renderHtml(model(), 'da', opts);
    expect(html).not.toContain('/admin/');
    expect(html).not.toContain('class="count"');
    expect(html).toContain('<blockquote>');
    const md = renderMarkdown(model(), 'en', opts);
    expect(md).not.toContain('/admin/');
    expect(md).toMatch(/^> “.*” \(source\)$/m);
    const { value } = await mammoth.convertToHtml({ buffer: await renderDocx(model(), 'en', opts) });
    expect(value).not.toContain('/admin/');
    // The same words and figures: only the links are left out.
    const text = (o: typeof opts) =>
      buildDocument(model(), 'da', o).map((b) => (b.b === 'p' ? inlineText(b.parts) : b.b === 'quote' ? b.text : ''));
    expect(text(opts)).toEqual(text({ ...opts, staffLinks: true }));
  });
});

describe('who may do what', () => {
  const actor = (roles: ('admin' | 'analyst' | 'reviewer' | 'participant')[]) => ({
    id: 'u',
    email: 'e',
    displayName: 'd',
    roles,
  });
  it('drafts for analysts and admins, publishing for admins', () => {
    expect(canReport(actor(['analyst']), 'generate')).toBe(true);
    expect(canReport(actor(['analyst']), 'publish')).toBe(false);
    expect(canReport(actor(['admin']), 'publish')).toBe(true);
    expect(canReport(actor(['reviewer']), 'read')).toBe(false);
    expect(canReport(null, 'read')).toBe(false);
  });
});
