import type { Db } from '../../../db/database.ts';
import type { CodingItemKind, Localized } from '../../../db/schema.ts';
import { redactQuotesForReviewers } from '../privacy/privacy.service.ts';
import * as repo from './scenario-themes.repository.ts';

/**
 * What the codings say about each scenario, for the scenario scorecard (issue 14 story 2). The
 * caller (server/modules/reviews/scorecard) has checked that the reader may review the consultation.
 */

export type { ThemeCountRow } from './scenario-themes.repository.ts';

/** Every scenario's coded items by top-level theme, stance, acting-as and campaign membership, and the themes' names. */
export async function scenarioThemeCounts(db: Db, consultationId: string) {
  const [rows, themes] = await Promise.all([repo.themeCounts(db, consultationId), repo.themeNames(db, consultationId)]);
  return {
    rows,
    themes: themes.map((t) => ({ id: t.id, name: t.name as Localized, position: t.position })),
  };
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

/** Quotes with every personal-data passage not rejected cut out; a quote that cannot be placed is left out. */
export async function redactScenarioQuotes(db: Db, consultationId: string, quotes: readonly repo.QuoteRow[]) {
  return (await redactQuotesForReviewers(db, consultationId, quotes)).filter((q): q is repo.QuoteRow => q !== null);
}
