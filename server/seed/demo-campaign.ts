/**
 * The demo's form-letter campaign (issue 12 story 1): twelve responses to the NemID hearing that
 * copy one letter — some exactly (with other spacing or case), some with a sentence of the
 * sender's own added or a word changed — so the campaigns page and the inbox's "campaigns
 * collapsed" have something to show. The seed only writes the responses; the campaign is found by
 * the real detection code when the inbox indexes them (and by a full run, demo-analysis.ts).
 */
import type { Db } from '../db/database.ts';
import { runCampaignJob } from '../modules/analysis/campaigns/campaigns.job.ts';
import { startRun } from '../modules/analysis/campaigns/campaigns.service.ts';
import type { Actor } from '../shared/actor.ts';

/** The hearing whose responses include the campaign. */
export const CAMPAIGN_HEARING = 'naeste-generation-af-nemid';

export const CAMPAIGN_LETTER =
  'Jeg støtter kampagnen "NemID for alle". Ministeriet bør bevare en løsning uden smartphone, så ingen borgere ' +
  'bliver afskåret fra det digitale Danmark. Kodeviseren skal være gratis og kunne hentes på ethvert ' +
  'borgerservice. Overgangen til MitID skal vente, til alle ældre har fået personlig hjælp. ' +
  'Vi beder om, at høringssvarene fra borgere uden smartphone vægtes højt i den videre proces.';

const ADDITIONS = [
  'Min mor på 88 år har aldrig haft en smartphone, og hun kan ikke komme til borgerservice alene.',
  'Jeg bor på Ærø, og her er der kun åbent i borgerservice to dage om ugen.',
  'Som blind bruger jeg skærmlæser, og appen har ikke virket for mig.',
  'Jeg arbejder som hjemmehjælper og ser hver uge ældre, der er gået i stå.',
];

/** The k-th campaign response's text (k = 0…11): six copies and six with the sender's own words. */
export function campaignBody(k: number): string {
  switch (k % 12) {
    case 0:
    case 1:
    case 2:
      return CAMPAIGN_LETTER;
    case 3:
      return CAMPAIGN_LETTER.replaceAll('. ', '.\n\n');
    case 4:
      return `  ${CAMPAIGN_LETTER}  `;
    case 5:
      return CAMPAIGN_LETTER.replace('Jeg støtter', 'JEG STØTTER');
    case 6:
    case 7:
    case 8:
    case 9:
      return `${CAMPAIGN_LETTER} ${ADDITIONS[k - 6]}`;
    case 10:
      return CAMPAIGN_LETTER.replace('alle ældre', 'alle pensionister');
    default:
      return `${ADDITIONS[0]} ${CAMPAIGN_LETTER.replace('gratis', 'helt gratis')}`;
  }
}

/** How many of the hearing's responses are the campaign's, and which (every 26th, from the 7th). */
export const CAMPAIGN_SIZE = 12;
export const isCampaignSlot = (i: number): number | null =>
  i % 26 === 7 && Math.floor(i / 26) < CAMPAIGN_SIZE ? Math.floor(i / 26) : null;

const quiet = { error: () => undefined, warn: () => undefined };

/**
 * A full detection run over the hearing, inline (the seed runs before the job queue starts), after
 * the inbox index has compared each response as it was indexed. Returns the run's joined count.
 */
export async function seedDemoCampaigns(db: Db, actor: Actor, consultationId: string): Promise<number> {
  let runId = '';
  const run = await startRun(
    {
      db,
      jobs: {
        send: async (_name: string, data: object) => {
          runId = (data as { runId: string }).runId;
        },
      },
    },
    actor,
    consultationId,
    { mode: 'full' },
  );
  await runCampaignJob({ db, log: quiet }, { runId: runId || run.id });
  return run.joinedCount ?? 0;
}
