/**
 * npm run bench — Samråd's routes as ratios to a bare Fastify + pg twin measured in the same run,
 * on the local PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres,
 * used only to create and drop two scratch databases). Writes bench/results/latest.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { createDatabase, dropDatabase, fmt, load, startProcess, stopProcess, type Figures } from './lib.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const only = process.env.BENCH_ONLY?.split(',');

type Row = { name: string; samraad: Figures; bare: Figures; ratio: number; target: number; pass: boolean };

async function main(): Promise<void> {
  const rows: Row[] = [];
  const extra: Record<string, unknown> = {};
  // The personal-data scan is pure (no database): measured first, and alone with BENCH_ONLY=privacy.
  if (!only || only.includes('privacy')) {
    process.stdout.write(
      `\npersonal-data scan (${Number(process.env.BENCH_PRIVACY_ITEMS ?? 100_000).toLocaleString('en')} texts)\n`,
    );
    const { benchPrivacy } = await import('./privacy.ts');
    extra.privacy = await benchPrivacy();
  }
  // Issue 13: invitations to 2,000 consulted parties sent through a local SMTP server (its own database).
  if (!only || only.includes('parties')) {
    process.stdout.write(`\ninvitations to consulted parties\n`);
    const { benchParties } = await import('./parties.ts');
    extra.parties = await benchParties(adminUrl);
  }
  if (only && only.every((name) => name === 'privacy' || name === 'parties')) {
    await mkdir('bench/results', { recursive: true });
    await writeFile(
      'bench/results/latest.json',
      JSON.stringify({ at: new Date().toISOString(), node: process.version, ...extra }, null, 2),
    );
    process.stdout.write(`\nwrote bench/results/latest.json\n`);
    return;
  }
  const bareDb = 'samraad_bench_bare';
  const appDb = 'samraad_bench_app';
  const bareUrl = await createDatabase(adminUrl, bareDb);
  const appUrl = await createDatabase(adminUrl, appDb);
  const app = await startProcess(
    ['server/server.ts'],
    {
      DATABASE_URL: appUrl,
      PUBLIC_URL: 'http://127.0.0.1',
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'true',
      ANALYSIS_INDEX_MS: process.env.BENCH_ANALYSIS_INDEX_MS ?? '3000',
      RATE_LIMIT_SUBMIT_PER_MINUTE: '100000000',
    },
    /running at (http:\/\/\S+)/,
    // BENCH_PROFILE_DIR: the app's CPU profile (.cpuprofile, for Chrome DevTools) is written there at its exit.
    process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [],
  );
  const appBase = app.match[1]!.replace('localhost', '127.0.0.1');
  const page = await (await fetch(`${appBase}/api/consultations/naeste-generation-af-nemid`)).text();
  const bare = await startProcess(
    ['bench/bare-server.ts'],
    { DATABASE_URL: bareUrl, PORT: '0', BARE_ROW_BYTES: String(Buffer.byteLength(page)) },
    /READY (\d+)/,
  );
  const bareBase = `http://127.0.0.1:${bare.match[1]}`;
  try {
    const seedId = ((await (await fetch(`${bareBase}/bare/seed`)).json()) as { id: string }).id;
    const consultation = (await (await fetch(`${appBase}/api/consultations/naeste-generation-af-nemid`)).json()) as {
      id: string;
    };
    const run = async (name: string, target: number, s: Parameters<typeof load>[0], b: Parameters<typeof load>[0]) => {
      if (only && !only.includes(name)) return;
      process.stdout.write(`\n${name}\n`);
      await load({ ...b, seconds: 2 });
      const bareFig = await load(b);
      process.stdout.write(`  bare     ${fmt(bareFig)}\n`);
      await load({ ...s, seconds: 2 });
      const appFig = await load(s);
      process.stdout.write(`  samråd   ${fmt(appFig)}\n`);
      const ratio = appFig.rps / bareFig.rps;
      const pass = ratio >= target && appFig.errors === 0 && appFig.non2xx === 0;
      process.stdout.write(`  ratio    ${ratio.toFixed(2)}× (target ≥ ${target}×) ${pass ? 'PASS' : 'MISS'}\n`);
      rows.push({ name, samraad: appFig, bare: bareFig, ratio, target, pass });
    };

    await run(
      'public consultation read',
      0.8,
      { url: `${appBase}/api/consultations/naeste-generation-af-nemid`, connections, seconds },
      { url: `${bareBase}/bare/items/${seedId}`, connections, seconds },
    );

    const questions = await fetch(`${appBase}/api/consultations/${consultation.id}/questions`);
    if (questions.ok) {
      const { submissionBody } = await import('./submission.ts');
      const qs = (await questions.json()) as unknown;
      const scenarios = (await (
        await fetch(`${appBase}/api/consultations/${consultation.id}/scenarios`)
      ).json()) as unknown;
      const text = 'Jeg mener, at en fælles digital identitet skal være tilgængelig for alle borgere. '
        .repeat(13)
        .slice(0, 1024);
      await run(
        'response submission',
        0.5,
        {
          url: `${appBase}/api/consultations/${consultation.id}/responses`,
          method: 'POST',
          // Each submission with its own Idempotency-Key, as the Samråd client sends it.
          headersPerRequest: () => ({ 'idempotency-key': randomUUID() }),
          body: () => JSON.stringify(submissionBody(qs, text, scenarios)),
          connections,
          seconds,
        },
        {
          url: `${bareBase}/bare/items`,
          method: 'POST',
          body: () =>
            JSON.stringify({
              consultationId: consultation.id,
              body: text,
              answers: [
                { q: randomUUID(), v: 4 },
                { q: randomUUID(), v: 'a' },
                { q: randomUUID(), v: 'text' },
              ],
            }),
          connections,
          seconds,
        },
      );
    }
  } finally {
    await stopProcess(app.child);
    await stopProcess(bare.child);
    await dropDatabase(adminUrl, bareDb);
    await dropDatabase(adminUrl, appDb);
  }
  if (!only || only.includes('inbox')) {
    process.stdout.write(
      `\nanalysis inbox (${Number(process.env.BENCH_INBOX_ITEMS ?? 1_000_000).toLocaleString('en')} items)\n`,
    );
    const { benchInbox } = await import('./inbox.ts');
    extra.inbox = await benchInbox(adminUrl);
  }
  if (!only || only.includes('findings')) {
    process.stdout.write(`\nfindings overview (issue 13)\n`);
    const { benchFindings } = await import('./findings.ts');
    extra.findings = await benchFindings(adminUrl);
  }
  if (!only || only.includes('scorecard')) {
    process.stdout.write(`\nscenario scorecard (issue 14)\n`);
    const { benchScorecard } = await import('./scorecard.ts');
    extra.scorecard = await benchScorecard(adminUrl);
  }
  if (only?.includes('burst')) {
    // Issue 15 item 6: a minute at 2,000 requests/s; run on its own (BENCH_ONLY=burst), not by default.
    process.stdout.write(`\nburst (load shedding)\n`);
    const { benchBurst } = await import('./burst.ts');
    extra.burst = await benchBurst(adminUrl);
  }
  if (!only || only.includes('campaigns')) {
    const { benchCampaigns } = await import('./campaigns.ts');
    extra.campaigns = await benchCampaigns();
  }
  if (!only || only.includes('exports')) {
    process.stdout.write('\ninbox exports and letter import (issue 12)\n');
    const { benchExports } = await import('./exports.ts');
    extra.exports = await benchExports(adminUrl);
  }
  if (!only || only.includes('report')) {
    process.stdout.write('\nhøringsnotat generation (issue 14)\n');
    const { benchReport } = await import('./report.ts');
    extra.report = await benchReport(adminUrl);
  }
  if (!only || only.includes('ballots')) {
    try {
      const { benchBallots } = await import('./ballots.ts');
      extra.ballots = await benchBallots(adminUrl);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    }
  }
  await mkdir('bench/results', { recursive: true });
  const out = { at: new Date().toISOString(), node: process.version, connections, seconds, rows, ...extra };
  await writeFile('bench/results/latest.json', JSON.stringify(out, null, 2));
  process.stdout.write(`\nwrote bench/results/latest.json\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${String(err instanceof Error ? err.stack : err)}\n`);
  process.exit(1);
});
