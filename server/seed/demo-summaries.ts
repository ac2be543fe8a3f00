import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { AgencyAnswer, Localized } from '../db/schema.ts';
import type { Actor } from '../shared/actor.ts';
import { createTag, getCodebook } from '../modules/analysis/codebook/codebook.service.ts';
import { createCoding } from '../modules/analysis/codings/codings.service.ts';
import { indexInput } from '../modules/analysis/inbox/inbox.indexer.ts';
import { updateWorkflow } from '../modules/analysis/inbox/inbox.service.ts';
import { saveThemeSummary } from '../modules/reports/summaries/summaries.save.ts';
import { getThemeSummary, listPassages } from '../modules/reports/summaries/summaries.service.ts';
import { THEMES as DEMO_CODEBOOK } from './demo-analysis.ts';
import { SENTENCES, type Theme } from './demo-phrases.ts';
import { REPORT_SLUG } from './demo-report.ts';
import { THEME_TEXT } from './demo-report-themes.ts';

/**
 * The demo's theme summaries and the agency's answers (issue 14 story 5), written by the demo
 * analyst through the same services the API uses (audited):
 * - the open NemID hearing: draft summaries of four of its themes, each sentence citing coded
 *   passages, so the overview shows coverage and the other themes' single voices;
 * - the concluded hearing (REPORT_SLUG): a codebook of its report's themes, its responses coded
 *   passage by passage, and a "ready" summary per theme built from the høringsnotat's own texts
 *   (demo-report-themes.ts), so the report can be generated from them.
 * Idempotent: a theme that has a summary, and a consultation that has codings, are left as they are.
 * Run it before the hearing report is generated (the report reads the summaries).
 */

const NEMID = 'naeste-generation-af-nemid';
const ANALYST = 'analyst@samraad.demo';
/** Passages each sentence cites. */
const PER_SENTENCE = 4;

type Spec = {
  sentences: Localized[];
  answer: AgencyAnswer | null;
  reason: Localized;
  change: Localized;
  status: 'draft' | 'ready';
};

/** The NemID hearing's summaries so far: drafts, as an analyst writes them while the hearing runs. */
const NEMID_SUMMARIES: Partial<Record<Theme, Spec>> = {
  seniors: {
    sentences: [
      {
        da: 'Mange svar understreger, at borgere uden smartphone skal kunne logge på uden hjælp fra pårørende.',
        en: 'Many responses stress that citizens without a smartphone must be able to log in without help from relatives.',
      },
      {
        da: 'Flere ønsker, at borgerservice får ressourcer til at hjælpe dem, der ikke selv kan komme i gang.',
        en: 'Several want the citizen service centres to have the means to help those who cannot get started on their own.',
      },
    ],
    answer: 'accommodated',
    reason: {
      da: 'Alle scenarier skal tilbyde et log-in-middel uden smartphone, fx en kodeviser eller et chipkort.',
      en: 'Every scenario must offer a means of logging in without a smartphone, such as a code display or a chip card.',
    },
    change: {
      da: 'Kravet om et alternativ til appen er skrevet ind i scenariebeskrivelserne.',
      en: 'The requirement of an alternative to the app has been written into the scenario descriptions.',
    },
    status: 'draft',
  },
  security: {
    sentences: [
      {
        da: 'Svarene lægger vægt på beskyttelse mod phishing og på, at en stjålet telefon ikke i sig selv giver adgang.',
        en: 'The responses stress protection against phishing and that a stolen phone must not by itself give access.',
      },
    ],
    answer: 'accommodated',
    reason: {
      da: 'Sikringsniveauet "betydelig" efter eIDAS er et krav i alle scenarier.',
      en: 'The eIDAS assurance level "substantial" is required in every scenario.',
    },
    change: { da: '', en: '' },
    status: 'draft',
  },
  privacy: {
    sentences: [
      {
        da: 'Svarene ønsker at vide, hvem der kan se, hvornår og hvor borgeren har logget på, og at data bliver i EU.',
        en: 'The responses want to know who can see when and where a citizen logged in, and that the data stay in the EU.',
      },
    ],
    answer: 'partly',
    reason: {
      da: 'Data om log-in opbevares i EU i alle scenarier; i S1 behandler bankerne dog oplysninger om brugen.',
      en: 'Log-in data are kept in the EU in every scenario; in S1, however, the banks process data about the use.',
    },
    change: { da: '', en: '' },
    status: 'draft',
  },
  cost: {
    sentences: [
      {
        da: 'Svarene ønsker, at log-in forbliver gratis for borgerne, og at prisen for virksomheder holdes nede.',
        en: 'The responses want log-in to stay free for citizens and the price for businesses to be kept down.',
      },
    ],
    answer: null,
    reason: { da: '', en: '' },
    change: { da: '', en: '' },
    status: 'draft',
  },
};

/** The concluded hearing's report themes in English (THEME_TEXT holds the Danish). */
const THEME_TEXT_EN: Record<Theme, { title: string; said: string; answer: string }> = {
  seniors: {
    title: 'Citizens without a smartphone, and accessibility',
    said: 'The responses stress that citizens without a smartphone and citizens with disabilities must be able to log in without help from others and with a screen reader, and that the citizen service centres must have the means to help those who cannot get started on their own.',
    answer:
      'In every scenario, log-in uses the national eID, which works with the app, a code display, a code reader and a chip. The connection guide requires the municipality’s self-service to comply with the web accessibility act, and describes how the citizen service centre helps citizens who cannot log in on their own.',
  },
  privacy: {
    title: 'Data protection',
    said: 'The responses want it to be clear who can see when and where a citizen logged in, that log-in data are not used for other purposes or shared with third parties, and that the data are kept in the EU.',
    answer:
      'Log-in data are processed under the General Data Protection Regulation and only to carry out the log-in and detect misuse. The municipality receives only the data its self-service needs. The processing is described in the connection guide.',
  },
  security: {
    title: 'Security',
    said: 'The responses stress protection against phishing, that a stolen phone must not by itself give access, two-factor authentication without shortcuts, and that misuse is detected and stopped.',
    answer:
      'Connected to NemLog-in, the municipalities do not run authentication themselves. NemLog-in is approved for the required assurance level, and security is developed in one place for every municipality.',
  },
  app: {
    title: 'App, code card and code display',
    said: 'Many find an app far easier than codes on paper, but several want the code display kept, alternatives tested thoroughly, and the app to work on older phones too.',
    answer:
      'The municipalities do not decide which log-in means citizens can use. With NemLog-in, citizens can use every means of the national eID in every municipal solution.',
  },
  lockin: {
    title: 'Dependence on suppliers',
    said: 'The responses warn against being locked to one supplier and point to open standards, so that several suppliers can bid at the next tender.',
    answer:
      'The self-service solutions connect to NemLog-in by an open, publicly described standard that every supplier can implement. In return the municipalities depend on NemLog-in’s development and priorities, as the scenario description also says; this is judged a smaller drawback than running their own solutions.',
  },
  cost: {
    title: 'Cost',
    said: 'The responses want log-in to be free for citizens, costs not to be passed on to individuals, and an overall view of what the scenarios cost. Small businesses point to the price per transaction.',
    answer:
      'When each municipality chooses and runs its own solution, development, operation and security approval are paid for many times. An overall estimate of the scenarios’ costs is in the decision memo. Log-in remains free for citizens.',
  },
  partnership: {
    title: 'Shared operation and governance',
    said: 'The responses are divided: some see an advantage in pooling the experience in one shared partnership, others are sceptical of giving one party great influence on a solution everyone must use, and want a clear exit plan.',
    answer:
      'A joint municipal solution would give the municipalities more influence, but require them to fund and run yet another shared solution, and give citizens an extra layer between NemLog-in and the self-service. The need to act on behalf of others, for example for parents, is met by NemLog-in’s power-of-attorney service.',
  },
};

/** The changes the concluded hearing led to (the høringsnotat's "Øvrige ændringer"), by theme. */
const CHANGES: Partial<Record<Theme, Localized>> = {
  seniors: {
    da: 'Tilslutningsvejledningen er udvidet med krav om tilgængelighed og med en beskrivelse af, hvordan borgerservice hjælper borgere, der ikke selv kan logge på.',
    en: 'The connection guide now requires accessibility and describes how the citizen service centre helps citizens who cannot log in on their own.',
  },
  privacy: {
    da: 'Behandlingen af oplysninger om log-in er beskrevet i tilslutningsvejledningen.',
    en: 'The processing of log-in data is described in the connection guide.',
  },
  lockin: {
    da: 'Kommunerne stiller krav om tilslutning efter den åbne standard i deres kontrakter med leverandørerne, efterhånden som kontrakterne fornyes.',
    en: 'The municipalities require connection by the open standard in their supplier contracts as the contracts are renewed.',
  },
};

const answerOf = (met: string): AgencyAnswer =>
  met.startsWith('Delvist') ? 'partly' : met.startsWith('Ikke') ? 'not_accommodated' : 'accommodated';

/** The concluded hearing's summary of a theme, from the høringsnotat's own text. */
function concludedSpec(theme: Theme): Spec {
  const da = THEME_TEXT[theme];
  const en = THEME_TEXT_EN[theme];
  return {
    sentences: [{ da: da.said, en: en.said }],
    answer: answerOf(da.met),
    reason: { da: da.answer, en: en.answer },
    change: CHANGES[theme] ?? { da: '', en: '' },
    status: 'ready',
  };
}

/** Offsets in characters (code points), as codings count them. */
const codePoints = (s: string) => Array.from(s).length;

async function analyst(db: Db): Promise<Actor | null> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'email', 'displayName'])
    .where(sql`lower(email)`, '=', ANALYST)
    .executeTakeFirst();
  return u ? { ...u, roles: ['analyst'] } : null;
}

/** Writes a theme's summary unless it has one; each sentence cites the theme's next passages. */
async function writeSummary(db: Db, actor: Actor, cid: string, tagId: string, spec: Spec): Promise<boolean> {
  if ((await getThemeSummary(db, actor, cid, tagId)).id !== null) return false;
  const need = spec.sentences.length * PER_SENTENCE;
  const passages = (await listPassages(db, actor, cid, tagId, { limit: Math.min(need, 100) }, true)).items;
  await saveThemeSummary(db, actor, cid, tagId, {
    version: 0,
    status: spec.status,
    answer: spec.answer,
    answerReason: spec.reason,
    changeMade: spec.change,
    sentences: spec.sentences.map((text, i) => ({
      text,
      codingIds: passages.slice(i * PER_SENTENCE, (i + 1) * PER_SENTENCE).map((p) => p.codingId),
    })),
  });
  return true;
}

/**
 * The concluded hearing's codebook (one tag per report theme, named as in the høringsnotat) and its
 * responses coded where a theme's sentence stands, unless it has codings already. Returns the tags.
 */
async function codeConcluded(
  db: Db,
  actor: Actor,
  cid: string,
): Promise<{ tags: Map<Theme, string>; codings: number }> {
  const codebook = await getCodebook(db, actor, cid, { archived: false });
  const tags = new Map<Theme, string>();
  for (const theme of Object.keys(THEME_TEXT) as Theme[]) {
    const name = { da: THEME_TEXT[theme].title, en: THEME_TEXT_EN[theme].title };
    const found = codebook.tags.find((t) => t.name.da === name.da);
    tags.set(
      theme,
      found
        ? found.id
        : (await createTag(db, actor, cid, { parentId: null, name, definition: '', scenarioId: null })).id,
    );
  }
  const anyCoding = await db
    .selectFrom('codings')
    .select('id')
    .where('consultationId', '=', cid)
    .limit(1)
    .executeTakeFirst();
  if (anyCoding) return { tags, codings: 0 };
  const responses = await db
    .selectFrom('responses')
    .select(['id', 'body'])
    .where('consultationId', '=', cid)
    .where('status', '=', 'submitted')
    .orderBy('submittedAt')
    .orderBy('id')
    .execute();
  let codings = 0;
  const coded: string[] = [];
  for (const r of responses) {
    const before = codings;
    for (const [theme, byLang] of Object.entries(SENTENCES) as [Theme, Record<string, string[]>][]) {
      for (const sentence of Object.values(byLang).flat()) {
        const at = (r.body ?? '').indexOf(sentence);
        if (at < 0) continue;
        const start = codePoints(r.body!.slice(0, at));
        await createCoding(db, actor, cid, {
          tagId: tags.get(theme)!,
          itemKind: 'response',
          itemId: r.id,
          field: 'body',
          startOffset: start,
          endOffset: start + codePoints(sentence),
          stance: null,
          note: '',
        });
        codings++;
      }
    }
    if (codings > before) coded.push(r.id);
  }
  // A concluded hearing's input has all been analysed: the inbox says so. Its items were indexed with
  // the rest of the demo's input (seedDemoAnalysis); a database seeded before that is indexed now.
  const mark = async () => {
    for (let k = 0; k < coded.length; k += 500) {
      const itemIds = coded.slice(k, k + 500);
      await updateWorkflow(db, actor, cid, { itemIds, status: 'analysed', assigneeId: actor.id });
    }
  };
  await mark().catch(async () => {
    await indexInput(db);
    await mark();
  });
  return { tags, codings };
}

export type SummaryCounts = { codings: number; summaries: number };

/** The demo's theme summaries (see above); run after seedDemoAnalysis and before the report is generated. */
export async function seedDemoSummaries(db: Db): Promise<SummaryCounts> {
  const counts: SummaryCounts = { codings: 0, summaries: 0 };
  const actor = await analyst(db);
  if (!actor) return counts;
  const hearings = await db
    .selectFrom('consultations')
    .select(['id', 'slug'])
    .where('slug', 'in', [NEMID, REPORT_SLUG])
    .execute();
  const nemid = hearings.find((h) => h.slug === NEMID);
  if (nemid) {
    const codebook = await getCodebook(db, actor, nemid.id, { archived: false });
    for (const code of DEMO_CODEBOOK.flatMap((t) => t.codes)) {
      const spec = NEMID_SUMMARIES[code.theme];
      const tag = codebook.tags.find((t) => t.name.da === code.name.da);
      if (spec && tag && (await writeSummary(db, actor, nemid.id, tag.id, spec))) counts.summaries++;
    }
  }
  const concluded = hearings.find((h) => h.slug === REPORT_SLUG);
  if (concluded) {
    const { tags, codings } = await codeConcluded(db, actor, concluded.id);
    counts.codings += codings;
    for (const [theme, tagId] of tags) {
      if (await writeSummary(db, actor, concluded.id, tagId, concludedSpec(theme))) counts.summaries++;
    }
  }
  return counts;
}
