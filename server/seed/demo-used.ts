import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { ReportModel } from '../modules/reports/report.model.ts';
import { publishedThemes } from '../modules/reports/used/used.service.ts';
import { REPORT_SLUG } from './demo-report.ts';

/**
 * "How your input was used" in the demo (issue 14 story 7). Demo responses are seeded without an
 * edit link; this gives one respondent of the concluded hearing a known one, so a newcomer can open
 * the respondent's page after the høringsnotat is published (README, "How your input was used").
 * Call it after the demo's report is published: before that there is nothing to show, and it does
 * nothing. The token is public on purpose — demo data only, like the demo accounts' passwords.
 */
export const DEMO_USED_TOKEN = 'Demo-SaadanBlevDitInputBrugt-FaellesLogin26';
export const DEMO_USED_PATH = `/responses/edit#token=${DEMO_USED_TOKEN}`;

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** The response the report quotes first, else the first one a summary sentence cites. */
async function demoRespondent(db: Db, consultationId: string, themes: ReportModel['themes']): Promise<string | null> {
  for (const theme of themes) {
    const quoted = theme.quotes.find((q) => q.itemKind === 'response');
    if (quoted) return quoted.itemId;
  }
  const cited = themes.flatMap((th) => th.sentences.flatMap((s) => s.codingIds));
  if (cited.length === 0) return null;
  const row = await db
    .selectFrom('codings')
    .select('itemId')
    .where('consultationId', '=', consultationId)
    .where('id', 'in', cited)
    .where('itemKind', '=', 'response')
    .where('status', '=', 'confirmed')
    .orderBy('createdAt')
    .executeTakeFirst();
  return row?.itemId ?? null;
}

/** Gives the demo respondent the known edit link (idempotent); null when there is no published report yet. */
export async function seedDemoUsed(db: Db): Promise<{ responseId: string; path: string } | null> {
  const c = await db.selectFrom('consultations').select('id').where('slug', '=', REPORT_SLUG).executeTakeFirst();
  if (!c) return null;
  const hash = hashOf(DEMO_USED_TOKEN);
  const existing = await db
    .selectFrom('responses')
    .select('id')
    .where('consultationId', '=', c.id)
    .where('editTokenHash', '=', hash)
    .executeTakeFirst();
  if (existing) return { responseId: existing.id, path: DEMO_USED_PATH };
  const themes = await publishedThemes(db, c.id);
  if (!themes) return null;
  const responseId = await demoRespondent(db, c.id, themes);
  if (!responseId) return null;
  await db
    .updateTable('responses')
    .set({ editTokenHash: hash })
    .where('consultationId', '=', c.id)
    .where('id', '=', responseId)
    .execute();
  return { responseId, path: DEMO_USED_PATH };
}
