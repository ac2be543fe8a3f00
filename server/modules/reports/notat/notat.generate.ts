import type { Db } from '../../../db/database.ts';
import type { InboxItemKind, Localized } from '../../../db/schema.ts';
import { themesForReport } from '../../analysis/codebook/codebook.service.ts';
import { inputTallies, quoteCandidates } from '../../analysis/inbox/inbox.tallies.ts';
import { redactQuotes } from '../../analysis/privacy/privacy.service.ts';
import { consultationForReport } from '../../consultations/consultations.service.ts';
import { hearingListForReport } from '../../parties/parties.list.ts';
import { publishedResponseIds } from '../../responses/responses.service.ts';
import { decisionForReport } from '../../reviews/decisions/decisions.service.ts';
import { type CountLink, REPORT_FORMAT, type ReportModel, type ReportQuote } from '../report.model.ts';
import { summariesForReport } from './notat.repository.ts';
import { hearingDays, inboxHref } from './notat.rules.ts';

/**
 * Builds the høringsnotat's model (issue 14 story 6) from what the other modules say, through their
 * services: the counts are grouped in the database (inbox tallies), so the job's memory does not
 * grow with the input; only the quotes (a few per theme) and the summaries are read as rows.
 */
export const QUOTES_PER_THEME = 3;
const ACTING_ORDER = ['citizen', 'ngo', 'business', 'public_authority', 'other'];
const KIND_ORDER: InboxItemKind[] = ['response', 'comment', 'finding', 'stakeholder_input'];
const CHANNEL_ORDER = ['web', 'letter', 'email'];

export type GenerateInput = { consultationId: string; number: number; publicUrl: string; now: Date };
export type Progress = (fraction: number, phase: string) => Promise<void>;

const HOERINGSPORTALEN = /^https?:\/\/(www\.)?hoeringsportalen\.dk\//i;
const byOrder = (order: readonly string[]) => (a: string, b: string) => order.indexOf(a) - order.indexOf(b);

export async function generateModel(db: Db, input: GenerateInput, progress: Progress): Promise<ReportModel> {
  const cid = input.consultationId;
  const link = (n: number, params: Record<string, string> = {}): CountLink => ({ n, href: inboxHref(cid, params) });

  await progress(0.05, 'consultation');
  const c = await consultationForReport(db, cid);
  const parties = await hearingListForReport(db, cid);

  await progress(0.15, 'counts');
  const tallies = await inputTallies(db, cid);

  await progress(0.55, 'themes');
  const [tags, summaries] = await Promise.all([themesForReport(db, cid), summariesForReport(db, cid)]);
  const cited = [...summaries.values()].flatMap((s) => s.sentences.flatMap((x) => x.codingIds));
  const quotes = await publicQuotes(db, cid, cited);

  await progress(0.8, 'decision');
  const decision = await decisionForReport(db, cid);

  const themes = tags.map((t) => {
    const s = summaries.get(t.id);
    return {
      tagId: t.id,
      name: t.name,
      parentId: t.parentId,
      depth: t.depth,
      count: link(tallies.tags.get(t.id) ?? 0, { tag: t.id }),
      summarised: !!s && s.sentences.length > 0,
      answer: s?.answer ?? null,
      answerReason: s?.answerReason ?? { da: '', en: '' },
      changeMade: s?.changeMade ?? { da: '', en: '' },
      sentences: s?.sentences ?? [],
      quotes: quotes.get(t.id) ?? [],
    };
  });
  const filled = (l: Localized) => l.da.trim() !== '' || l.en.trim() !== '';
  const campaigns = [...tallies.campaigns]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([campaignId, n], i) => ({
      campaignId,
      label: { da: `Kampagne ${i + 1}`, en: `Campaign ${i + 1}` },
      count: link(n, { campaign: campaignId }),
    }));
  return {
    format: REPORT_FORMAT,
    consultationId: cid,
    number: input.number,
    generatedAt: input.now.toISOString(),
    consultation: {
      slug: c.slug,
      title: c.title,
      publicUrl: `${input.publicUrl}/consultations/${c.slug}`,
      hoeringsportalenUrl: c.documents.find((d) => HOERINGSPORTALEN.test(d.url))?.url ?? null,
    },
    period: {
      opensAt: c.opensAt?.toISOString() ?? null,
      closesAt: c.closesAt?.toISOString() ?? null,
      days: hearingDays(c.opensAt, c.closesAt),
    },
    indexedUpTo: tallies.indexedUpTo?.toISOString() ?? null,
    parties: parties.map((p) => ({
      name: p.name,
      status: p.status === 'responded' ? 'responded' : p.status === 'no_comments' ? 'no_comments' : 'no_answer',
      late: p.late,
    })),
    input: {
      total: link(tallies.total),
      byKind: tallies.byKind
        .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))
        .map((k) => ({ kind: k.kind, count: link(k.n, { kind: k.kind }) })),
      byActingAs: tallies.byKindActingAs
        .filter((r) => r.kind === 'response')
        .sort((a, b) => byOrder(ACTING_ORDER)(a.actingAs, b.actingAs))
        .map((r) => ({ actingAs: r.actingAs, count: link(r.n, { kind: 'response', actingAs: r.actingAs }) })),
      byChannel: tallies.byKindChannel
        .filter((r) => r.kind === 'response')
        .sort((a, b) => byOrder(CHANNEL_ORDER)(a.channel, b.channel))
        .map((r) => ({ channel: r.channel, count: link(r.n, { kind: 'response', channel: r.channel }) })),
      campaigns,
    },
    themes,
    changes: themes
      .filter((t) => filled(t.changeMade))
      .map((t) => ({ tagId: t.tagId, name: t.name, text: t.changeMade })),
    decision: decision && {
      roundNumber: decision.roundNumber,
      outcomes: decision.outcomes.map((o) => ({
        scenarioId: o.scenarioId,
        key: o.key,
        title: o.title,
        outcome: o.outcome,
        reasons: o.reasons,
        evidence: o.evidence.map((e) => ({ kind: e.kind, ref: e.ref, label: e.label })),
      })),
      approval: decision.approval && {
        approvedBy: decision.approval.approvedBy,
        approvedAt: decision.approval.approvedAt,
        documentRef: decision.approval.documentRef,
      },
    },
  };
}

/**
 * A few quotes per theme, those the summary cites first, from input the public may read: a
 * response only when it is published, with the accepted redactions cut out of every quote.
 */
async function publicQuotes(db: Db, cid: string, cited: string[]): Promise<Map<string, ReportQuote[]>> {
  // Read a few more than needed, as some are not published.
  const candidates = await quoteCandidates(db, cid, QUOTES_PER_THEME * 3, cited);
  const published = await publishedResponseIds(
    db,
    cid,
    candidates.filter((q) => q.itemKind === 'response').map((q) => q.itemId),
  );
  const allowed = candidates.filter(
    (q) =>
      (q.itemKind !== 'response' || published.has(q.itemId)) &&
      (q.itemKind !== 'comment' || q.sourceStatus === 'visible'),
  );
  const redacted = await redactQuotes(
    db,
    cid,
    allowed.map((q) => ({ ...q, start: q.startOffset, end: q.endOffset })),
  );
  const out = new Map<string, ReportQuote[]>();
  for (const q of redacted) {
    if (!q) continue;
    const list = out.get(q.tagId) ?? [];
    if (list.length >= QUOTES_PER_THEME) continue;
    list.push({ codingId: q.codingId, itemKind: q.itemKind, itemId: q.itemId, text: q.quote });
    out.set(q.tagId, list);
  }
  return out;
}
