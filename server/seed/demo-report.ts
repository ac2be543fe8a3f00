import type { Db } from '../db/database.ts';
import type { ActingAs } from '../db/schema.ts';
import { getResults } from '../modules/rankings/rankings.service.ts';
import type { DemoConsultation } from './demo-content.ts';
import type { PdfLine } from './demo-pdf.ts';
import { wrap } from './demo-pdf.ts';
import { ORGANISATIONS, SENTENCES, type Theme } from './demo-phrases.ts';
import { THEME_TEXT } from './demo-report-themes.ts';

/**
 * The concluded demo hearing's høringsnotat (issue 10 item 13), in the shape of Vejledning om
 * lovkvalitet (Nov. 2023) pkt. 9.1.6: the hearing period, the høringsliste with a tick for each party
 * that answered, the general remarks, the remarks per scenario with the agency's answer, and the
 * decision. Every figure is read from a database the demo seed has filled, so the notat agrees with
 * what the demo shows; scripts/make-demo-docs.ts writes it, and a test compares the bytes.
 */

export const REPORT_SLUG = 'faelles-login-kommunal-selvbetjening';
export const REPORT_URL = `/docs/${REPORT_SLUG}/hoeringsnotat.pdf`;

/** The parties the hearing was sent to directly (the demo's organisations, without the small firms). */
export const HEARING_LIST: string[] = [
  ...ORGANISATIONS.map((o) => o.name).filter((n) => !/ApS|A\/S|& Søn/.test(n)),
  'KOMBIT',
  'Rigsrevisionen',
].sort((a, b) => a.localeCompare(b, 'da'));

type Tally = { total: number; by: Partial<Record<ActingAs, number>>; named: Set<string> };
export type ReportFacts = {
  days: number;
  responses: Tally;
  channels: Record<string, number>;
  locales: Record<string, number>;
  notPublic: number;
  anonymous: number;
  published: number;
  notPublished: number;
  themes: Record<Theme, Tally>;
  ranking: {
    ballots: number;
    segments: Partial<Record<ActingAs, number>>;
    order: string[][];
    firstShare: Record<string, number>;
    pairwise: Record<string, Record<string, number>>;
    winnerRetained: number;
    resamples: number;
  };
};

const ACTING: ActingAs[] = ['citizen', 'ngo', 'business', 'public_authority', 'other'];
const ACTING_DA: Record<ActingAs, [string, string]> = {
  citizen: ['borger', 'borgere'],
  ngo: ['organisation eller forening', 'organisationer og foreninger'],
  business: ['virksomhed', 'virksomheder'],
  public_authority: ['myndighed', 'myndigheder'],
  other: ['anden', 'andre'],
};
const THEMES = Object.keys(SENTENCES) as Theme[];
const newTally = (): Tally => ({ total: 0, by: {}, named: new Set() });
function add(t: Tally, actingAs: ActingAs, named: string | null) {
  t.total++;
  t.by[actingAs] = (t.by[actingAs] ?? 0) + 1;
  if (named) t.named.add(named);
}

/** A response's themes: the demo bodies are built from SENTENCES, so a sentence found names its theme. */
const themesOf = (body: string) =>
  THEMES.filter((t) => [...SENTENCES[t].da, ...SENTENCES[t].en].some((s) => body.includes(s)));

export async function reportFacts(db: Db): Promise<ReportFacts> {
  const c = await db
    .selectFrom('consultations')
    .select(['id', 'opensAt', 'closesAt'])
    .where('slug', '=', REPORT_SLUG)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('responses')
    .select(['actingAs', 'organisationName', 'consent', 'channel', 'locale', 'publicationStatus', 'body'])
    .where('consultationId', '=', c.id)
    .execute();
  const responses = newTally();
  const themes = Object.fromEntries(THEMES.map((t) => [t, newTally()])) as Record<Theme, Tally>;
  const channels: Record<string, number> = {};
  const locales: Record<string, number> = {};
  for (const r of rows) {
    // Only a sender who agreed to be published by name is named; the others are counted.
    const named = r.consent === 'public_named' ? r.organisationName : null;
    add(responses, r.actingAs, named);
    for (const t of themesOf(r.body ?? '')) add(themes[t], r.actingAs, named);
    channels[r.channel] = (channels[r.channel] ?? 0) + 1;
    locales[r.locale] = (locales[r.locale] ?? 0) + 1;
  }
  const { results } = await getResults(db, null, REPORT_SLUG, 'all');
  const keyOf = new Map(results.scenarios.map((s) => [s.id, s.key]));
  const keys = results.scenarios.map((s) => s.key);
  return {
    days: Math.round((c.closesAt!.getTime() - c.opensAt!.getTime()) / 86_400_000),
    responses,
    channels,
    locales,
    notPublic: rows.filter((r) => r.consent === 'not_public').length,
    anonymous: rows.filter((r) => r.consent === 'public_anonymous').length,
    published: rows.filter((r) => r.publicationStatus === 'approved').length,
    notPublished: rows.filter((r) => r.publicationStatus === 'rejected').length,
    themes,
    ranking: {
      ballots: results.ballotCount,
      segments: Object.fromEntries(ACTING.map((a) => [a, results.segmentCounts[a] ?? 0])),
      order: results.schulze.order.map((tier) => tier.map((id) => keyOf.get(id)!)),
      firstShare: Object.fromEntries(keys.map((k, i) => [k, results.firstPreference.shares[i]!])),
      pairwise: Object.fromEntries(
        keys.map((k, i) => [k, Object.fromEntries(keys.map((l, j) => [l, results.pairwise[i]![j]!]))]),
      ),
      winnerRetained: results.stability.winnerRetained ?? 0,
      resamples: results.stability.resamples,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toLocaleString('da-DK')} %`;
const list = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} og ${xs.at(-1)}`);
const sorted = (xs: Iterable<string>) => [...xs].sort((a, b) => a.localeCompare(b, 'da'));

/** "52 borgere, 12 organisationer og foreninger og 2 myndigheder", largest group first. */
function byType(by: Partial<Record<ActingAs, number>>): string {
  return list(
    ACTING.filter((a) => (by[a] ?? 0) > 0)
      .sort((a, b) => (by[b] ?? 0) - (by[a] ?? 0))
      .map((a) => `${by[a]} ${ACTING_DA[a][by[a] === 1 ? 0 : 1]}`),
  );
}

/** The themes the general section covers, and which scenario each other theme bears on. */
const GENERAL: Theme[] = ['seniors', 'privacy'];
const BY_SCENARIO: Record<string, Theme[]> = { S1: ['security', 'app', 'lockin'], S2: ['cost'], S3: ['partnership'] };

const H1 = (text: string): PdfLine[] => [
  { text: '', size: 8 },
  { text, size: 14, bold: true },
];
const H2 = (text: string): PdfLine[] => [{ text, size: 11, bold: true }];
const P = (text: string): PdfLine[] => wrap(text, 98).map((t) => ({ text: t, size: 10 }));

function themeBlock(f: ReportFacts, theme: Theme): PdfLine[] {
  const t = f.themes[theme];
  const x = THEME_TEXT[theme];
  const named = sorted(t.named);
  const who = `Svar fra ${byType(t.by)}${named.length ? `, bl.a. ${list(named)}` : ''}.`;
  return [
    { text: `${x.title} (${t.total} svar)`, size: 10, bold: true },
    ...P(`${x.said} (${who})`),
    ...P(`Kommentar: ${x.answer} ${x.met}`),
  ];
}

function scenarioNote(c: DemoConsultation, key: string): string {
  const s = c.scenarios.find((x) => x.key === key)!;
  // The notes read "Valgt: laveste …"; here "2. runde: valgt – laveste …".
  const note = (n: string) =>
    n.replace(/^(\p{Lu})([^:]*): /u, (_, a: string, b: string) => `${a.toLowerCase()}${b} – `);
  return (s.status ?? []).map((h) => `${h.round}. runde: ${note(h.note ?? h.to)}.`.replace(/\.\.$/, '.')).join(' ');
}

function selectedNote(c: DemoConsultation, key: string): string {
  const note = c.scenarios.find((x) => x.key === key)!.status?.find((h) => h.to === 'selected')?.note;
  return note ? `Begrundelse: ${note.replace(/^[^:]*: /, '')}` : '';
}

export function reportLines(c: DemoConsultation, f: ReportFacts): PdfLine[] {
  const r = f.ranking;
  const answered = new Set(f.responses.named);
  const offList = sorted([...answered].filter((n) => !HEARING_LIST.includes(n)));
  const [winner] = r.order[0]!;
  const runnerUp = r.order[1]?.[0];
  const titleOf = (key: string) => c.scenarios.find((s) => s.key === key)!.title.da;
  const lines: PdfLine[] = [
    { text: 'Høringsnotat', size: 20, bold: true },
    { text: `om ${c.title.da.toLowerCase()}`, size: 13 },
    { text: '', size: 8 },
    {
      text: 'Demonstrationsdokument i Samråds demodata. Tallene er demoens egne; datoerne følger demoens indlæsning.',
      size: 8,
    },
    { text: '', size: 8 },
    { text: 'Indhold', size: 11, bold: true },
    ...[
      '1. Indledning',
      '    1.1 Høringsperiode',
      '    1.2 Høringsliste og modtagne høringssvar',
      '2. Generelle bemærkninger',
      '3. Bemærkninger til de enkelte scenarier',
      ...c.scenarios.map((s, i) => `    3.${i + 1} ${s.key}: ${s.title.da}`),
      '4. Beslutning og øvrige ændringer',
    ].map((text) => ({ text, size: 10 })),
    ...H1('1. Indledning'),
    ...P(
      `Digitaliseringsstyrelsen har sammen med kommunerne haft spørgsmålet om ${c.title.da.toLowerCase()} i offentlig høring på Samråd med ${c.scenarios.length} scenarier (${c.scenarios.map((s) => s.key).join(', ')}). Høringen var åben for alle, og høringsmaterialet blev sendt direkte til parterne på høringslisten nedenfor. Dette notat sammenfatter høringssvarene og styrelsens kommentarer til dem og angiver, hvor bemærkningerne er imødekommet.`,
    ),
    ...H2('1.1 Høringsperiode'),
    ...P(
      `Høringsperioden var ${f.days} dage (${Math.round(f.days / 7)} uger) og dermed længere end den sædvanlige frist på mindst 4 uger. Høringsmaterialet, de høringssvar, afsenderne har givet samtykke til at offentliggøre, og dette notat er offentliggjort på høringens side på Samråd.`,
    ),
    ...H2('1.2 Høringsliste og modtagne høringssvar'),
    ...P(
      'Høringen blev sendt til følgende myndigheder og organisationer. Et kryds markerer, at parten har afgivet høringssvar i eget navn.',
    ),
    { text: 'Myndighed eller organisation', size: 10, bold: true, cell: { text: 'Svar', x: 420 } },
    ...HEARING_LIST.map((name) => ({ text: name, size: 10, cell: { text: answered.has(name) ? 'X' : '', x: 428 } })),
    { text: '', size: 8 },
    ...P(
      `Der er modtaget ${f.responses.total} høringssvar: ${byType(f.responses.by)}. ${f.channels.web ?? 0} svar er afgivet i høringsformularen på Samråd, ${f.channels.letter ?? 0} som brev og ${f.channels.email ?? 0} som e-mail; breve og e-mails er registreret af sekretariatet. ${f.locales.da ?? 0} svar er skrevet på dansk og ${f.locales.en ?? 0} på engelsk.`,
    ),
    ...(offList.length ? P(`Desuden har følgende svaret uden at være på høringslisten: ${list(offList)}.`) : []),
    ...P(
      `${f.notPublic} afsendere har bedt om, at deres svar ikke offentliggøres, og ${f.anonymous} har bedt om at være anonyme. Deres svar indgår i optællingen og i sammenfatningen, men afsenderne nævnes ikke. ${f.published} svar er offentliggjort${f.notPublished ? `; ${f.notPublished} svar er ikke offentliggjort, og afsenderen har fået begrundelsen` : ''}.`,
    ),
    ...H1('2. Generelle bemærkninger'),
    ...P(
      `Et flertal af høringssvarene støtter, at borgere og virksomheder får ét log-in og den samme oplevelse på tværs af kommunerne. Bemærkningerne samler sig om ${THEMES.length} temaer; et svar kan berøre flere. Bemærkninger, der gælder uanset scenarie, er samlet her; de øvrige er gengivet under det scenarie, de vedrører, i afsnit 3.`,
    ),
    ...GENERAL.flatMap((t) => themeBlock(f, t)),
    ...H1('3. Bemærkninger til de enkelte scenarier'),
    ...c.scenarios.flatMap((s, i) => [
      ...H2(`3.${i + 1} ${s.key}: ${s.title.da}`),
      ...P(`${s.summary.da} Forløb: ${scenarioNote(c, s.key)}`),
      ...(r.firstShare[s.key] !== undefined
        ? P(`I rangeringen var ${s.key} førstevalg for ${pct(r.firstShare[s.key]!)} af dem, der rangerede scenarierne.`)
        : P(`${s.key} blev fravalgt i 1. runde og indgår derfor ikke i optællingen af rangeringerne.`)),
      ...(BY_SCENARIO[s.key] ?? []).flatMap((t) => themeBlock(f, t)),
    ]),
    ...H1('4. Beslutning og øvrige ændringer'),
    ...P(
      `Der er valgt ${winner}: ${titleOf(winner!)}. ${selectedNote(c, winner!)} Beslutningen er truffet i anden runde efter en samlet vurdering af høringssvarene, rangeringen og omkostningerne; den er nærmere begrundet i beslutningsnotatet.`,
    ),
    ...P(
      `${r.ballots} deltagere rangerede scenarierne (${byType(r.segments)}). Optællingen omfatter de scenarier, der ikke var fravalgt (${r.order.flat().join(' og ')}), og følger Schulze-metoden. Resultat: ${r.order.map((tier, i) => `${i + 1}. ${tier.join(' = ')}`).join(', ')}.${runnerUp ? ` ${winner} blev foretrukket frem for ${runnerUp} på ${r.pairwise[winner!]![runnerUp]} rangeringer mod ${r.pairwise[runnerUp]![winner!]} og var førstevalg for ${pct(r.firstShare[winner!]!)}. ${winner} vinder i ${pct(r.winnerRetained)} af ${r.resamples} gentagne stikprøver af rangeringerne, så resultatet er robust.` : ''}`,
    ),
    ...H2('Øvrige ændringer efter høringen'),
    ...P(
      '- Tilslutningsvejledningen er udvidet med krav om tilgængelighed og med en beskrivelse af, hvordan borgerservice hjælper borgere, der ikke selv kan logge på (afsnit 2).',
    ),
    ...P('- Behandlingen af oplysninger om log-in er beskrevet i tilslutningsvejledningen (afsnit 2).'),
    ...P(
      '- Kommunerne stiller krav om tilslutning efter den åbne standard i deres kontrakter med leverandørerne, efterhånden som kontrakterne fornyes (afsnit 3.1).',
    ),
  ];
  return lines;
}
