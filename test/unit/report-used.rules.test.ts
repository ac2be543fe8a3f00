import { describe, expect, it } from 'vitest';
import { parseStoredTemplate, renderMail, storedTemplate } from '../../server/modules/mail/mail.templates.ts';
import type { ReportTheme } from '../../server/modules/reports/report.model.ts';
import {
  additionsCodings,
  commentLabel,
  themesOfItem,
  type OwnCoding,
} from '../../server/modules/reports/used/used.rules.ts';

// Issue 14 story 7: what an item's author sees of its coding in the published report.

const L = (s: string) => ({ da: `${s} (da)`, en: s });
const ITEM = { kind: 'response', id: 'r1' };
const coding = (id: string, tagId: string, span = false): OwnCoding => ({
  id,
  tagId,
  tagName: L(tagId),
  itemId: 'r1',
  startOffset: span ? 0 : null,
  endOffset: span ? 5 : null,
});
const theme = (tagId: string, t: Partial<Omit<ReportTheme, 'count' | 'tagId'>> = {}): Omit<ReportTheme, 'count'> => ({
  tagId,
  name: L(tagId),
  parentId: null,
  depth: 0,
  summarised: false,
  answer: null,
  answerReason: L(''),
  changeMade: L(''),
  sentences: [],
  quotes: [],
  ...t,
});
const model = (...themes: Omit<ReportTheme, 'count'>[]) => ({
  themes: themes.map((t) => ({ ...t, count: { n: 0, href: '' } })),
});

describe('themesOfItem', () => {
  it('lists the report’s themes first, in its order, with only this item’s quotes and the answer', () => {
    const m = model(
      theme('cost', { answer: 'not_accommodated' }),
      theme('access', {
        answer: 'partly',
        sentences: [{ text: L('s'), codingIds: ['c1'] }],
        quotes: [
          { codingId: 'c1', itemKind: 'response', itemId: 'r1', text: 'mine' },
          { codingId: 'x', itemKind: 'response', itemId: 'r2', text: 'theirs' },
        ],
      }),
    );
    const out = themesOfItem(m, ITEM, [coding('c1', 'access', true), coding('c2', 'zeta'), coding('c3', 'cost')]);
    expect(out.map((t) => [t.tagId, t.inReport, t.cited, t.answer, t.quotes.map((q) => q.text)])).toEqual([
      ['cost', true, false, 'not_accommodated', []],
      ['access', true, true, 'partly', ['mine']],
      ['zeta', false, false, null, []],
    ]);
  });

  it('adds a theme the report quotes the item under even without a coding of that theme here', () => {
    const m = model(theme('privacy', { quotes: [{ codingId: 'q', itemKind: 'response', itemId: 'r1', text: 'x' }] }));
    expect(themesOfItem(m, ITEM, []).map((t) => [t.tagId, t.quotes.length])).toEqual([['privacy', 1]]);
    // Another kind with the same id is not this item.
    expect(themesOfItem(m, { kind: 'comment', id: 'r1' }, [])).toEqual([]);
  });

  it('is empty for an item neither coded nor quoted', () => {
    expect(themesOfItem(model(theme('cost')), ITEM, [])).toEqual([]);
  });
});

describe('additionsCodings', () => {
  it('leaves out the whole-item codings of the campaign’s themes, keeps passages and other themes', () => {
    const own = [coding('a', 'cost'), coding('b', 'cost', true), coding('c', 'access')];
    expect(additionsCodings(own, new Set(['cost'])).map((c) => c.id)).toEqual(['b', 'c']);
  });
});

describe('commentLabel', () => {
  it('names the scenario and shortens a long comment on one line', () => {
    expect(commentLabel('S1', 'Kort\n  tekst')).toBe('S1: Kort tekst');
    const long = commentLabel(null, 'ord '.repeat(50), 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('the notice mail (report_used)', () => {
  const respondent = {
    consultationTitle: 'Fælles log-in',
    receiptCode: 'K7-ABCD',
    link: 'https://x.example/consultations/f',
  };
  it('is kept and rendered in the recipient’s language', () => {
    const t = { kind: 'report_used' as const, data: respondent };
    expect(renderMail(parseStoredTemplate(JSON.parse(storedTemplate(t))), 'da')).toEqual(renderMail(t, 'da'));
    const da = renderMail(t, 'da');
    const en = renderMail(t, 'en');
    expect(da.subject).toBe('Høringsnotatet er offentliggjort: Fælles log-in');
    expect(en.subject).toBe('The consultation report has been published: Fælles log-in');
    expect(da.text).toContain('K7-ABCD');
    expect(da.text).toContain('kvittering');
    expect(en.text).toContain(respondent.link);
  });

  it('sends a participant to their account page, without a receipt code', () => {
    const link = 'https://x.example/profile/used?consultation=f';
    const m = renderMail({ kind: 'report_used', data: { ...respondent, receiptCode: null, link } }, 'en');
    expect(m.text).toContain(link);
    expect(m.text).not.toContain('Receipt code');
  });
});
