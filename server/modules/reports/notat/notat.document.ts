import type { CountLink, ReportModel } from '../report.model.ts';
import { listOf, longDate, num } from './notat.rules.ts';
import { type Lang, TEXT } from './notat.text.ts';

/**
 * The høringsnotat as a document (issue 14 story 6), in the shape of Vejledning om lovkvalitet pkt.
 * 9.1.6: the hearing period, the høringsliste, an overview of the input, the remarks per theme with
 * the agency's comments, the changes made and the decision. One block list per language; the HTML,
 * Markdown and DOCX renderers only lay it out, so the formats say the same thing.
 */
export type Inline =
  | { t: 'text'; text: string }
  | { t: 'count'; count: CountLink; text: string }
  | { t: 'link'; href: string; text: string }
  | { t: 'tick'; on: boolean };

export type Block =
  | { b: 'title'; text: string; sub: string }
  | { b: 'h'; level: 1 | 2 | 3; id: string; text: string }
  | { b: 'p'; parts: Inline[]; small?: boolean }
  | { b: 'toc'; items: { id: string; text: string; level: number }[] }
  | { b: 'table'; head: string[]; rows: Inline[][][]; numeric?: number[] }
  | { b: 'list'; items: Inline[][] }
  /** `href` null: the quote's source is named, not linked (the public files). */
  | { b: 'quote'; text: string; href: string | null; label: string };

/**
 * `staffLinks`: each figure and quote links to the analysts' inbox view that counts or holds it (the
 * files staff download). The published files leave the links out: behind them is a sign-in the
 * public cannot pass (the public page does the same for a visitor).
 */
export type DocOptions = { draft: boolean; staffLinks: boolean };

const tx = (text: string): Inline => ({ t: 'text', text });

export function buildDocument(m: ReportModel, lang: Lang, opts: DocOptions): Block[] {
  const cnt = (count: CountLink, l: Lang): Inline =>
    opts.staffLinks ? { t: 'count', count, text: num(count.n, l) } : tx(num(count.n, l));
  const T = TEXT[lang];
  const L = (x: { da: string; en: string }) => (x[lang].trim() ? x[lang] : x[lang === 'da' ? 'en' : 'da']);
  const out: Block[] = [];
  const headings: { id: string; text: string; level: number }[] = [];
  const h = (level: 1 | 2 | 3, id: string, text: string) => {
    if (level < 3) headings.push({ id, text, level });
    out.push({ b: 'h', level, id, text });
  };

  out.push({ b: 'title', text: T.title, sub: T.about(L(m.consultation.title)) });
  out.push({
    b: 'p',
    small: true,
    parts: [tx(opts.draft ? T.draft(m.number) : T.version(m.number, longDate(m.generatedAt, lang)))],
  });
  const toc: Block = { b: 'toc', items: [] };
  out.push(toc);

  h(1, 's1', T.s1);
  h(2, 's1-1', T.s11);
  const p = m.period;
  const periodText =
    p.opensAt && p.closesAt && p.days !== null
      ? `${T.period(longDate(p.opensAt, lang), longDate(p.closesAt, lang), num(p.days, lang))}${p.days < 28 ? ` ${T.short}` : ''}`
      : T.noPeriod;
  const where: Inline[] = [
    tx(`${periodText} ${T.publishedAt} `),
    { t: 'link', href: m.consultation.publicUrl, text: m.consultation.publicUrl },
  ];
  if (m.consultation.hoeringsportalenUrl)
    where.push(
      tx(` ${T.portal} (`),
      { t: 'link', href: m.consultation.hoeringsportalenUrl, text: m.consultation.hoeringsportalenUrl },
      tx(')'),
    );
  where.push(tx('.'));
  out.push({ b: 'p', parts: where });

  h(2, 's1-2', T.s12);
  if (m.parties.length === 0) out.push({ b: 'p', parts: [tx(T.noParties)] });
  else {
    out.push({ b: 'p', parts: [tx(T.partiesIntro)] });
    out.push({
      b: 'table',
      head: [T.party, T.answered, T.note],
      rows: m.parties.map((x) => [
        [tx(x.name)],
        [{ t: 'tick', on: x.status !== 'no_answer' }],
        [tx([x.status === 'no_comments' ? T.noComments : '', x.late ? T.late : ''].filter(Boolean).join('; '))],
      ]),
    });
  }

  h(1, 's2', T.s2);
  const inp = m.input;
  out.push({ b: 'p', parts: [tx(`${T.received} `), cnt(inp.total, lang), tx(` ${T.inputs}.`)] });
  if (inp.total.n === 0) out.push({ b: 'p', parts: [tx(T.noInput)] });
  const table = (head: string, rows: { label: string; count: CountLink }[]) => {
    if (rows.length > 0)
      out.push({
        b: 'table',
        head: [head, T.count],
        numeric: [1],
        rows: rows.map((r) => [[tx(r.label)], [cnt(r.count, lang)]]),
      });
  };
  table(
    T.kindHead,
    inp.byKind.map((k) => ({ label: T.kind[k.kind] ?? k.kind, count: k.count })),
  );
  table(
    T.actingHead,
    inp.byActingAs.map((k) => ({ label: T.acting[k.actingAs] ?? k.actingAs, count: k.count })),
  );
  table(
    T.channelHead,
    inp.byChannel.map((k) => ({ label: T.channel[k.channel] ?? k.channel, count: k.count })),
  );
  if (inp.campaigns.length > 0) {
    h(3, 's2-campaigns', T.campaigns);
    out.push({
      b: 'list',
      items: inp.campaigns.map((c) => [cnt(c.count, lang), tx(` ${T.campaign(L(c.label))}`)]),
    });
  }
  if (m.indexedUpTo)
    out.push({ b: 'p', small: true, parts: [tx(`${T.indexed(longDate(m.indexedUpTo, lang))} ${T.links}`)] });

  h(1, 's3', T.s3);
  out.push({ b: 'p', parts: [tx(m.themes.length === 0 ? T.noThemes : T.themesIntro)] });
  const numbers: number[] = [];
  for (const t of m.themes) {
    numbers.length = t.depth + 1;
    numbers[t.depth] = (numbers[t.depth] ?? 0) + 1;
    const label = `3.${numbers.join('.')} ${L(t.name)}`;
    h(t.depth === 0 ? 2 : 3, `theme-${t.tagId}`, label);
    out.push({ b: 'p', parts: [cnt(t.count, lang), tx(` ${T.themeCount}.`)] });
    if (!t.summarised) out.push({ b: 'p', parts: [tx(T.noSummary)] });
    else out.push({ b: 'p', parts: [tx(t.sentences.map((s) => L(s.text)).join(' '))] });
    for (const q of t.quotes)
      out.push({
        b: 'quote',
        text: q.text,
        href: opts.staffLinks ? `/admin/consultations/${m.consultationId}/inbox/${q.itemKind}/${q.itemId}` : null,
        label: T.source,
      });
    const reason = L(t.answerReason);
    out.push({
      b: 'p',
      parts: [
        tx(`${T.comment}: ${t.answer ? `${T.answer[t.answer]}${reason ? ` ${reason}` : ''}` : reason || T.noAnswer}`),
      ],
    });
    const change = L(t.changeMade);
    if (change) out.push({ b: 'p', parts: [tx(`${T.changeMade}: ${change}`)] });
  }

  h(1, 's4', T.s4);
  if (m.changes.length === 0) out.push({ b: 'p', parts: [tx(T.noChanges)] });
  else out.push({ b: 'list', items: m.changes.map((c) => [tx(`${L(c.name)}: ${L(c.text)}`)]) });

  h(1, 's5', T.s5);
  const d = m.decision;
  if (!d) out.push({ b: 'p', parts: [tx(T.noDecision)] });
  else {
    out.push({ b: 'p', parts: [tx(`${T.round(d.roundNumber)}.`)] });
    for (const o of d.outcomes) {
      h(3, `decision-${o.scenarioId}`, `${o.key}: ${L(o.title)} (${T.outcome[o.outcome] ?? o.outcome})`);
      if (o.reasons) out.push({ b: 'p', parts: [tx(`${T.reasons}: ${o.reasons}`)] });
      if (o.evidence.length > 0)
        out.push({
          b: 'p',
          parts: [
            tx(
              `${T.evidence}: ${listOf(
                o.evidence.map((e) => e.label),
                lang,
              )}.`,
            ),
          ],
        });
    }
    if (d.approval) {
      out.push({ b: 'p', parts: [tx(T.approval(d.approval.approvedBy, longDate(d.approval.approvedAt, lang)))] });
      if (d.approval.documentRef)
        out.push({
          b: 'p',
          parts: [
            tx(`${T.approvalRef}: `),
            /^https?:\/\//.test(d.approval.documentRef)
              ? { t: 'link', href: d.approval.documentRef, text: d.approval.documentRef }
              : tx(d.approval.documentRef),
          ],
        });
    } else out.push({ b: 'p', parts: [tx(T.noApproval)] });
  }
  toc.items = headings;
  return out;
}

/** The words of a block list (for tests and the plain renderers). */
export const inlineText = (parts: readonly Inline[]) =>
  parts.map((x) => (x.t === 'tick' ? (x.on ? '✓' : '') : x.text)).join('');
