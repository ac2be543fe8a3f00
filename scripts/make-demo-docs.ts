/**
 * Writes the demo consultations' documents as small real PDFs under client/public/docs/ (served
 * by the app), so every document link in the demo data opens a file, and records each file's size
 * in the demo content. Text comes from the demo content itself; the concluded hearing's
 * høringsnotat (server/seed/demo-report.ts) is built from the data the demo seed makes, seeded here
 * into an in-memory database. Run: npx tsx scripts/make-demo-docs.ts (re-run after editing the demo
 * content or the seed).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDb } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { seedDemo } from '../server/seed/demo.ts';
import { DEMO_CONSULTATIONS, type DemoConsultation } from '../server/seed/demo-content.ts';
import { pdf, wrap, type PdfLine } from '../server/seed/demo-pdf.ts';
import { REPORT_URL, reportFacts, reportLines } from '../server/seed/demo-report.ts';

function excerpt(c: DemoConsultation, title: string): PdfLine[] {
  return [
    { text: title, size: 18 },
    { text: c.title.da, size: 12 },
    { text: '', size: 10 },
    { text: 'Demonstrationsdokument i Samråds demodata. Indholdet er et uddrag af høringens egen tekst.', size: 9 },
    { text: '', size: 10 },
    ...wrap(c.summary.da).map((text) => ({ text, size: 10 })),
    ...wrap(c.body.da).map((text) => ({ text, size: 10 })),
    ...c.scenarios.flatMap((s) => [
      { text: `${s.key}: ${s.title.da}`, size: 12 },
      ...wrap(s.summary.da).map((text) => ({ text, size: 10 })),
    ]),
  ];
}

/** The høringsnotat's figures come from the demo seed, run on a throwaway in-memory database. */
async function reportPdf(c: DemoConsultation): Promise<Buffer> {
  const handle = await createDb({});
  try {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db);
    return pdf(reportLines(c, await reportFacts(handle.db)));
  } finally {
    await handle.close();
  }
}

async function main(): Promise<void> {
  const root = path.resolve('client/public');
  const contentFile = path.resolve('server/seed/demo-content.ts');
  let content = await readFile(contentFile, 'utf8');
  for (const c of DEMO_CONSULTATIONS) {
    for (const d of c.documents) {
      if (!d.url.startsWith('/docs/')) continue;
      const bytes = d.url === REPORT_URL ? await reportPdf(c) : pdf(excerpt(c, d.title.da));
      const file = path.join(root, d.url);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes);
      const url = d.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      content = content.replace(
        new RegExp(`(url: '${url}',\\s*mediaType: PDF,\\s*sizeBytes: )\\d+`),
        `$1${bytes.length}`,
      );
      process.stdout.write(`${d.url} ${bytes.length} bytes\n`);
    }
  }
  await writeFile(contentFile, content);
}

await main();
