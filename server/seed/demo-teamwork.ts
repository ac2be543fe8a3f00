import type { Db } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { closeSample, drawSample, getSample } from '../modules/analysis/agreement/agreement.service.ts';
import { createCoding } from '../modules/analysis/codings/codings.service.ts';
import { splitView } from '../modules/analysis/inbox/inbox.service.ts';
import { setAssigned } from '../modules/analysis/team/team.service.ts';
import { runThemeJob } from '../modules/analysis/themes/themes.job.ts';
import { acceptCandidate, getRun, startRun } from '../modules/analysis/themes/themes.service.ts';
import { SENTENCES, type Theme } from './demo-phrases.ts';

/**
 * The demo's teamwork (issue 11 stories 5, 7 and 8), after the first analyst's coded batch
 * (demo-analysis.ts): both demo analysts on the NemID hearing's team and the rest of its inbox
 * split between them; an agreement sample of 20 analysed responses that the second analyst coded
 * blind (with the disagreements two people would have: data protection read as security now and
 * then, cost passed over), closed so its figures show; and a suggested-themes run with its largest
 * candidate accepted into the codebook, its members' codings proposed for an analyst to confirm.
 * All through the services the API uses, so everything is audited.
 */
export type TeamworkCounts = { split: number; sampleItems: number; candidates: number; proposed: number };

const codePoints = (s: string) => Array.from(s).length;

/** Quiet, as the seed is: a failed run says why on its own row (and in the suggested-themes page). */
const quiet = { error: () => undefined, warn: () => undefined };

export async function seedDemoTeamwork(
  db: Db,
  consultationId: string,
  people: { admin: Actor; first: Actor; second: Actor },
  tagOf: ReadonlyMap<Theme, string>,
): Promise<TeamworkCounts> {
  const { admin, first, second } = people;
  const c = consultationId;
  for (const a of [first, second]) await setAssigned(db, admin, c, a.id, { assigned: true });
  const split = await splitView(db, admin, c, { analystIds: [first.id, second.id], query: { assignee: 'none' } });

  // Coder agreement: the second analyst codes 20 of the first analyst's analysed responses blind.
  const sample = await drawSample(db, admin, c, {
    seed: '2026',
    size: 20,
    filters: { kind: ['response'], status: ['analysed'] },
    coderIds: [first.id, second.id],
  });
  const detail = await getSample(db, admin, c, sample.id);
  const bodies = await responseBodies(
    db,
    c,
    detail.sampleItems.map((i) => i.id),
  );
  let n = 0;
  for (const item of detail.sampleItems) {
    const body = bodies.get(item.id);
    if (!body) continue;
    n++;
    for (const [theme, byLang] of Object.entries(SENTENCES) as [Theme, Record<string, string[]>][]) {
      // Two readers differ: now and then data protection is read as security, and cost is passed over.
      if (theme === 'cost' && n % 3 === 0) continue;
      const tag = theme === 'privacy' && n % 2 === 0 ? tagOf.get('security') : tagOf.get(theme);
      for (const sentence of Object.values(byLang).flat()) {
        const at = body.indexOf(sentence);
        if (at < 0 || !tag) continue;
        const start = codePoints(body.slice(0, at));
        await createCoding(db, second, c, {
          tagId: tag,
          itemKind: 'response',
          itemId: item.id,
          field: 'body',
          startOffset: start,
          endOffset: start + codePoints(sentence),
          stance: null,
          note: '',
        });
      }
    }
  }
  await closeSample(db, admin, c, sample.id);

  // Suggested themes, run inline (the seed runs before the job queue starts).
  let runId = '';
  const run = await startRun(
    {
      db,
      jobs: {
        send: async (_name: string, data: object) => {
          runId = (data as { runId: string }).runId;
        },
      },
    },
    first,
    c,
    { seed: 2026 },
  );
  await runThemeJob({ db, log: quiet }, { runId: runId || run.id });
  const done = await getRun(db, first, c, run.id);
  const largest = [...done.candidates]
    .filter((k) => k.kind === 'theme')
    .sort((a, b) => b.memberCount - a.memberCount)[0];
  let proposed = 0;
  if (largest) {
    const words = largest.terms
      .slice(0, 3)
      .map((x) => x.term)
      .join(', ');
    const accepted = await acceptCandidate(db, first, c, run.id, largest.id, {
      name: { da: `Foreslået: ${words}`, en: `Suggested: ${words}` },
      parentId: null,
      proposeCodings: true,
    });
    proposed = accepted.proposedCount;
  }
  return {
    split: split.assigned.reduce((sum, a) => sum + a.items, 0),
    sampleItems: detail.sampleItems.length,
    candidates: done.candidates.length,
    proposed,
  };
}

async function responseBodies(db: Db, consultationId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('responses')
    .select(['id', 'body'])
    .where('consultationId', '=', consultationId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.body]));
}
