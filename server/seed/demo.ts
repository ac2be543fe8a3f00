import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import type { Role } from '../shared/schemas.ts';
import { createAccount } from '../modules/accounts/accounts.service.ts';
import * as consultations from '../modules/consultations/consultations.service.ts';
import * as questions from '../modules/questions/questions.service.ts';
import * as scenarios from '../modules/scenarios/scenarios.service.ts';
import { seedDemoActivity, type ActivityCounts } from './demo-activity.ts';
import { DEMO_CONSULTATIONS, type DemoConsultation } from './demo-content.ts';
import { seedDemoAnalysis, type AnalysisCounts } from './demo-analysis.ts';
import { seedDemoPrivacy, type PrivacyCounts } from './demo-privacy.ts';
import { seedDemoStakeholderInputs } from './demo-stakeholder-inputs.ts';
import { seedConcludedParties, seedDemoParties } from './demo-parties.ts';
import { HEARING_LIST, REPORT_SLUG } from './demo-report.ts';
import { seedDemoFindings, type FindingsCounts } from './demo-findings.ts';
import type { BlobStore } from '../modules/files/blob-store.ts';
import { rewalkInput } from '../modules/analysis/inbox/inbox.indexer.ts';
import { seedConcludedReview, seedOpenReview } from './demo-review.ts';
import { seedDemoSummaries, type SummaryCounts } from './demo-summaries.ts';
import { seedDemoReport } from './demo-generated-report.ts';
import { seedDemoUsed } from './demo-used.ts';

/** One account per role; they exist only in the demo data (never on a deployment unless seeded). */
export const DEMO_ACCOUNTS: { email: string; displayName: string; password: string; roles: Role[] }[] = [
  { email: 'admin@samraad.demo', displayName: 'Astrid Admin', password: 'demo-admin-2026', roles: ['admin'] },
  {
    email: 'analyst@samraad.demo',
    displayName: 'Anders Analytiker',
    password: 'demo-analyst-2026',
    roles: ['analyst'],
  },
  {
    email: 'analyst2@samraad.demo',
    displayName: 'Bente Bearbejder',
    password: 'demo-analyst2-2026',
    roles: ['analyst'],
  },
  {
    email: 'reviewer@samraad.demo',
    displayName: 'Rikke Reviewer',
    password: 'demo-reviewer-2026',
    roles: ['reviewer'],
  },
  {
    email: 'participant@samraad.demo',
    displayName: 'Peter Deltager',
    password: 'demo-participant-2026',
    roles: ['participant'],
  },
];

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectNoFrom([
      sql<boolean>`exists (select 1 from consultations)`.as('hasConsultations'),
      sql<boolean>`exists (select 1 from users)`.as('hasUsers'),
    ])
    .executeTakeFirstOrThrow();
  return !row.hasConsultations && !row.hasUsers;
}

export async function hasDemoAccounts(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(email)`, '=', DEMO_ACCOUNTS[0]!.email)
    .executeTakeFirst();
  return !!row;
}

const DAY = 86_400_000;

/**
 * Loads the demo data through the same services the API uses, so audit events, histories and the
 * questionnaire's shape rules are real. Idempotent: existing demo accounts and consultations (by
 * slug, with their scenarios and questionnaire) are left as they are.
 */
export async function seedDemo(
  db: Db,
  now: Date = new Date(),
  /** The blob store, for files the demo adds (a finding's screenshots); without it none are added. */
  opts: { store?: BlobStore; publicUrl?: string | undefined } = {},
): Promise<{
  accounts: number;
  consultations: number;
  activity: ActivityCounts;
  analysis: AnalysisCounts;
  privacy: PrivacyCounts;
  stakeholderInputs: number;
  parties: { parties: number; answered: number; noComments: number };
  findings: FindingsCounts;
  summaries: SummaryCounts;
}> {
  let admin: Actor | null = null;
  let accounts = 0;
  for (const a of DEMO_ACCOUNTS) {
    const existing = await db
      .selectFrom('users')
      .select('id')
      .where(sql`lower(email)`, '=', a.email)
      .executeTakeFirst();
    const id = existing ? existing.id : (await createAccount(db, null, { ...a, locale: 'da' }, { system: true })).id;
    if (!existing) accounts++;
    if (a.roles.includes('admin')) admin = { id, email: a.email, displayName: a.displayName, roles: a.roles };
  }
  let created = 0;
  for (const c of DEMO_CONSULTATIONS) {
    const exists = await db.selectFrom('consultations').select('id').where('slug', '=', c.slug).executeTakeFirst();
    if (exists) continue;
    await seedConsultation(db, admin!, c, now);
    created++;
  }
  // Responses, comments, rankings and published results, where missing (demo-activity.ts).
  const activity = await seedDemoActivity(db, now);
  // The seed writes input without audit events: the inbox index walks it all on its next run.
  if (activity.responses + activity.comments > 0) await rewalkInput(db);
  // A codebook and the analyst's first coded batch, where missing (demo-analysis.ts).
  const analysis = await seedDemoAnalysis(db);
  // Responses with personal data in the NemID hearing, scanned, one CPR number redacted (demo-privacy.ts).
  const nemid = await db
    .selectFrom('consultations')
    .select('id')
    .where('slug', '=', 'naeste-generation-af-nemid')
    .executeTakeFirst();
  const privacy =
    nemid && admin ? await seedDemoPrivacy(db, nemid.id, admin) : { responses: 0, findings: 0, redacted: 0 };
  if (privacy.responses > 0) await rewalkInput(db);
  // Two stakeholder meetings on the NemID hearing (issue 13 story 4, demo-stakeholder-inputs.ts);
  // audited, and the walk makes sure an indexer that has not started yet finds them too.
  const stakeholderInputs = nemid && admin ? await seedDemoStakeholderInputs(db, nemid.id, admin) : 0;
  if (stakeholderInputs > 0) await rewalkInput(db);
  // The NemID hearing's list of consulted parties: invited, some answered, some "no comments" (demo-parties.ts).
  const parties = nemid && admin ? await seedDemoParties(db, nemid, admin) : { parties: 0, answered: 0, noComments: 0 };
  // An open review round on the NemID hearing, where missing (demo-review.ts, issue 14).
  if (nemid && admin) await seedOpenReview(db, admin, nemid.id, now);
  // User-test sessions and findings on the NemID hearing, recorded by the analyst (demo-findings.ts);
  // audited, so the inbox indexer reads them from the audit log.
  const analyst = DEMO_ACCOUNTS.find((a) => a.roles.includes('analyst'))!;
  const analystRow = await db
    .selectFrom('users')
    .select('id')
    .where(sql`lower(email)`, '=', analyst.email)
    .executeTakeFirst();
  const findings =
    nemid && analystRow
      ? await seedDemoFindings(
          db,
          nemid.id,
          { id: analystRow.id, email: analyst.email, displayName: analyst.displayName, roles: analyst.roles },
          { now, ...(opts.store ? { store: opts.store } : {}) },
        )
      : { sessions: 0, findings: 0, evidence: 0 };
  // Theme summaries with cited passages and the agency's answers; the concluded hearing's input is
  // coded first (demo-summaries.ts, issue 14 story 5). Before its report is generated.
  const summaries = await seedDemoSummaries(db);
  // The concluded hearing's høringsliste, with the parties that answered linked (demo-parties.ts).
  const concluded = await db
    .selectFrom('consultations')
    .select('id')
    .where('slug', '=', REPORT_SLUG)
    .executeTakeFirst();
  if (concluded && admin) await seedConcludedParties(db, concluded, admin, HEARING_LIST);
  // The concluded hearing's generated høringsnotat, published (demo-generated-report.ts, issue 14 story 6).
  if (admin) await seedDemoReport(db, admin, { publicUrl: opts.publicUrl, now });
  // A known edit link to one quoted respondent's "how your input was used" (demo-used.ts, story 7).
  await seedDemoUsed(db);
  return {
    accounts,
    consultations: created,
    activity,
    analysis,
    privacy,
    stakeholderInputs,
    parties,
    findings,
    summaries,
  };
}

async function seedConsultation(db: Db, admin: Actor, c: DemoConsultation, now: Date): Promise<void> {
  const isOpen = c.state.phase === 'open';
  const closesAt = isOpen
    ? new Date(now.getTime() + (c.state as { closesInDays: number }).closesInDays * DAY)
    : new Date(now.getTime() + DAY);
  const opensAt = new Date(now.getTime() - (isOpen ? 2 : 60) * DAY);
  let row = await consultations.createConsultation(db, admin, {
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    body: c.body,
    languages: ['da', 'en'],
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    itStage: c.itStage,
  });
  if (c.documents.length) {
    row = await consultations.replaceDocuments(db, admin, row.id, {
      documents: c.documents.map((d) => ({ ...d, mediaType: d.mediaType ?? null, sizeBytes: d.sizeBytes ?? null })),
    });
  }
  for (const s of c.scenarios) {
    const created = await scenarios.createScenario(db, admin, row.id, {
      key: s.key,
      title: s.title,
      summary: s.summary,
      description: s.description,
    });
    for (const change of s.status ?? []) {
      await scenarios.changeStatus(db, admin, created.id, {
        status: change.to,
        round: change.round,
        ...(change.note ? { note: change.note } : {}),
      });
    }
  }
  // Built while still a draft, as an admin would: the questionnaire is complete when the hearing opens.
  for (const q of c.questions ?? []) {
    await questions.createQuestion(db, admin, row.id, { ...q, options: q.options ?? [] });
  }
  row = await consultations.transitionConsultation(db, admin, row.id, 'open', () => now);
  if (c.state.phase === 'open') return;
  // A past hearing: the deadline moved into the past, then closed (and concluded) as an admin would.
  const closedAt = new Date(now.getTime() - c.state.closedDaysAgo * DAY);
  row = await consultations.updateConsultation(db, admin, row.id, {
    version: row.version,
    opensAt: new Date(closedAt.getTime() - 42 * DAY).toISOString(),
    closesAt: closedAt.toISOString(),
  });
  row = await consultations.transitionConsultation(db, admin, row.id, 'closed', () => now);
  if (c.state.phase === 'concluded') {
    row = await consultations.transitionConsultation(db, admin, row.id, 'analysis', () => now);
    // Reviews by two authorities, the decision and its approval, then concluded (demo-review.ts).
    await seedConcludedReview(db, admin, row.id, c.slug, now);
  }
}
