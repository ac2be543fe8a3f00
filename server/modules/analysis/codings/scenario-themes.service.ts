import type { Db } from '../../../db/database.ts';
import type { CodingItemKind, Localized } from '../../../db/schema.ts';
import { redactQuotesForReviewers } from '../privacy/privacy.service.ts';
import * as repo from './scenario-themes.repository.ts';

/**
 * What the codings say about each scenario, for the scenario scorecard (issue 14 story 2). The
 * caller (server/modules/reviews/scorecard) has checked that the reader may review the consultation.
 */

export type { ThemeCountRow } from './scenario-themes.repository.ts';

/** Every scenario's coded items by top-level theme, stance, acting-as and campaign membership (the heavy count). */
export const scenarioThemeRows = (db: Db, consultationId: string) => repo.themeCounts(db, consultationId);

/** The consultation's top-level themes with their names, in codebook order. */
export async function scenarioThemeNames(db: Db, consultationId: string) {
  const themes = await repo.themeNames(db, consultationId);
  return themes.map((t) => ({ id: t.id, name: t.name as Localized, position: t.position }));
}

/**
 * A few quoted passages per scenario and top-level theme (for or against first): of every scenario,
 * or of one (`scenarioId`), optionally only on some items (a party's answer). Letters and e-mails
 * entered by staff (stakeholder inputs) are not scanned for personal data, so a reader who is not
 * staff gets no quotes from them. Not yet redacted: pass what is shown through `redactScenarioQuotes`.
 */
export async function scenarioQuotes(
  db: Db,
  consultationId: string,
  opts: { perTheme: number; staff: boolean; scenarioId?: string; items?: readonly string[] },
) {
  const kinds: CodingItemKind[] = opts.staff
    ? ['response', 'comment', 'finding', 'stakeholder_input']
    : ['response', 'comment', 'finding'];
  return repo.scenarioQuotes(db, consultationId, { ...opts, kinds });
}
export type ScenarioQuote = repo.QuoteRow;

/**
 * The quoted text of the given codings that are still confirmed, by coding id: a stored choice of
 * quotes (the scorecard keeps ids and offsets, never the text) gets its words read live, and a
 * coding removed since is left out.
 */
export async function quoteTexts(db: Db, consultationId: string, codingIds: readonly string[]) {
  return new Map((await repo.quoteTexts(db, consultationId, codingIds)).map((r) => [r.id, r.quote]));
}

/** Quotes with every personal-data passage not rejected cut out; a quote that cannot be placed is left out. */
export async function redactScenarioQuotes(db: Db, consultationId: string, quotes: readonly repo.QuoteRow[]) {
  return (await redactQuotesForReviewers(db, consultationId, quotes)).filter((q): q is repo.QuoteRow => q !== null);
}
