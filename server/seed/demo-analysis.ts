import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { indexInput, rewalkInput } from '../modules/analysis/inbox/inbox.indexer.ts';
import { updateWorkflow } from '../modules/analysis/inbox/inbox.service.ts';
import { createTag, getCodebook } from '../modules/analysis/codebook/codebook.service.ts';
import { createCoding } from '../modules/analysis/codings/codings.service.ts';
import { SENTENCES, type Theme } from './demo-phrases.ts';
import { seedDemoCampaigns } from './demo-campaign.ts';
import { seedDemoTeamwork, type TeamworkCounts } from './demo-teamwork.ts';

/**
 * The demo's analysis (issue 11): the NemID hearing gets a codebook whose codes are the themes its
 * responses were written from (demo-phrases.ts), and the first responses are coded by the demo
 * analyst, passage by passage, through the same services the API uses (audited), then marked
 * analysed in the inbox. So a newcomer opens the workspace to coded input, not an empty page.
 * Idempotent: a consultation whose codebook has tags is left as it is.
 */
export const ANALYSED_RESPONSES = 120;
const SLUG = 'naeste-generation-af-nemid';

type Localized = { da: string; en: string };

/**
 * The stance the demo analyst records for a sentence (issue 14 story 2: the scenario scorecard counts
 * input for and against): a worry or a demand that is not met reads as against, an endorsement as
 * for, a conditional yes as mixed, the rest as neutral. A demo's reading, by wording.
 */
export function demoStance(sentence: string): 'for' | 'against' | 'mixed' | 'neutral' {
  const s = sentence.toLowerCase();
  const yes =
    /fornuftigt|makes sense|god løsning|work well|nemmere|easier|virket godt|worked well|forbedring|improvement|godt at se|good to see|positiv|trygt|reassuring/;
  const no =
    /skeptisk|sceptical|må ikke|must not|savner|i miss|problem|afhængig|depend|andenrangs|second-rate|frygter|fear|dyrt|expensive|barriere|barrier|ikke enig|disagree|tvinges|forced/;
  if (yes.test(s)) return no.test(s) || /hvis|if |men |but /.test(s) ? 'mixed' : 'for';
  if (no.test(s)) return 'against';
  return 'neutral';
}
export const THEMES: {
  name: Localized;
  definition: string;
  codes: { theme: Theme; name: Localized; definition: string }[];
}[] = [
  {
    name: { da: 'Adgang for alle', en: 'Access for everyone' },
    definition: 'Om hvem der kan bruge løsningen, og hvordan.',
    codes: [
      {
        theme: 'seniors',
        name: { da: 'Borgere uden smartphone', en: 'Citizens without a smartphone' },
        definition: 'Ældre, borgere med handicap og andre, der ikke kan eller vil bruge en app.',
      },
      {
        theme: 'app',
        name: { da: 'App, nøglekort og kodeviser', en: 'App, code card and code display' },
        definition: 'Hvilke log-in-midler der skal findes, og hvordan de virker i hverdagen.',
      },
    ],
  },
  {
    name: { da: 'Sikkerhed og databeskyttelse', en: 'Security and data protection' },
    definition: 'Om beskyttelse mod misbrug og om brugen af data om log-in.',
    codes: [
      {
        theme: 'security',
        name: { da: 'Sikkerhed og phishing', en: 'Security and phishing' },
        definition: 'Phishing, stjålne telefoner, tofaktorgodkendelse og opdagelse af misbrug.',
      },
      {
        theme: 'privacy',
        name: { da: 'Databeskyttelse', en: 'Data protection' },
        definition: 'Hvem der ser data om log-in, til hvad, og hvor de opbevares.',
      },
    ],
  },
  {
    name: { da: 'Økonomi og styring', en: 'Cost and governance' },
    definition: 'Om hvad løsningen koster, hvem der driver den, og afhængighed af leverandører.',
    codes: [
      {
        theme: 'cost',
        name: { da: 'Omkostninger', en: 'Cost' },
        definition: 'Udgifter for borgere, virksomheder og det offentlige.',
      },
      {
        theme: 'lockin',
        name: { da: 'Afhængighed af leverandører', en: 'Vendor lock-in' },
        definition: 'Åbne standarder, udbud og risikoen for at blive låst til én leverandør.',
      },
      {
        theme: 'partnership',
        name: { da: 'Fælles drift og styring', en: 'Shared operation and governance' },
        definition: 'Samarbejdet mellem stat, kommuner, regioner og erhvervsliv om løsningen.',
      },
    ],
  },
];

/** Offsets in characters (code points), as codings count them. */
const codePoints = (s: string) => Array.from(s).length;

export type AnalysisCounts = { tags: number; codings: number; analysed: number; teamwork: TeamworkCounts | null };

export async function seedDemoAnalysis(db: Db): Promise<AnalysisCounts> {
  const none: AnalysisCounts = { tags: 0, codings: 0, analysed: 0, teamwork: null };
  const c = await db.selectFrom('consultations').select('id').where('slug', '=', SLUG).executeTakeFirst();
  const analyst = await db
    .selectFrom('users')
    .select(['id', 'email', 'displayName'])
    .where(sql`lower(email)`, '=', 'analyst@samraad.demo')
    .executeTakeFirst();
  if (!c || !analyst) return none;
  const actor: Actor = { id: analyst.id, email: analyst.email, displayName: analyst.displayName, roles: ['analyst'] };
  if ((await getCodebook(db, actor, c.id, { archived: true })).tags.length > 0) return none;

  let tags = 0;
  const tagOf = new Map<Theme, string>();
  for (const theme of THEMES) {
    const parent = await createTag(db, actor, c.id, {
      parentId: null,
      name: theme.name,
      definition: theme.definition,
      scenarioId: null,
    });
    tags++;
    for (const code of theme.codes) {
      const tag = await createTag(db, actor, c.id, {
        parentId: parent.id,
        name: code.name,
        definition: code.definition,
        scenarioId: null,
      });
      tagOf.set(code.theme, tag.id);
      tags++;
    }
  }

  // The demo analyst's first batch: the earliest responses, each theme sentence coded where it stands.
  const responses = await db
    .selectFrom('responses')
    .select(['id', 'body'])
    .where('consultationId', '=', c.id)
    .where('status', '=', 'submitted')
    .orderBy('submittedAt')
    .orderBy('id')
    .limit(ANALYSED_RESPONSES)
    .execute();
  let codings = 0;
  const coded: string[] = [];
  for (const r of responses) {
    let found = 0;
    for (const [theme, byLang] of Object.entries(SENTENCES) as [Theme, Record<string, string[]>][]) {
      for (const sentence of Object.values(byLang).flat()) {
        const at = r.body.indexOf(sentence);
        if (at < 0) continue;
        const start = codePoints(r.body.slice(0, at));
        await createCoding(db, actor, c.id, {
          tagId: tagOf.get(theme)!,
          itemKind: 'response',
          itemId: r.id,
          field: 'body',
          startOffset: start,
          endOffset: start + codePoints(sentence),
          stance: demoStance(sentence),
          note: '',
        });
        codings++;
        found++;
      }
    }
    if (found > 0) coded.push(r.id);
  }

  // The inbox shows the batch as the analyst's and analysed (its index is built here, once).
  // The seed wrote its responses without audit events, so the index walks them all.
  await rewalkInput(db);
  await indexInput(db);
  // Campaigns (issue 12): found as the index compared each response; a full run checks the hearing.
  await seedDemoCampaigns(db, actor, c.id);
  for (let i = 0; i < coded.length; i += 500) {
    await updateWorkflow(db, actor, c.id, {
      itemIds: coded.slice(i, i + 500),
      status: 'analysed',
      assigneeId: analyst.id,
    });
  }
  // Both analysts on the team, the rest split between them, coder agreement and suggested themes.
  const staff = await db
    .selectFrom('users')
    .select(['id', 'email', 'displayName'])
    .where(sql`lower(email)`, 'in', ['admin@samraad.demo', 'analyst2@samraad.demo'])
    .execute();
  const admin = staff.find((s) => s.email === 'admin@samraad.demo');
  const second = staff.find((s) => s.email === 'analyst2@samraad.demo');
  const teamwork =
    admin && second
      ? await seedDemoTeamwork(
          db,
          c.id,
          {
            admin: { ...admin, roles: ['admin'] },
            first: actor,
            second: { ...second, roles: ['analyst'] },
          },
          tagOf,
        )
      : null;
  return { tags, codings, analysed: coded.length, teamwork };
}
