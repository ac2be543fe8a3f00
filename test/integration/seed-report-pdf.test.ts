import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDb, type DbHandle } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seedDemo } from '../../server/seed/demo.ts';
import { DEMO_CONSULTATIONS } from '../../server/seed/demo-content.ts';
import { pdf } from '../../server/seed/demo-pdf.ts';
import { HEARING_LIST, REPORT_SLUG, REPORT_URL, reportFacts, reportLines } from '../../server/seed/demo-report.ts';

// Issue 10 item 13: the concluded demo hearing's høringsnotat was a placeholder. It is now a report in
// the shape of Vejledning om lovkvalitet pkt. 9.1.6, whose figures agree with what the demo seed makes.
// The seed writes fixed slugs, so it runs on a PGlite database of its own.

const file = path.resolve('client/public', `.${REPORT_URL}`);
let handle: DbHandle;
let bytes: Buffer;
let text: string;

beforeAll(async () => {
  const template = inject('pgliteTemplate');
  handle = template ? await createDb({ loadDataDir: new Blob([await readFile(template)]) }) : await createDb({});
  if (!template) await migrateToLatest(handle.db);
  await seedDemo(handle.db);
  bytes = await readFile(file);
  const doc = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, verbosity: 0 });
  // Lines joined with spaces, so a phrase wrapped over two lines is still found.
  text = ((await extractText(doc, { mergePages: true })).text as string).replace(/\s+/g, ' ');
}, 180_000);
afterAll(async () => handle?.close());

const concluded = DEMO_CONSULTATIONS.find((c) => c.slug === REPORT_SLUG)!;

describe('the concluded demo hearing’s høringsnotat', () => {
  it('is a PDF whose size the demo content records', () => {
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    const doc = concluded.documents.find((d) => d.url === REPORT_URL)!;
    expect(doc.mediaType).toBe('application/pdf');
    expect(doc.sizeBytes).toBe(bytes.length);
  });

  it('has the sections of a høringsnotat (lovkvalitet 9.1.6) and a section per scenario', () => {
    for (const heading of [
      'Høringsnotat',
      '1. Indledning',
      '1.1 Høringsperiode',
      '1.2 Høringsliste og modtagne høringssvar',
      '2. Generelle bemærkninger',
      '3. Bemærkninger til de enkelte scenarier',
      '4. Beslutning og øvrige ændringer',
      'Kommentar:',
      ...concluded.scenarios.map((s) => `${s.key}: ${s.title.da}`),
      ...HEARING_LIST,
    ]) {
      expect(text, heading).toContain(heading);
    }
    expect(text).not.toContain('Indholdet er et uddrag af høringens egen tekst');
  });

  it('states the figures the seeded demo data shows', async () => {
    const c = await handle.db
      .selectFrom('consultations')
      .select(['id', 'opensAt', 'closesAt'])
      .where('slug', '=', REPORT_SLUG)
      .executeTakeFirstOrThrow();
    const count = async (table: 'responses' | 'ballots') =>
      Number(
        (
          await sql<{
            n: string;
          }>`select count(*) as n from ${sql.table(table)} where consultation_id = ${c.id}`.execute(handle.db)
        ).rows[0]!.n,
      );
    const days = Math.round((c.closesAt!.getTime() - c.opensAt!.getTime()) / 86_400_000);
    expect(text).toContain(`Høringsperioden var ${days} dage`);
    expect(text).toContain(`Der er modtaget ${await count('responses')} høringssvar`);
    expect(text).toContain(`${await count('ballots')} deltagere rangerede scenarierne`);
    const selected = concluded.scenarios.find((s) => s.status?.some((h) => h.to === 'selected'))!;
    expect(text).toContain(`Der er valgt ${selected.key}: ${selected.title.da}`);
    expect(text).toContain(`Resultat: 1. ${selected.key},`);
  });

  it('is the one scripts/make-demo-docs.ts makes from the current seed (else re-run the script)', async () => {
    const made = pdf(reportLines(concluded, await reportFacts(handle.db)));
    expect(made.equals(bytes), 'run: npx tsx scripts/make-demo-docs.ts').toBe(true);
  });
});
