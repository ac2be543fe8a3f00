/**
 * Exports and imports at national scale (issue 12, Measure): an inbox view of BENCH_EXPORT_ITEMS
 * items (default 1,000,000) with a tenth coded is exported through the HTTP API as CSV and as XLSX as
 * the UI does it (POST the view; the analysis.export job, in a child process with PostgreSQL; the
 * download), the peak RSS of the web process and of the export's process sampled apart every 50 ms,
 * and BENCH_IMPORT_ROWS (0: none)
 * letter rows (default 100,000) are imported from a CSV (staged, then committed by the job).
 * Targets: each export ≤ 60 s with peak RSS ≤ 256 MB; the import ≤ 60 s.
 * Run alone: `BENCH_ONLY=exports npm run bench` (or `npx tsx bench/exports.ts`); a reduced size with
 * BENCH_EXPORT_ITEMS=100000 BENCH_IMPORT_ROWS=10000. The scratch database is bench_bulk_exports
 * (BENCH_EXPORT_DB); BENCH_KEEP_DB=1 keeps it, and a kept one with the items is used again.
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { createDatabase, dropDatabase, startProcess, stopProcess } from './lib.ts';

async function rssMb(pid: number): Promise<number> {
  const s = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const m = /VmRSS:\s+(\d+) kB/.exec(s);
  return m ? Number(m[1]) / 1024 : 0;
}

/** The processes a process started (an export job's child). */
async function childrenOf(pid: number): Promise<number[]> {
  const s = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return s.split(/\s+/).filter(Boolean).map(Number);
}

/**
 * Runs `fn` while sampling every 50 ms the RSS of the web process and of each process it started
 * (an export job runs in a child of its own): the peaks in MB, the web process's and the largest
 * child's, separately (not summed: each is a process of its own).
 */
async function withPeak<T>(
  pid: number,
  fn: () => Promise<T>,
): Promise<{ value: T; peakMb: number; childPeakMb: number; seconds: number }> {
  let peak = await rssMb(pid);
  let childPeak = 0;
  const sample = async () => {
    peak = Math.max(peak, await rssMb(pid));
    for (const c of await childrenOf(pid)) childPeak = Math.max(childPeak, await rssMb(c));
  };
  const timer = setInterval(() => void sample(), 50);
  const t0 = performance.now();
  try {
    const value = await fn();
    return {
      value,
      peakMb: Math.round(peak),
      childPeakMb: Math.round(childPeak),
      seconds: Number(((performance.now() - t0) / 1000).toFixed(1)),
    };
  } finally {
    clearInterval(timer);
  }
}

const dbUrl = (adminUrl: string, name: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

/** The bench items in a kept database (0 when there is none). */
async function benchItemsIn(adminUrl: string, name: string): Promise<number> {
  const client = new pg.Client({ connectionString: dbUrl(adminUrl, name) });
  try {
    await client.connect();
    const r = await client.query<{ n: string }>(`select count(*) n from analysis_items where source_stamp = 'bench'`);
    return Number(r.rows[0]!.n);
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function download(url: string, cookie: string): Promise<{ status: number; bytes: number }> {
  const res = await fetch(url, { headers: { cookie } });
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return { status: res.status, bytes };
}

export async function benchExports(adminUrl: string): Promise<Record<string, unknown>> {
  const items = Number(process.env.BENCH_EXPORT_ITEMS ?? 1_000_000);
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
  const dbName = process.env.BENCH_EXPORT_DB ?? 'bench_bulk_exports';
  // BENCH_KEEP_DB: the database is kept after the run, and a kept one holding the items is used again.
  const reuse = process.env.BENCH_KEEP_DB ? await benchItemsIn(adminUrl, dbName) : 0;
  const url = reuse === items ? dbUrl(adminUrl, dbName) : await createDatabase(adminUrl, dbName);
  const app = await startProcess(
    ['server/server.ts'],
    {
      DATABASE_URL: url,
      PUBLIC_URL: 'http://127.0.0.1',
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      ANALYSIS_INDEX_MS: '0',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      // A view this large runs as the analysis.export job (in a child process with PostgreSQL), as in use.
      EXPORT_DIRECT_MAX_ROWS: '50000',
    },
    /running at (http:\/\/\S+)/,
    // BENCH_PROFILE_DIR: the app's CPU profile (.cpuprofile) is written there when it exits.
    process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [],
  );
  const pid = app.child.pid!;
  const base = app.match[1]!.replace('localhost', '127.0.0.1');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'analyst@samraad.demo', password: 'demo-analyst-2026' }),
    });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const c = (
      await client.query<{ id: string }>(`select id from consultations where slug = 'naeste-generation-af-nemid'`)
    ).rows[0]!.id;
    const analyst = (await client.query<{ id: string }>(`select id from users where email = 'analyst@samraad.demo'`))
      .rows[0]!.id;
    const tags = (await client.query<{ id: string }>(`select id from codebook_tags where consultation_id = $1`, [c]))
      .rows;

    const phases: Record<string, number> = { started: Math.round(await rssMb(pid)) };
    const t0 = performance.now();
    for (let from = 1; reuse !== items && from <= items; from += 50_000) {
      const to = Math.min(items, from + 49_999);
      await client.query(
        `with x as (
         select g, gen_random_uuid() as id, d.doc
           from generate_series($2::int, $3::int) g
          cross join lateral (select case when g % 100 = 0 then '=SUM(A1:A2) ' else '' end ||
                 'Et digitalt ID skal kunne bruges af alle borgere, også uden smartphone; høringssvar nummer ' || g ||
                 ' om kodeviser, pris og adgang for ældre og handicappede borgere i kommunerne.' as doc) d),
         items as (
         insert into analysis_items (consultation_id, kind, item_id, item_version, received_at, author_label, acting_as,
                                     invited, channel, source_status, scenario_ids, has_attachments,
                                     doc_language, search, status, source_stamp)
         select $1, 'response', x.id, 1, now() - make_interval(secs => g * 2), 'Respondent ' || g,
                'citizen', false, 'letter', 'submitted', '{}', g % 7 = 0, 'danish', ''::tsvector,
                (array['new','in_progress','analysed'])[1 + g % 3], 'bench'
           from x)
         insert into analysis_item_texts (consultation_id, kind, item_id, excerpt, doc)
         select $1, 'response', x.id, x.doc, x.doc from x`,
        [c, from, to],
      );
      process.stdout.write(`\r  generating ${to.toLocaleString('en')} / ${items.toLocaleString('en')} items`);
    }
    if (reuse !== items)
      await client.query(
        `insert into codings (consultation_id, tag_id, item_kind, item_id, coder_id, status)
       select i.consultation_id, ($2::uuid[])[1 + (row_number() over ())::int % cardinality($2::uuid[])], i.kind, i.item_id,
              $3, 'confirmed'
         from analysis_items i where i.consultation_id = $1 and i.source_stamp = 'bench' and hashtext(i.item_id::text) % 10 = 0`,
        [c, tags.map((t) => t.id), analyst],
      );
    if (reuse !== items) {
      await client.query(`vacuum analyze analysis_items`);
      await client.query(`vacuum analyze codings`);
      process.stdout.write(` done in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    } else process.stdout.write(`  reusing the ${items.toLocaleString('en')} items of ${dbName}\n`);
    phases.generated = Math.round(await rssMb(pid));

    const results: Record<string, unknown> = {};
    for (const format of ['csv', 'xlsx'] as const) {
      phases[`before_${format}`] = Math.round(await rssMb(pid));
      // The export as the UI makes it: POST the view, the job writes the file, then the link downloads it.
      let jobSeconds = 0;
      const r = await withPeak(pid, async () => {
        const t1 = performance.now();
        const started = (await (
          await fetch(`${base}/api/consultations/${c}/inbox/exports`, {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json' },
            body: JSON.stringify({ format, sort: 'oldest' }),
          })
        ).json()) as { mode: string; export?: { id: string }; downloadUrl?: string };
        if (started.mode !== 'job') throw new Error(`expected a job: ${JSON.stringify(started)}`);
        for (;;) {
          await new Promise((res) => setTimeout(res, 250));
          const v = (await (
            await fetch(`${base}/api/consultations/${c}/inbox/exports/${started.export!.id}`, { headers: { cookie } })
          ).json()) as { status: string; error: string | null };
          if (v.status === 'failed') throw new Error(`export failed: ${v.error}`);
          if (v.status === 'done') break;
        }
        jobSeconds = Number(((performance.now() - t1) / 1000).toFixed(1));
        return download(`${base}${started.downloadUrl!}`, cookie);
      });
      results[format] = {
        status: r.value.status,
        megabytes: Number((r.value.bytes / 1e6).toFixed(1)),
        seconds: r.seconds,
        jobSeconds,
        exportProcessPeakRssMb: r.childPeakMb,
        webProcessPeakRssMb: r.peakMb,
        pass: r.value.status === 200 && r.seconds <= 60 && r.childPeakMb > 0 && r.childPeakMb <= 256,
      };
      process.stdout.write(`  export ${format}: ${JSON.stringify(results[format])}\n`);
    }
    phases.after_exports = Math.round(await rssMb(pid));
    process.stdout.write(`  web process RSS (MB) by phase: ${JSON.stringify(phases)}\n`);
    results.rssByPhaseMb = phases;
    if (rows === 0) return { items, results };

    // The import: a CSV of letter rows, staged over HTTP, then committed by the job.
    const lines = ['external_ref,name,email,received_at,text'];
    for (let i = 0; i < rows; i++) {
      lines.push(
        `bench-${i},Afsender ${i},,2026-11-02,"Brev nummer ${i}: jeg er bekymret for adgangen, ""især"" for ældre."`,
      );
    }
    const form = new FormData();
    form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'letters.csv');
    const imp = await withPeak(pid, async () => {
      const staged = await fetch(`${base}/api/consultations/${c}/imports`, {
        method: 'POST',
        headers: { cookie },
        body: form,
      });
      const s = (await staged.json()) as { id: string; errorCount: number };
      const stagedAt = performance.now();
      await fetch(`${base}/api/consultations/${c}/imports/${s.id}/commit`, { method: 'POST', headers: { cookie } });
      for (;;) {
        await new Promise((r) => setTimeout(r, 250));
        const v = (await (
          await fetch(`${base}/api/consultations/${c}/imports/${s.id}`, { headers: { cookie } })
        ).json()) as {
          status: string;
          importedCount: number;
          error: string | null;
        };
        if (v.status === 'committed' || v.status === 'failed') return { ...v, stagedAt };
      }
    });
    results.import = {
      rows,
      status: imp.value.status,
      imported: imp.value.importedCount,
      seconds: imp.seconds,
      peakRssMb: imp.peakMb,
      pass: imp.value.status === 'committed' && imp.value.importedCount === rows && imp.seconds <= 60,
    };
    process.stdout.write(`  import: ${JSON.stringify(results.import)}\n`);
    return { items, results };
  } finally {
    await client.end();
    await stopProcess(app.child);
    if (!process.env.BENCH_KEEP_DB) await dropDatabase(adminUrl, dbName);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  benchExports(adminUrl).then(
    (r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`${String(err instanceof Error ? err.stack : err)}\n`);
      process.exit(1);
    },
  );
}
