import type { Db } from '../../../db/database.ts';
import type { CodingItemKind, Localized } from '../../../db/schema.ts';
import { redactQuotes } from '../privacy/privacy.service.ts';
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
 * A few quoted passages about a scenario per top-level theme (for or against first), with every
 * personal-data passage not rejected cut out. Letters and e-mails entered by staff (stakeholder
 * inputs) are not scanned for personal data, so a reader who is not staff gets no quotes from them.
 */
export async function scenarioQuotes(
  db: Db,
  consultationId: string,
  scenarioId: string,
  opts: { perTheme: number; staff: boolean; items?: readonly string[] },
) {
  const kinds: CodingItemKind[] = opts.staff
    ? ['response', 'comment', 'finding', 'stakeholder_input']
    : ['response', 'comment', 'finding'];
  const rows = await repo.scenarioQuotes(db, consultationId, scenarioId, { ...opts, kinds });
  return (await redactQuotes(db, consultationId, rows)).filter((q): q is repo.QuoteRow => q !== null);
}
