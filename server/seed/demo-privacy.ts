import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { decideRedaction, listRedactions } from '../modules/analysis/privacy/privacy.service.ts';
import { rewalkPrivacy, scanInput } from '../modules/analysis/privacy/privacy.scan.ts';
import { decidePublication } from '../modules/responses/publication/publication.service.ts';
import { canonicalJson, canonicalSubmission } from '../modules/responses/fingerprint.rules.ts';
import { fingerprintOf, newReceiptCode } from '../modules/responses/responses.crypto.ts';

/**
 * The demo's personal data (issue 12 story 2): three responses to the NemID hearing that a real
 * hearing gets — a citizen who writes her son's CPR number, one who leaves his phone number, and an
 * anonymous respondent who signs with her own name — so the redaction queue has suggestions. The
 * scanner reads the whole hearing (the seed writes without audit events, so it walks everything);
 * the admin then redacts the CPR number with a reason and approves that response, so the public page
 * shows it redacted while staff keep the original. The other findings wait in the queue.
 */
export type PrivacyCounts = { responses: number; findings: number; redacted: number };

const PLANTED = [
  {
    name: 'Birthe Kjær',
    consent: 'public_named' as const,
    locale: 'da' as const,
    body: 'Min søn har ingen smartphone og kan ikke bruge kodeviseren. Hans CPR-nummer er 120304-4127, hvis I vil kontakte ham om en løsning. Vi ønsker, at det fysiske nøglekort bevares for borgere som ham.',
  },
  {
    name: 'Henrik Dahl',
    consent: 'public_named' as const,
    locale: 'da' as const,
    body: 'Overgangen til den nye løsning skal ske i god tid, og borgerservice skal kunne hjælpe ældre. Ring gerne til mig på tlf. 40 12 34 56, hvis I vil høre mere om vores erfaringer fra ældrerådet.',
  },
  {
    name: 'Grethe Ibsen',
    consent: 'public_anonymous' as const,
    locale: 'da' as const,
    body: 'Jeg er bekymret for privatlivet, når staten samler alle logins ét sted. Data om hvornår jeg logger ind, må ikke bruges til andet. Venlig hilsen Grethe Ibsen',
  },
];

export async function seedDemoPrivacy(db: Db, consultationId: string, admin: Actor): Promise<PrivacyCounts> {
  const none = { responses: 0, findings: 0, redacted: 0 };
  const done = await sql<{ n: number }>`
    select count(*)::int as n from responses where consultation_id = ${consultationId} and respondent_name = ${PLANTED[0]!.name}`.execute(
    db,
  );
  if ((done.rows[0]?.n ?? 0) > 0) return none;
  const ids: string[] = [];
  const now = Date.now();
  for (const [i, p] of PLANTED.entries()) {
    const id = crypto.randomUUID();
    const respondent = {
      name: p.name,
      email: `${p.name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.dk`,
      actingAs: 'citizen' as const,
      organisationName: null,
      cvr: null,
    };
    const snapshot = canonicalSubmission({
      respondent,
      consent: p.consent,
      body: p.body,
      answers: [],
      attachmentSha256s: [],
    });
    const fingerprint = fingerprintOf(snapshot);
    await db
      .insertInto('responses')
      .values({
        consultationId,
        id,
        receiptCode: newReceiptCode(),
        respondentName: respondent.name,
        respondentEmail: respondent.email,
        actingAs: respondent.actingAs,
        organisationName: null,
        cvr: null,
        consent: p.consent,
        channel: 'web',
        locale: p.locale,
        body: p.body,
        fingerprint,
        publicationStatus: 'pending',
        publicationReason: null,
        submittedAt: new Date(now - (3 - i) * 3_600_000),
      })
      .execute();
    await db
      .insertInto('responseVersions')
      .values({ consultationId, responseId: id, version: 1, snapshot: canonicalJson(snapshot), fingerprint })
      .execute();
    ids.push(id);
  }
  // The seed wrote its input without audit events: the scanner walks all of it.
  await rewalkPrivacy(db);
  await scanInput(db, { minLagMs: 0 });
  const queue = await listRedactions(db, admin, consultationId, { status: 'pending', responseId: ids[0], limit: 25 });
  let redacted = 0;
  for (const f of queue.items) {
    if (f.kind !== 'cpr') continue;
    await decideRedaction(db, admin, consultationId, f.id, {
      decision: 'accept',
      reason: 'CPR-nummer på en tredjeperson (databeskyttelsesloven § 11, stk. 3)',
    });
    redacted++;
  }
  await decidePublication(db, admin, ids[0]!, { decision: 'approve' });
  const all = await listRedactions(db, admin, consultationId, { limit: 1 });
  return { responses: ids.length, findings: all.counts.pending + all.counts.accepted + all.counts.rejected, redacted };
}
