import type { Db } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { createTag } from '../modules/analysis/codebook/codebook.service.ts';
import { transitionConsultation } from '../modules/consultations/consultations.service.ts';
import { recordApproval, recordDecision } from '../modules/reviews/decisions/decisions.service.ts';
import { inviteReviewer } from '../modules/reviews/reviewers/reviewers.service.ts';
import { closeRound, getRound, listRounds, openRound, writeReview } from '../modules/reviews/rounds/rounds.service.ts';
import type { WriteReviewInput } from '../modules/reviews/reviews.schemas.ts';
import { listScenarios } from '../modules/scenarios/scenarios.service.ts';

/**
 * The demo's review by public authorities and its decision (issue 14 stories 1, 3, 4), through the
 * same services the API uses (audited). The demo reviewer (reviewer@samraad.demo) speaks for
 * Finansministeriet; a second reviewer for KL has no password, like the demo participants. The
 * concluded hearing gets a closed round with both authorities' positions on every scenario, a
 * decision citing the ranking results, a theme and a review, its political approval, and concludes
 * with the reason that its report is published as a PDF. The open NemID hearing gets an open round,
 * due in two weeks, with the demo reviewer's position on S1. Idempotent: a consultation with a round
 * is left as it is.
 */
const DAY = 86_400_000;
const CONTEXT = { baseUrl: 'http://localhost:3000', inviteDays: 7 };
const REVIEWERS = [
  { email: 'reviewer@samraad.demo', displayName: 'Rikke Reviewer', authority: 'Finansministeriet' },
  { email: 'kl-reviewer@samraad.demo', displayName: 'Karsten Kommune', authority: 'KL' },
] as const;

async function inviteBoth(db: Db, admin: Actor, consultationId: string): Promise<Actor[]> {
  const out: Actor[] = [];
  for (const r of REVIEWERS) {
    const added = await inviteReviewer(
      db,
      admin,
      consultationId,
      { email: r.email, displayName: r.displayName, authority: r.authority, locale: 'da' },
      CONTEXT,
    );
    out.push({ id: added.userId, email: r.email, displayName: r.displayName, roles: ['reviewer'] });
  }
  return out;
}

type Position = { fm: WriteReviewInput; kl: WriteReviewInput };
const POSITIONS: Record<string, Position> = {
  S1: {
    fm: {
      position: 'supports_with_conditions',
      conditions: ['Kommunernes udgifter til tilslutning afholdes inden for den fællesoffentlige ramme'],
      note: 'Løsningen genbruger den nationale infrastruktur og er den **billigste** samlet set.',
      noteFormat: 'markdown',
    },
    kl: {
      position: 'supports',
      conditions: [],
      note: 'KL bakker op: ét log-in i alle kommuner, og kommunerne slipper for at drive egen autentifikation.',
      noteFormat: 'text',
    },
  },
  S2: {
    fm: {
      position: 'objects',
      conditions: [],
      reasons: '98 løsninger koster mere at drive og sikre end én fælles, og borgerne får ikke ét log-in.',
      note: '',
      noteFormat: 'markdown',
    },
    kl: {
      position: 'objects',
      conditions: [],
      reasons: 'Mange forskellige log-ins er netop problemet, høringen skulle løse.',
      note: '',
      noteFormat: 'text',
    },
  },
  S3: {
    fm: {
      position: 'supports_with_conditions',
      conditions: ['Fuldmagtsbehovet dækkes af NemLog-in, før en egen løsning overvejes'],
      note: 'Kan gå videre som reserve, hvis NemLog-in ikke dækker kommunale fuldmagter.',
      noteFormat: 'markdown',
    },
    kl: {
      position: 'supports',
      conditions: [],
      note: 'Dækker særlige kommunale behov for fuldmagter.',
      noteFormat: 'text',
    },
  },
};

/** The concluded hearing: called while it is in "analysis", before it concludes. */
export async function seedConcludedReview(db: Db, admin: Actor, consultationId: string, slug: string, now: Date) {
  const [fm, kl] = await inviteBoth(db, admin, consultationId);
  const theme = await createTag(db, admin, consultationId, {
    parentId: null,
    name: { da: 'Ét log-in i alle kommuner', en: 'One log-in in every municipality' },
    definition: 'Ønsket om, at borgeren logger på kommunens selvbetjening på samme måde overalt.',
    scenarioId: null,
  });
  // The round ran after the hearing closed; its due date is in the past, so it is opened "then".
  const dueAt = new Date(now.getTime() - 80 * DAY);
  const round = await openRound(
    db,
    admin,
    consultationId,
    { dueAt: dueAt.toISOString() },
    () => new Date(dueAt.getTime() - 14 * DAY),
  );
  const scenarios = await listScenarios(db, admin, consultationId);
  const reviewIds = new Map<string, string>();
  for (const s of scenarios) {
    const p = POSITIONS[s.key];
    if (!p) continue;
    reviewIds.set(s.key, (await writeReview(db, fm!, consultationId, round.id, s.id, p.fm)).id);
    await writeReview(db, kl!, consultationId, round.id, s.id, p.kl);
  }
  await closeRound(db, admin, consultationId, round.id);
  const ranking = { kind: 'ranking' as const, ref: `/consultations/${slug}/results`, label: 'Rangordningen' };
  const outcomes = scenarios.map((s) => {
    const outcome = s.key === 'S1' ? 'selected' : s.key === 'S3' ? 'shortlisted' : 'eliminated';
    const reasons =
      s.key === 'S1'
        ? 'Flest deltagere rangerer S1 først, og både Finansministeriet og KL støtter det; temaet om ét log-in i alle kommuner peger samme vej.'
        : s.key === 'S3'
          ? 'Går videre som reserve for de særlige kommunale fuldmagter, hvis NemLog-in ikke dækker dem.'
          : 'Rangeret lavest, og begge myndigheder gør indsigelse.';
    const review = reviewIds.get(s.key);
    return {
      scenarioId: s.id,
      outcome: outcome as 'selected' | 'shortlisted' | 'eliminated',
      reasons,
      evidence: [
        ranking,
        { kind: 'theme' as const, ref: theme.id, label: 'Ét log-in i alle kommuner' },
        ...(review
          ? [{ kind: 'review' as const, ref: review, label: `Finansministeriets bedømmelse af ${s.key}` }]
          : []),
      ],
    };
  });
  await recordDecision(db, admin, consultationId, round.id, { outcomes });
  await recordApproval(db, admin, consultationId, round.id, {
    approvedBy: 'Den Fællesoffentlige Digitaliseringsbestyrelse',
    approvedAt: new Date(now.getTime() - 70 * DAY).toISOString(),
    documentRef: '/docs/faelles-login-kommunal-selvbetjening/beslutningsnotat.pdf',
  });
  await transitionConsultation(db, admin, consultationId, 'concluded', () => now, 'Høringsnotatet er udgivet som PDF');
}

/** The open NemID hearing: both reviewers, an open round due in two weeks, the demo reviewer's position on S1. */
export async function seedOpenReview(db: Db, admin: Actor, consultationId: string, now: Date): Promise<boolean> {
  if ((await listRounds(db, admin, consultationId)).items.length > 0) return false;
  const [fm] = await inviteBoth(db, admin, consultationId);
  const dueAt = new Date(now.getTime() + 14 * DAY);
  const round = await openRound(db, admin, consultationId, { dueAt: dueAt.toISOString() }, () => now);
  const s1 = (await getRound(db, admin, consultationId, round.id)).scenarios.find((s) => s.key === 'S1');
  if (s1) {
    await writeReview(db, fm!, consultationId, round.id, s1.id, {
      position: 'supports_with_conditions',
      conditions: [
        'Bankerne forpligter sig til prisloft for offentlige log-ins i hele kontraktperioden',
        'Staten bevarer ejerskabet til identitetsdata',
      ],
      note: 'Samarbejdet med bankerne giver den største udbredelse fra dag ét, men **prisen** og **afhængigheden** skal sikres i kontrakten.',
      noteFormat: 'markdown',
    });
  }
  return true;
}
