/**
 * Real-data check (issue 12 story 1): campaign detection on the 199 public comments of
 * regulations.gov docket USDA-2017-0002 (../shared/data/regulations-gov-usda-2017-0002/SOURCE.md).
 * 162 of them end with the portal's "Re: Supplemental Nutrition Assistance Program: …" line, and a
 * form letter ("Please reinstate work requirements for food stamps and support conservative waiver
 * reform.") was sent with small edits. Checks that:
 * - the portal line is recognised as boiler-plate and left out, so unrelated short comments are not
 *   glued together by it (with it left in, they are: shown for contrast);
 * - the form letter's campaign is found with its edited variants ("Please," / "Thanks !" / without
 *   "Please"), and every member of every campaign found carries the letter's own words (precision).
 * Prints the campaigns found and the recall against the comments that hold the letter's core sentence.
 * The FCC 17-108 material in ../shared/data holds only each template's distinctive phrases, not
 * whole comments, so it is not usable as a detection corpus (its SOURCE.md).
 */
import { describe, expect, it } from 'vitest';
import { containment, jaccard, shingles } from '../../server/modules/analysis/campaigns/campaigns.minhash.ts';
import {
  comparedWords,
  CONTAINED_MIN_SHINGLES,
  CONTAINMENT_MIN,
  detectCampaigns,
  JACCARD_MIN,
  MIN_WORDS,
  normalisedText,
} from '../../server/modules/analysis/campaigns/campaigns.rules.ts';
import { loadTextComments } from './helpers/regulations-gov.ts';

const CORE = 'reinstate work requirements for food stamps and support conservative waiver reform';

describe('campaigns on regulations.gov USDA-2017-0002', () => {
  const texts = loadTextComments().map((c) => c.text);
  const found = detectCampaigns({ count: texts.length, text: (i) => texts[i]! });
  const norm = texts.map((t) => normalisedText(t));

  it('leaves the portal’s shared footer out, so it glues nothing together', () => {
    expect(found.boilerplate).toHaveLength(1);
    expect(found.boilerplate[0]).toMatch(/^re supplemental nutrition assistance program/);
    for (const c of found.clusters)
      for (const m of c.members) expect(norm[m]).toContain('reinstate work requirements for food stamps');
    // For contrast: with the footer compared too, short unrelated comments join campaigns.
    const glued = detectCampaigns({ count: texts.length, text: (i) => texts[i]! }, { boilerplate: [] });
    const gluedMembers = glued.clusters.flatMap((c) => c.members);
    expect(gluedMembers.some((m) => !norm[m]!.includes('reinstate work requirements'))).toBe(true);
  });

  it('finds the form letter’s campaign with its edited variants', () => {
    const main = found.clusters[0]!;
    const members = main.members.map((m) => texts[m]!);
    const template = normalisedText(texts[main.template]!);
    expect(template.startsWith(`please ${CORE}`)).toBe(true);
    const edited = main.members.filter((m) => !norm[m]!.startsWith(template));
    expect(main.members.length).toBeGreaterThanOrEqual(9);
    expect(edited.length).toBeGreaterThanOrEqual(3);
    expect(members.some((t) => t.startsWith('Please, reinstate'))).toBe(true);
    expect(members.some((t) => t.includes('Thanks !'))).toBe(true);
    expect(members.some((t) => t.startsWith('Reinstate work requirements'))).toBe(true);

    const truth = norm.map((t, i) => (t.includes(CORE) ? i : -1)).filter((i) => i >= 0);
    const inMain = truth.filter((i) => main.members.includes(i)).length;
    const inAny = truth.filter((i) => found.clusters.some((c) => c.members.includes(i))).length;
    console.log(
      `USDA-2017-0002: ${found.clusters.length} campaigns (${found.clusters.map((c) => c.members.length).join(', ')} members); ` +
        `of ${truth.length} comments holding the letter's core sentence, ${inMain} in its campaign, ${inAny} in some campaign; ` +
        `precision 1.0 (every member holds the letter's words)`,
    );
  });

  it('meets recall and precision ≥ 0.95 at the issue’s threshold (Jaccard ≥ 0.8 on the compared text)', () => {
    // The measure, over every pair of comments that can be grouped at all (at least
    // MIN_WORDS compared words: "See attached file(s)" twice is not a campaign): recall is the share
    // of pairs with Jaccard ≥ 0.8 found in one campaign; precision is the share of campaign members
    // that are near-copies of their campaign's template (Jaccard ≥ 0.8, or ≥ 0.9 contained in it:
    // "the form letter plus my own paragraph").
    const bp = new Set(found.boilerplate);
    const sets = texts.map((t) => {
      const ws = comparedWords(t, bp);
      return ws.length >= MIN_WORDS ? shingles(ws) : null;
    });
    const campaignOf = new Map<number, number>();
    found.clusters.forEach((c, k) => c.members.forEach((m) => campaignOf.set(m, k)));
    let truth = 0;
    let recalled = 0;
    for (let a = 0; a < texts.length; a++) {
      for (let b = a + 1; b < texts.length; b++) {
        const [x, y] = [sets[a], sets[b]];
        if (!x || !y || jaccard(x, y) < JACCARD_MIN) continue;
        truth++;
        if (campaignOf.has(a) && campaignOf.get(a) === campaignOf.get(b)) recalled++;
      }
    }
    const near = (x: Uint32Array, y: Uint32Array) => {
      const [small, large] = x.length <= y.length ? [x, y] : [y, x];
      return (
        jaccard(x, y) >= JACCARD_MIN ||
        (small.length >= CONTAINED_MIN_SHINGLES && containment(small, large) >= CONTAINMENT_MIN)
      );
    };
    const members = found.clusters.flatMap((c) =>
      c.members.filter((m) => m !== c.template).map((m) => [m, c.template]),
    );
    const precise = members.filter(([m, tpl]) => near(sets[m!]!, sets[tpl!]!)).length;
    const recall = recalled / truth;
    const precision = precise / members.length;
    console.log(
      `USDA-2017-0002 at Jaccard ≥ ${JACCARD_MIN}: ${truth} pairs of near-copies, ${recalled} in one campaign ` +
        `(recall ${recall.toFixed(3)}); ${precise} of ${members.length} members near their template ` +
        `(precision ${precision.toFixed(3)})`,
    );
    expect(truth).toBeGreaterThanOrEqual(30);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.95);
  });
});
