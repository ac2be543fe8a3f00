import { sql } from 'kysely';
import type { Db } from '../../server/db/database.ts';
import { REPORT_FORMAT, type ReportModel, type ReportTheme } from '../../server/modules/reports/report.model.ts';

/**
 * Publishes a høringsnotat version for a test (issue 14 story 7): the generator is another module's,
 * so the tests of "how your input was used" write the published row with a model they build from
 * their own codings, per the contract in report.model.ts. A version published earlier is superseded.
 */
export async function publishReport(
  db: Db,
  consultationId: string,
  themes: Omit<ReportTheme, 'count'>[],
): Promise<{ id: string; number: number }> {
  const { rows } = await sql<{ n: number }>`
    select coalesce(max(number), 0)::int + 1 as n from report_versions where consultation_id = ${consultationId}`.execute(
    db,
  );
  const number = rows[0]!.n;
  const model: ReportModel = {
    format: REPORT_FORMAT,
    consultationId,
    number,
    generatedAt: new Date().toISOString(),
    consultation: { slug: '', title: { da: '', en: '' }, publicUrl: '', hoeringsportalenUrl: null },
    period: { opensAt: null, closesAt: null, days: null },
    indexedUpTo: null,
    parties: [],
    input: {
      total: { n: 0, href: `/admin/consultations/${consultationId}/inbox` },
      byKind: [],
      byActingAs: [],
      byChannel: [],
      campaigns: [],
    },
    changes: [],
    decision: null,
    themes: themes.map((t) => ({
      ...t,
      count: { n: t.quotes.length, href: `/admin/consultations/${consultationId}/inbox` },
    })),
  };
  await sql`update report_versions set status = 'superseded'
    where consultation_id = ${consultationId} and status = 'published'`.execute(db);
  const inserted = await sql<{ id: string }>`
    insert into report_versions (consultation_id, number, status, progress, model, generated_at, published_at)
    values (${consultationId}, ${number}, 'published', 1, ${JSON.stringify(model)}::jsonb, now(), now())
    returning id`.execute(db);
  return { id: inserted.rows[0]!.id, number };
}

/** A theme of the model with the agency's answer; `sentences` and `quotes` as given. */
export function reportTheme(
  tag: { id: string; name: { da: string; en: string } },
  t: Partial<Omit<ReportTheme, 'count' | 'tagId' | 'name'>> = {},
): Omit<ReportTheme, 'count'> {
  return {
    tagId: tag.id,
    name: tag.name,
    parentId: t.parentId ?? null,
    depth: t.depth ?? 0,
    summarised: t.summarised ?? (t.sentences ?? []).length > 0,
    answer: t.answer ?? null,
    answerReason: t.answerReason ?? { da: '', en: '' },
    changeMade: t.changeMade ?? { da: '', en: '' },
    sentences: t.sentences ?? [],
    quotes: t.quotes ?? [],
  };
}
