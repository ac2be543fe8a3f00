/**
 * The demo's consulted parties (issue 13): a directory of real Danish public bodies and
 * organisations (names only; the addresses are demo addresses), all on the NemID hearing's
 * høringsliste and invited. Some answered (their responses in the hearing are linked), some said
 * "no comments", the rest have not replied; one response waits as a proposed match (by CVR).
 * Written through the parties module's services, so the audit log and the invited flags are real.
 * Idempotent: a hearing whose list has parties is left as it is.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { PartyKind } from '../db/schema.ts';
import { linkToParty } from '../modules/parties/parties.link.ts';
import { addToList, invite, type ListContext, recordNoComments } from '../modules/parties/parties.list.ts';
import { commitImport } from '../modules/parties/parties.service.ts';
import { responseForParty } from '../modules/responses/responses.service.ts';
import type { Actor } from '../shared/actor.ts';
import { cvrFor } from './demo-people.ts';
import { ORGANISATIONS } from './demo-phrases.ts';

type DemoParty = {
  name: string;
  kind: PartyKind;
  host: string;
  locale?: 'en';
  answered?: string;
  noComments?: 'party' | 'staff';
};

/** `answered`: the organisation name the demo responses carry (demo-phrases.ts ORGANISATIONS). */
export const DEMO_PARTIES: DemoParty[] = [
  { name: 'Finansministeriet', kind: 'ministry', host: 'fm' },
  { name: 'Justitsministeriet', kind: 'ministry', host: 'jm', noComments: 'party' },
  { name: 'Erhvervsministeriet', kind: 'ministry', host: 'em', noComments: 'staff' },
  { name: 'Datatilsynet', kind: 'agency', host: 'datatilsynet' },
  { name: 'Rigsrevisionen', kind: 'other', host: 'rigsrevisionen', noComments: 'party' },
  { name: 'KL', kind: 'association', host: 'kl', answered: 'Kommunernes Landsforening' },
  { name: 'Danske Regioner', kind: 'association', host: 'regioner', answered: 'Danske Regioner' },
  { name: 'Københavns Kommune', kind: 'municipality', host: 'kk' },
  { name: 'Aarhus Kommune', kind: 'municipality', host: 'aarhus', answered: 'Aarhus Kommune' },
  { name: 'Odense Kommune', kind: 'municipality', host: 'odense', noComments: 'party' },
  { name: 'Aalborg Kommune', kind: 'municipality', host: 'aalborg' },
  { name: 'Finans Danmark', kind: 'association', host: 'finansdanmark', answered: 'Finans Danmark' },
  { name: 'Dansk Industri', kind: 'association', host: 'di', locale: 'en' },
  { name: 'Dansk Erhverv', kind: 'association', host: 'danskerhverv' },
  { name: 'IT-Branchen', kind: 'association', host: 'itb' },
  { name: 'Forbrugerrådet Tænk', kind: 'ngo', host: 'taenk', answered: 'Forbrugerrådet Tænk' },
  { name: 'Danske Handicaporganisationer', kind: 'ngo', host: 'dh' },
  { name: 'Ældre Sagen', kind: 'ngo', host: 'aeldresagen', answered: 'Ældre Sagen' },
];

/**
 * Dansk Erhverv's directory entry carries the CVR number its demo responses were given
 * (demo-people.ts cvrFor), so one of them waits on the list page as a proposed match.
 */
const PROPOSED = 'Dansk Erhverv';
const demoCvr = (org: string) => cvrFor(ORGANISATIONS.findIndex((o) => o.name === org) + 1);

export async function seedDemoParties(
  db: Db,
  nemid: { id: string },
  admin: Actor,
): Promise<{ parties: number; answered: number; noComments: number }> {
  const none = { parties: 0, answered: 0, noComments: 0 };
  const listed = await sql<{ n: string }>`select count(*) as n from consultation_parties
    where consultation_id = ${nemid.id}`.execute(db);
  if (Number(listed.rows[0]!.n) > 0) return none;
  const existing = await sql<{ name: string }>`select name from parties`.execute(db);
  const have = new Set(existing.rows.map((r) => r.name));
  const rows = DEMO_PARTIES.filter((p) => !have.has(p.name)).map(
    (p) =>
      `${p.name};${p.kind};${p.name === PROPOSED ? demoCvr(p.name) : ''};hoering@${p.host}.samraad.demo;${p.locale ?? 'da'};`,
  );
  if (rows.length > 0) await commitImport(db, admin, ['name;kind;cvr;emails;locale;note', ...rows].join('\n'));
  const ids = new Map(
    (await sql<{ id: string; name: string }>`select id, name from parties`.execute(db)).rows.map((r) => [r.name, r.id]),
  );
  // The demo's mail is kept in the outbox (no SMTP in the demo): staff see the invitations there, masked.
  const ctx: ListContext = { db, publicUrl: 'http://localhost:3000', mailStatus: 'outboxed', defaultReminderDays: 5 };
  const partyIds = DEMO_PARTIES.map((p) => ids.get(p.name)!);
  await addToList(ctx, admin, nemid.id, { partyIds, kinds: [] });
  await invite(ctx, admin, nemid.id);

  let answered = 0;
  const c = await sql<{ id: string; closesAt: Date | null }>`select id, closes_at from consultations
    where id = ${nemid.id}`.execute(db);
  const consultation = { id: nemid.id, closesAt: c.rows[0]!.closesAt };
  for (const [i, p] of DEMO_PARTIES.entries()) {
    if (!p.answered) continue;
    const r = await sql<{ id: string }>`select id from responses where consultation_id = ${nemid.id}
      and organisation_name = ${p.answered} and status = 'submitted' order by submitted_at, id limit 1`.execute(db);
    const response = r.rows[0] && (await responseForParty(db, nemid.id, r.rows[0].id));
    if (!response) continue;
    // Most answered through their personal link; one was matched by staff.
    const how = i % 3 === 0 ? 'match' : 'link';
    await db
      .transaction()
      .execute((trx) =>
        linkToParty(trx, how === 'match' ? admin : null, consultation, ids.get(p.name)!, response, how),
      );
    answered++;
  }
  let noComments = 0;
  for (const p of DEMO_PARTIES.filter((x) => x.noComments)) {
    await recordNoComments(ctx, admin, nemid.id, ids.get(p.name)!);
    if (p.noComments === 'party') {
      await sql`update consultation_parties set no_comments_by = 'party'
        where consultation_id = ${nemid.id} and party_id = ${ids.get(p.name)!}`.execute(db);
    }
    noComments++;
  }
  return { parties: DEMO_PARTIES.length, answered, noComments };
}

/** Directory names of the concluded hearing's list where the responses use another name. */
const DIRECTORY_NAME: Record<string, string> = { 'Kommunernes Landsforening': 'KL' };
const KIND_OF: Record<string, PartyKind> = {
  'Aarhus Kommune': 'municipality',
  KOMBIT: 'other',
  Rigsrevisionen: 'other',
  'Ældre Sagen': 'ngo',
  'Dansk Handicap Forbund': 'ngo',
  'Forbrugerrådet Tænk': 'ngo',
  'IT-Politisk Forening': 'ngo',
  'Danske Seniorer': 'ngo',
};

/**
 * The concluded hearing's høringsliste (issue 14 story 6: the generated høringsnotat lists it): the
 * parties its hand-written notat names (demo-report.ts HEARING_LIST), invited when it opened; the
 * response of each party that answered is linked to it through its personal link, and Rigsrevisionen
 * said "no comments". Idempotent: a hearing whose list has parties is left as it is.
 */
export async function seedConcludedParties(
  db: Db,
  concluded: { id: string },
  admin: Actor,
  hearingList: readonly string[],
): Promise<{ parties: number; answered: number }> {
  const listed = await sql<{ n: string }>`select count(*) as n from consultation_parties
    where consultation_id = ${concluded.id}`.execute(db);
  if (Number(listed.rows[0]!.n) > 0) return { parties: 0, answered: 0 };
  const dirName = (n: string) => DIRECTORY_NAME[n] ?? n;
  const have = new Set((await sql<{ name: string }>`select name from parties`.execute(db)).rows.map((r) => r.name));
  const rows = hearingList
    .filter((n) => !have.has(dirName(n)))
    .map((n, i) => `${dirName(n)};${KIND_OF[n] ?? 'association'};;hoering-${i}@liste.samraad.demo;da;`);
  if (rows.length > 0) await commitImport(db, admin, ['name;kind;cvr;emails;locale;note', ...rows].join('\n'));
  const ids = new Map(
    (await sql<{ id: string; name: string }>`select id, name from parties`.execute(db)).rows.map((r) => [r.name, r.id]),
  );
  const ctx: ListContext = { db, publicUrl: 'http://localhost:3000', mailStatus: 'outboxed', defaultReminderDays: 5 };
  const partyIds = hearingList.map((n) => ids.get(dirName(n))!).filter(Boolean);
  await addToList(ctx, admin, concluded.id, { partyIds, kinds: [] });
  // Invited when the hearing opened (its invitation mails belong to the past; none are queued now).
  const c = await sql<{ opensAt: Date | null; closesAt: Date | null }>`select opens_at, closes_at from consultations
    where id = ${concluded.id}`.execute(db);
  await sql`update consultation_parties set invited_at = ${c.rows[0]!.opensAt ?? new Date()}, invited_by = ${admin.id}
    where consultation_id = ${concluded.id}`.execute(db);
  const consultation = { id: concluded.id, closesAt: c.rows[0]!.closesAt };
  let answered = 0;
  for (const name of hearingList) {
    const partyId = ids.get(dirName(name));
    if (!partyId) continue;
    const r = await sql<{ id: string }>`select id from responses where consultation_id = ${concluded.id}
      and organisation_name = ${name} and status = 'submitted' order by submitted_at, id limit 1`.execute(db);
    const response = r.rows[0] && (await responseForParty(db, concluded.id, r.rows[0].id));
    if (!response) continue;
    await db.transaction().execute((trx) => linkToParty(trx, null, consultation, partyId, response, 'link'));
    answered++;
  }
  const quiet = ids.get('Rigsrevisionen');
  if (quiet && hearingList.includes('Rigsrevisionen')) {
    const entry = await sql<{ responseId: string | null }>`select response_id from consultation_parties
      where consultation_id = ${concluded.id} and party_id = ${quiet}`.execute(db);
    if (entry.rows[0] && entry.rows[0].responseId === null) {
      await recordNoComments(ctx, admin, concluded.id, quiet);
      await sql`update consultation_parties set no_comments_by = 'party'
        where consultation_id = ${concluded.id} and party_id = ${quiet}`.execute(db);
    }
  }
  return { parties: partyIds.length, answered };
}
