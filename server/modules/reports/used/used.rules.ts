import type { Localized } from '../../../db/schema.ts';
import type { ReportModel, ReportTheme } from '../report.model.ts';
import type { UsedTheme } from './used.schemas.ts';

/** Pure rules of "how your input was used" (issue 14 story 7). No I/O. */

/** What the rules need of a confirmed coding (never the coder or the note). */
export type OwnCoding = {
  id: string;
  tagId: string;
  tagName: Localized;
  itemId: string;
  startOffset: number | null;
  endOffset: number | null;
};

const EMPTY: Localized = { da: '', en: '' };

/**
 * The themes an item was coded with (confirmed codings) or is quoted under in the report, each with
 * the report's quotes of the item, whether a summary sentence cites its coding, and the agency's
 * answer. The report's theme order first, then the others by Danish name.
 */
export function themesOfItem(
  model: Pick<ReportModel, 'themes'>,
  item: { kind: string; id: string },
  codings: readonly OwnCoding[],
): UsedTheme[] {
  const own = codings.filter((c) => c.itemId === item.id);
  const codingIds = new Set(own.map((c) => c.id));
  const mine = (q: ReportTheme['quotes'][number]) =>
    codingIds.has(q.codingId) || (q.itemKind === item.kind && q.itemId === item.id);
  const names = new Map<string, Localized>();
  for (const c of own) if (!names.has(c.tagId)) names.set(c.tagId, c.tagName);
  for (const t of model.themes) if (t.quotes.some(mine) && !names.has(t.tagId)) names.set(t.tagId, t.name);
  const inReport = model.themes.filter((t) => names.has(t.tagId));
  const reportIds = new Set(inReport.map((t) => t.tagId));
  const rest = [...names].filter(([id]) => !reportIds.has(id)).sort(([, a], [, b]) => a.da.localeCompare(b.da, 'da'));
  return [
    ...inReport.map((t): UsedTheme => ({
      tagId: t.tagId,
      name: t.name,
      inReport: true,
      cited: t.sentences.some((s) => s.codingIds.some((id) => codingIds.has(id))),
      quotes: t.quotes.filter(mine).map((q) => ({ text: q.text })),
      answer: t.answer,
      answerReason: t.answerReason,
      changeMade: t.changeMade,
    })),
    ...rest.map(([tagId, name]): UsedTheme => ({
      tagId,
      name,
      inReport: false,
      cited: false,
      quotes: [],
      answer: null,
      answerReason: EMPTY,
      changeMade: EMPTY,
    })),
  ];
}

/**
 * A campaign member's own additions' coding: its codings less the whole-item codings of the themes
 * the campaign's shared text carries (coding a campaign codes every member with the same theme; that
 * is the campaign's answer, shown once as such).
 */
export function additionsCodings(member: readonly OwnCoding[], templateTagIds: ReadonlySet<string>): OwnCoding[] {
  return member.filter((c) => !(c.startOffset === null && templateTagIds.has(c.tagId)));
}

/** A comment's label on the page: its scenario and opening words. */
export function commentLabel(scenarioKey: string | null, body: string, max = 80): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  const words = flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
  return scenarioKey ? `${scenarioKey}: ${words}` : words;
}
