import { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { AppError, notFound } from '../../../shared/errors.ts';
import { campaignOfMember } from '../../analysis/campaigns/campaigns.service.ts';
import { confirmedCodingsOf } from '../../analysis/codings/codings.service.ts';
import { ownCommentsIn } from '../../comments/comments.service.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { responseRefForEditToken } from '../../responses/responses.service.ts';
import type { ReportModel } from '../report.model.ts';
import * as repo from './used.repository.ts';
import { additionsCodings, commentLabel, themesOfItem } from './used.rules.ts';
import type { UsedItem, UsedView } from './used.schemas.ts';

/**
 * "How your input was used" (issue 14 story 7): once the høringsnotat is published, the respondent
 * (through the edit link) and the participant (signed in) see their own items' confirmed coding,
 * where the report quotes them, and the agency's answers. Only the caller's own items are read.
 */

const Loc = z.object({ da: z.string(), en: z.string() });
/** The fields of the report's model contract (report.model.ts) this page relies on. */
const PublishedModel = z.object({
  themes: z.array(
    z.object({
      tagId: z.string(),
      name: Loc,
      answer: z.enum(['accommodated', 'partly', 'not_accommodated']).nullable(),
      answerReason: Loc,
      changeMade: Loc,
      sentences: z.array(z.object({ codingIds: z.array(z.string()) })),
      quotes: z.array(
        z.object({
          codingId: z.string(),
          itemKind: z.enum(['response', 'comment', 'finding', 'stakeholder_input']),
          itemId: z.string(),
          text: z.string(),
        }),
      ),
    }),
  ),
});
type Published = { number: number; publishedAt: Date; model: Pick<ReportModel, 'themes'> };

/** The consultation's published report, or 404 (nothing is shown before publication). */
async function requirePublished(db: Db, consultationId: string): Promise<Published> {
  const row = await repo.findPublishedReport(db, consultationId);
  if (!row?.publishedAt) throw new AppError('NOT_FOUND', 'The report has not been published yet');
  const model = PublishedModel.parse(typeof row.model === 'string' ? JSON.parse(row.model) : row.model);
  return { number: row.number, publishedAt: row.publishedAt, model: model as Pick<ReportModel, 'themes'> };
}

type ItemRef = { kind: 'response' | 'comment'; id: string; label: string };

/** One own item's view: its coding, its campaign's answer (a member's own coding is then its additions'). */
async function itemView(db: Db, consultationId: string, model: Published['model'], item: ItemRef): Promise<UsedItem> {
  const [codings, campaign] = await Promise.all([
    confirmedCodingsOf(db, consultationId, [item.id]),
    campaignOfMember(db, consultationId, item),
  ]);
  if (!campaign || campaign.isTemplate) {
    return { ...item, themes: themesOfItem(model, item, codings), campaign: null };
  }
  const template = await confirmedCodingsOf(db, consultationId, [campaign.template.id]);
  const own = additionsCodings(codings, new Set(template.map((c) => c.tagId)));
  return {
    ...item,
    themes: themesOfItem(model, item, own),
    campaign: { memberCount: campaign.memberCount, themes: themesOfItem(model, campaign.template, template) },
  };
}

const viewOf = (c: { id: string; slug: string; title: UsedView['consultation']['title'] }, p: Published) => ({
  consultation: { id: c.id, slug: c.slug, title: c.title },
  report: { number: p.number, publishedAt: p.publishedAt.toISOString() },
});

/** Through the edit link: the respondent's own response (a withdrawn one is no longer part of it). */
export async function usedByEditToken(db: Db, token: string): Promise<UsedView> {
  const ref = await responseRefForEditToken(db, token);
  if (!ref) throw notFound('Response');
  const c = await requireReadableConsultation(db, null, ref.consultationId);
  const published = await requirePublished(db, c.id);
  const items =
    ref.status === 'withdrawn'
      ? []
      : [await itemView(db, c.id, published.model, { kind: 'response', id: ref.id, label: ref.receiptCode })];
  return { ...viewOf(c, published), items };
}

/** Signed in: the participant's own comments in the consultation (ballots are counted, never coded). */
export async function usedForParticipant(db: Db, actor: Actor, idOrSlug: string): Promise<UsedView> {
  const c = await requireReadableConsultation(db, actor, idOrSlug);
  const published = await requirePublished(db, c.id);
  const comments = await ownCommentsIn(db, c.id, actor.id);
  const items: UsedItem[] = [];
  for (const m of comments) {
    items.push(
      await itemView(db, c.id, published.model, {
        kind: 'comment',
        id: m.id,
        label: commentLabel(m.scenarioKey, m.body),
      }),
    );
  }
  return { ...viewOf(c, published), items };
}

/** For the demo seed (server/seed/demo-used.ts): the published report's themes, or null before publication. */
export async function publishedThemes(db: Db, consultationId: string): Promise<ReportModel['themes'] | null> {
  return requirePublished(db, consultationId).then(
    (p) => p.model.themes,
    () => null,
  );
}
