import {
  type AlphaReading,
  cohenKappa,
  krippendorffAlpha,
  percentAgreement,
  perTagAgreement,
  readAlpha,
} from '../agreement.rules.ts';
import type { SampleCodingRow } from './agreement.repository.ts';

/**
 * The figures of a sample from its codings, in one pass over the rows the database aggregated
 * (issue 11 story 7). Unit of analysis: the presence of a tag on an item. For each tag and each
 * item, a coder who coded the item (at least one confirmed coding on it) gave "present" when they
 * applied the tag (to the whole item or any passage) and "absent" when not; a coder who has not
 * coded the item yet is missing. "Overall" pools every item × tag pair. Sub-tags are not folded
 * into their parents. No I/O.
 */
export type SampleUnit = { itemId: string; itemKind: 'response' | 'comment'; excerpt: string };

export type Figures = {
  units: number;
  percentAgreement: number | null;
  kappa: number | null;
  alpha: number | null;
  reading: AlphaReading;
};

export type ResultsCore = {
  done: Map<string, number>;
  overall: Figures;
  tags: Array<Figures & { tagId: string; disagreements: number }>;
  disagreements: Array<
    SampleUnit & { tagId: string; applied: { coderId: string; quotes: string[] }[]; notApplied: string[] }
  >;
};

const key = (...parts: string[]) => parts.join('\u0000');

export function computeResults(
  units: readonly SampleUnit[],
  coderIds: readonly string[],
  rows: readonly SampleCodingRow[],
): ResultsCore {
  const quotes = new Map<string, string[]>();
  const coded = new Set<string>();
  for (const r of rows) {
    quotes.set(key(r.itemId, r.coderId, r.tagId), r.quotes ?? []);
    coded.add(key(r.itemId, r.coderId));
  }
  const done = new Map(coderIds.map((c) => [c, units.filter((u) => coded.has(key(u.itemId, c))).length]));
  const tagIds = [...new Set(rows.map((r) => r.tagId))];
  const perTag = perTagAgreement(
    {
      unitIds: units.map((u) => u.itemId),
      coderIds,
      applied: rows.map((r) => ({ unitId: r.itemId, coderId: r.coderId, tagId: r.tagId })),
      coded: [],
    },
    tagIds,
  );

  // Overall: every item × tag pair is a unit.
  const pooled: Array<Array<boolean | null>> = [];
  for (const u of units)
    for (const t of tagIds)
      pooled.push(coderIds.map((c) => (coded.has(key(u.itemId, c)) ? quotes.has(key(u.itemId, c, t)) : null)));
  const alpha = krippendorffAlpha(pooled);
  const overall: Figures = {
    units: pooled.filter((row) => row.filter((v) => v !== null).length >= 2).length,
    percentAgreement: percentAgreement(pooled),
    kappa: coderIds.length === 2 ? cohenKappa(pooled as Array<[boolean | null, boolean | null]>) : null,
    alpha,
    reading: readAlpha(alpha),
  };

  const unitOf = new Map(units.map((u, i) => [u.itemId, { u, i }]));
  const disagreements = perTag
    .flatMap((t) =>
      t.disagreements.map((itemId) => {
        const { u, i } = unitOf.get(itemId)!;
        const codedBy = coderIds.filter((c) => coded.has(key(itemId, c)));
        return {
          position: i,
          row: {
            ...u,
            tagId: t.tagId,
            applied: codedBy
              .filter((c) => quotes.has(key(itemId, c, t.tagId)))
              .map((c) => ({ coderId: c, quotes: quotes.get(key(itemId, c, t.tagId))! })),
            notApplied: codedBy.filter((c) => !quotes.has(key(itemId, c, t.tagId))),
          },
        };
      }),
    )
    .sort((a, b) => a.position - b.position)
    .map((d) => d.row);

  return {
    done,
    overall,
    tags: perTag.map((t) => ({
      tagId: t.tagId,
      units: t.units,
      percentAgreement: t.percentAgreement,
      kappa: t.kappa,
      alpha: t.alpha,
      reading: t.reading,
      disagreements: t.disagreements.length,
    })),
    disagreements,
  };
}
