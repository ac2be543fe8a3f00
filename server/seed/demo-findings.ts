/**
 * The demo's user tests (issue 13 story 1): on the open NemID hearing, three test sessions — a
 * moderated usability test with seniors in Aarhus, a remote think-aloud with screen-reader users and
 * an unmoderated task with young first-time users — and fifteen findings on S1–S4 in Danish, two of
 * them with a small screenshot (a PNG made here). Everything goes through the findings module's
 * services, so it is audited and the inbox indexer picks it up from the audit log. Idempotent: a
 * hearing that has sessions already is left as it is. Without a blob store (tests) no files are added.
 */
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import type { BlobStore } from '../modules/files/blob-store.ts';
import { nothingPublished } from '../modules/files/files.service.ts';
import { addEvidence } from '../modules/findings/evidence.service.ts';
import { createFinding } from '../modules/findings/findings.service.ts';
import type { FindingBody, SessionBody } from '../modules/findings/findings.schemas.ts';
import { createSession, listSessions } from '../modules/findings/sessions.service.ts';
import { listScenarios } from '../modules/scenarios/scenarios.service.ts';
import type { Actor } from '../shared/actor.ts';

const DAY = 86_400_000;
const day = (now: Date, daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString().slice(0, 10);

type SessionSpec = Omit<SessionBody, 'heldOn'> & { daysAgo: number };
const SESSIONS: SessionSpec[] = [
  {
    ref: 'T1-Aarhus',
    daysAgo: 24,
    remote: false,
    place: 'Borgerservice Aarhus, Dokk1',
    method: 'moderated_usability_test',
    facilitator: 'Mette Holm',
    participantProfile: 'Seniorer på 67–84 år; tre bruger smartphone for første gang, to har nedsat syn',
    participantCount: 6,
    device: 'Udlånte iPhone SE og Samsung Galaxy A14',
    recordingConsent: true,
    note: 'Hver session varede 45 minutter; en pårørende var med hos to af deltagerne.',
  },
  {
    ref: 'T2-Skaermlaeser',
    daysAgo: 17,
    remote: true,
    place: '',
    method: 'think_aloud',
    facilitator: 'Jonas Krogh',
    participantProfile: 'Blinde og svagsynede, der dagligt bruger VoiceOver eller TalkBack',
    participantCount: 5,
    device: 'Deltagernes egne telefoner med skærmlæser',
    recordingConsent: true,
    note: 'Afholdt over Teams med skærmdeling; Dansk Blindesamfund hjalp med rekruttering.',
  },
  {
    ref: 'T3-Unge',
    daysAgo: 10,
    remote: true,
    place: '',
    method: 'unmoderated_task',
    facilitator: 'Sara Lind',
    participantProfile: 'Unge på 15–19 år, der skal oprette deres første digitale identitet',
    participantCount: 12,
    device: 'Egen smartphone',
    recordingConsent: false,
    note: 'Opgaverne blev løst hjemme via et testværktøj; kun skærmforløb og svar blev gemt.',
  },
];

type FindingSpec = Omit<FindingBody, 'scenarioId' | 'sessionIds' | 'status' | 'statusNote'> & {
  scenario: 'S1' | 'S2' | 'S3' | 'S4';
  sessions: string[];
  status?: FindingBody['status'];
  statusNote?: string;
  screenshot?: string;
};

const FINDINGS: FindingSpec[] = [
  {
    scenario: 'S1',
    sessions: ['T1-Aarhus'],
    task: 'Log ind på netbanken med den fælles app',
    observation:
      'Fire deltagere forstod ikke, at samme app både gav adgang til netbanken og til borger.dk. To lukkede appen, da bankens logo dukkede op, fordi de troede, de var kommet det forkerte sted hen.',
    severity: 'major',
    participantsAffected: 4,
    recommendation:
      'Vis både det offentlige og bankens navn på godkendelsesskærmen, og forklar sammenhængen ved første opstart.',
    screenshot: 'godkend-skaerm-bank.png',
  },
  {
    scenario: 'S1',
    sessions: ['T1-Aarhus'],
    task: 'Godkend et login med appen',
    observation:
      'Knappen "Godkend" lå under folden på de små skærme. Tre deltagere ledte i over et minut og gav op uden at rulle ned.',
    severity: 'critical',
    participantsAffected: 3,
    recommendation: 'Placér Godkend øverst på skærmen med stor tekst, og undgå at skulle rulle.',
    status: 'addressed',
    statusNote: 'Rettet i prototype 2; testes igen i næste runde.',
    screenshot: 'godkend-under-folden.png',
  },
  {
    scenario: 'S1',
    sessions: ['T2-Skaermlaeser'],
    task: 'Godkend et login med skærmlæser',
    observation:
      'VoiceOver læste godkendelsesknappen op som "knap" uden tekst. Ingen af deltagerne kunne vide, om de godkendte eller afviste.',
    severity: 'critical',
    participantsAffected: 5,
    recommendation: 'Giv alle knapper en tilgængelig tekst, og test med VoiceOver og TalkBack før hver udgivelse.',
  },
  {
    scenario: 'S1',
    sessions: ['T3-Unge'],
    task: 'Opret adgang uden at have en bank',
    observation:
      'Unge uden egen bankkonto kunne ikke se, hvordan de skulle komme i gang; syv valgte "Jeg har ikke en bank" og endte i en blindgyde.',
    severity: 'major',
    participantsAffected: 7,
    recommendation: 'Tilbyd en tydelig vej via borgerservice eller forældres samtykke for unge uden bank.',
  },
  {
    scenario: 'S2',
    sessions: ['T1-Aarhus'],
    task: 'Hent kodeviser på borgerservice',
    observation:
      'Deltagerne var trygge ved, at staten alene stod bag, men fem ud af seks forventede at kunne få hjælp ved skranken uden tidsbestilling.',
    severity: 'minor',
    participantsAffected: 5,
    recommendation: 'Sørg for, at borgerservice kan udstede og hjælpe uden tidsbestilling i overgangsperioden.',
  },
  {
    scenario: 'S2',
    sessions: ['T2-Skaermlaeser'],
    task: 'Aktivér den offentlige app med skærmlæser',
    observation:
      'Aktiveringskoden blev vist som billede uden alternativ tekst. Tre deltagere måtte have seende hjælp for at aflæse den.',
    severity: 'critical',
    participantsAffected: 3,
    recommendation:
      'Vis aktiveringskoden som tekst, der kan læses op og kopieres, og send den også som brev med punktskrift efter ønske.',
  },
  {
    scenario: 'S2',
    sessions: ['T3-Unge'],
    task: 'Log ind på skolens system (Unilogin) via den offentlige eID',
    observation:
      'De unge skulle skifte mellem to apps under login og mistede overblikket; fire forsøgte at starte forfra midt i forløbet.',
    severity: 'minor',
    participantsAffected: 4,
    recommendation: 'Hold hele login-forløbet i én app, eller vend automatisk tilbage til den app, brugeren kom fra.',
  },
  {
    scenario: 'S2',
    sessions: ['T1-Aarhus', 'T3-Unge'],
    task: 'Find hjælp, når login fejler',
    observation:
      'Fejlbeskeden "Fejlkode 4012" sagde ikke, hvad man skulle gøre. Deltagere i begge aldersgrupper gættede på løsningen.',
    severity: 'major',
    participantsAffected: 9,
    recommendation: 'Skriv fejlbeskeder i almindeligt sprog med et konkret næste skridt og et telefonnummer.',
    status: 'wont_fix',
    statusNote: 'Fejlbeskederne kommer fra leverandørens standardkomponent; indgår i kravspecifikationen i stedet.',
  },
  {
    scenario: 'S3',
    sessions: ['T1-Aarhus'],
    task: 'Vælg en eID-udbyder',
    observation:
      'Listen over certificerede udbydere gjorde deltagerne usikre: "Hvilken er den rigtige?" Fire bad testlederen vælge for dem.',
    severity: 'major',
    participantsAffected: 4,
    recommendation:
      'Forklar, at alle udbydere er godkendt af staten og giver samme adgang, og vis en anbefalet standard.',
  },
  {
    scenario: 'S3',
    sessions: ['T3-Unge'],
    task: 'Sammenlign udbydernes priser og vilkår',
    observation: 'Deltagerne lagde mest vægt på appens udseende og overså, at én udbyder tog betaling efter første år.',
    severity: 'minor',
    participantsAffected: 8,
    recommendation: 'Vis pris og vilkår i et ensartet skema for alle udbydere.',
  },
  {
    scenario: 'S3',
    sessions: ['T2-Skaermlaeser'],
    task: 'Skift udbyder',
    observation:
      'To af udbydernes apps kunne slet ikke bruges med TalkBack; deltagerne kunne ikke komme videre uden hjælp.',
    severity: 'critical',
    participantsAffected: 2,
    recommendation:
      'Stil krav om tilgængelighed (WCAG 2.1 AA) som betingelse for certificering, og test det ved tilsyn.',
  },
  {
    scenario: 'S4',
    sessions: ['T1-Aarhus'],
    task: 'Log ind ved at holde ID-kortet mod telefonen (NFC)',
    observation:
      'Ingen af deltagerne vidste, hvor på telefonen kortet skulle holdes. Fem flyttede kortet rundt i lang tid, før telefonen reagerede.',
    severity: 'major',
    participantsAffected: 5,
    recommendation:
      'Vis en animation af, hvor kortet skal holdes, tilpasset telefonmodellen, og giv lyd og vibration ved kontakt.',
  },
  {
    scenario: 'S4',
    sessions: ['T1-Aarhus', 'T2-Skaermlaeser'],
    task: 'Indtast PIN-kode til ID-kortet',
    observation:
      'Fire-cifret PIN blev opfattet som let at huske, men tre deltagere skrev den på kortet. Skærmlæserbrugerne savnede lydfeedback efter hvert ciffer.',
    severity: 'minor',
    participantsAffected: 5,
    recommendation: 'Vejled om PIN ved udlevering, og giv lyd- eller vibrationsfeedback ved hvert tastetryk.',
  },
  {
    scenario: 'S4',
    sessions: ['T3-Unge'],
    task: 'Log ind på en computer med kortlæser',
    observation: 'Ingen af de unge havde en kortlæser, og flere troede, at kortet kun virkede på borgerservice.',
    severity: 'major',
    participantsAffected: 10,
    recommendation: 'Gør mobil med NFC til standardvejen, og forklar kortlæseren som et tilvalg.',
  },
  {
    scenario: 'S4',
    sessions: ['T2-Skaermlaeser'],
    task: 'Læs kortets udløbsdato',
    observation: 'Udløbsdatoen står kun trykt på kortet; den kunne ikke findes i appen.',
    severity: 'cosmetic',
    participantsAffected: 1,
    recommendation: 'Vis kortets udløbsdato i appen og send en påmindelse i god tid.',
  },
];

/** A small PNG screenshot stand-in: a phone outline with a coloured button, drawn in code. */
export function demoScreenshot(button: [number, number, number]): Buffer {
  const w = 36;
  const h = 64;
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3, 0xff);
    row[0] = 0;
    for (let x = 0; x < w; x++) {
      const frame = x < 2 || x >= w - 2 || y < 4 || y >= h - 6;
      const inButton = x >= 6 && x < w - 6 && y >= 44 && y < 52;
      const rgb: [number, number, number] = frame ? [40, 40, 48] : inButton ? button : [240, 244, 248];
      row.set(rgb, 1 + x * 3);
    }
    rows.push(row);
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const quietLog = {
  warn: () => undefined,
  error: () => undefined,
  info: () => undefined,
  debug: () => undefined,
} as unknown as FastifyBaseLogger;

export type FindingsCounts = { sessions: number; findings: number; evidence: number };

/** Seeds the sessions and findings on the hearing unless it has sessions already. */
export async function seedDemoFindings(
  db: Db,
  consultationId: string,
  analyst: Actor,
  opts: { now?: Date; store?: BlobStore } = {},
): Promise<FindingsCounts> {
  const counts: FindingsCounts = { sessions: 0, findings: 0, evidence: 0 };
  if ((await listSessions(db, analyst, consultationId)).items.length > 0) return counts;
  const now = opts.now ?? new Date();
  const sessionIds = new Map<string, string>();
  for (const { daysAgo, ...s } of SESSIONS) {
    const created = await createSession(db, analyst, consultationId, { ...s, heldOn: day(now, daysAgo) });
    sessionIds.set(s.ref!, created.id);
    counts.sessions++;
  }
  const scenarios = new Map((await listScenarios(db, analyst, consultationId)).map((s) => [s.key, s.id]));
  const files = opts.store
    ? {
        db,
        store: opts.store,
        jobs: { send: async () => undefined },
        log: quietLog,
        stagingDir: path.join(os.tmpdir(), 'samraad-seed-uploads'),
        maxBytes: 1_000_000,
        isPublished: nothingPublished,
      }
    : null;
  let colour = 0;
  for (const f of FINDINGS) {
    const scenarioId = scenarios.get(f.scenario);
    if (!scenarioId) continue;
    const finding = await createFinding(db, analyst, consultationId, {
      scenarioId,
      sessionIds: f.sessions.map((ref) => sessionIds.get(ref)!),
      task: f.task,
      observation: f.observation,
      severity: f.severity,
      participantsAffected: f.participantsAffected,
      recommendation: f.recommendation,
      status: f.status ?? 'open',
      statusNote: f.statusNote ?? '',
    });
    counts.findings++;
    if (f.screenshot && files) {
      const png = demoScreenshot(colour++ % 2 === 0 ? [0, 90, 160] : [200, 40, 40]);
      let given = false;
      await addEvidence({ db, files, maxBytes: files.maxBytes }, analyst, consultationId, finding.id, {
        nextFile: async () => {
          if (given) return undefined;
          given = true;
          return { filename: f.screenshot!, file: Readable.from([png]) };
        },
      });
      counts.evidence++;
    }
  }
  return counts;
}
