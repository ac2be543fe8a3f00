/**
 * Counting 1,000,000 ballots over 6 scenarios (issue #5): ballots generated in the database with
 * multi-row INSERT … SELECT, then the full results — distinct rankings grouped in SQL, pairwise
 * matrix, Schulze and 200 bootstrap resamples — timed, with the peak RSS of this process.
 * Targets: under 10 s, peak RSS under 512 MB.
 */
import { sql } from 'kysely';
import { createDb } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { normaliseRanks, rankingKey } from '../server/modules/ballots/ranking-key.rules.ts';
import { getResults } from '../server/modules/rankings/rankings.service.ts';
import type { Actor } from '../server/shared/actor.ts';
import { createDatabase, dropDatabase } from './lib.ts';

const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 1_000_000);
const SCENARIOS = 6;

function randomKeys(ids: string[], n: number): string[] {
  // A skewed population of distinct rankings: full orders, ties and partial (unranked) ballots.
  const keys = new Set<string>();
  // mulberry32: a small deterministic PRNG, so every run counts the same population.
  let seed = 42;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  while (keys.size < n) {
    const shuffled = [...ids].sort(() => rnd() - 0.5);
    const ranked = shuffled.slice(0, 1 + Math.floor(rnd() * ids.length));
    let rank = 1;
    const entries = ranked.map((scenarioId) => {
      if (rnd() > 0.2) rank++;
      return { scenarioId, rank };
    });
    keys.add(rankingKey(normaliseRanks(entries)));
  }
  return [...keys];
}

export async function benchBallots(adminUrl: string) {
  const name = 'samraad_bench_ballots';
  const url = await createDatabase(adminUrl, name);
  const handle = await createDb({ databaseUrl: url, poolMax: 4 });
  try {
    await migrateToLatest(handle.db);
    const db = handle.db;
    const admin = await db
      .insertInto('users')
      .values({ email: 'bench-admin@bench.invalid', displayName: 'Bench', passwordHash: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('userRoles').values({ userId: admin.id, role: 'admin' }).execute();
    const c = await db
      .insertInto('consultations')
      .values({
        slug: 'bench-ballots',
        title: JSON.stringify({ da: 'Bench', en: 'Bench' }),
        summary: JSON.stringify({ da: '', en: '' }),
        body: JSON.stringify({ da: '', en: '' }),
        phase: 'open',
        closesAt: new Date(Date.now() + 86_400_000),
        opensAt: null,
        createdBy: admin.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids: string[] = [];
    for (let i = 0; i < SCENARIOS; i++) {
      const s = await db
        .insertInto('scenarios')
        .values({
          consultationId: c.id,
          key: `S${i + 1}`,
          title: JSON.stringify({ da: `S${i + 1}`, en: `S${i + 1}` }),
          summary: JSON.stringify({ da: '', en: '' }),
          position: i,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('scenarioVersions')
        .values({ scenarioId: s.id, version: 1, description: JSON.stringify({ da: '', en: '' }), createdBy: null })
        .execute();
      ids.push(s.id);
    }
    const keys = randomKeys(ids, 3000);
    const t0 = performance.now();
    const chunk = 100_000;
    for (let from = 1; from <= BALLOTS; from += chunk) {
      const to = Math.min(BALLOTS, from + chunk - 1);
      await sql`
        with u as (
          insert into users (email, display_name)
          select 'voter-' || g || '@bench.invalid', 'Voter ' || g from generate_series(${from}::int, ${to}::int) g
          returning id
        )
        insert into ballots (consultation_id, user_id, ranks, ranking, acting_as, invited)
        select ${c.id}::uuid, u.id, '{}'::jsonb,
               (${keys}::text[])[1 + floor(power(random(), 2) * ${keys.length})::int],
               (array['citizen','citizen','citizen','business','ngo','public_authority','other'])[1 + floor(random() * 7)::int],
               random() < 0.1
        from u`.execute(db);
      process.stdout.write(`\r  generating ballots ${to.toLocaleString('en-GB')} / ${BALLOTS.toLocaleString('en-GB')}`);
    }
    await sql`analyze ballots`.execute(db);
    const generateMs = performance.now() - t0;
    process.stdout.write(`\n  generated in ${(generateMs / 1000).toFixed(1)} s\n`);

    const actor: Actor = { id: admin.id, email: 'bench-admin@bench.invalid', displayName: 'Bench', roles: ['admin'] };
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t1 = performance.now();
    const { results } = await getResults(db, actor, c.id, 'all');
    const countMs = performance.now() - t1;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    const winner = results.scenarios.find((s) => s.id === results.schulze.winner)?.key ?? 'none';
    const figures = {
      ballots: results.ballotCount,
      scenarios: SCENARIOS,
      distinctRankings: keys.length,
      resamples: results.stability.resamples,
      generateSeconds: +(generateMs / 1000).toFixed(2),
      countSeconds: +(countMs / 1000).toFixed(2),
      peakRssMb: Math.round(peak / 1024 / 1024),
      schulzeWinner: winner,
      winnerRetained: results.stability.winnerRetained,
      pass: countMs < 10_000 && peak < 512 * 1024 * 1024,
    };
    process.stdout.write(
      `\nresults for ${figures.ballots.toLocaleString('en-GB')} ballots over ${SCENARIOS} scenarios ` +
        `(pairwise, Schulze, ${figures.resamples} bootstrap resamples): ${figures.countSeconds} s, ` +
        `peak RSS ${figures.peakRssMb} MB (targets < 10 s, < 512 MB) ${figures.pass ? 'PASS' : 'MISS'}\n`,
    );
    return figures;
  } finally {
    await handle.close();
    await dropDatabase(adminUrl, name);
  }
}
