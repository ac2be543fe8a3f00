/**
 * Pure rules of theme summaries (issue 14 story 5). No I/O.
 */

/**
 * The share of a theme's coded input a summary cites, in whole per cent; null when there is nothing
 * to cite. Rounded down, so 100 % means every passage is cited; but never 0 % when something is
 * cited (1 of 1,000 reads 1 %, not "nothing").
 */
export function coveragePercent(cited: number, total: number): number | null {
  if (total <= 0) return null;
  const c = Math.max(0, Math.min(cited, total));
  if (c === 0) return 0;
  return Math.max(1, Math.floor((c * 100) / total));
}

export type SentenceDraft = { text: { da: string; en: string }; codingIds: readonly string[] };
export type SummaryDraft = {
  status: 'draft' | 'ready';
  answer: 'accommodated' | 'partly' | 'not_accommodated' | null;
  answerReason: { da: string; en: string };
  sentences: readonly SentenceDraft[];
};

/**
 * What a summary lacks before it may be marked ready for the report: at least one sentence, every
 * sentence in Danish and English, the agency's answer, and its reason in both languages. A draft
 * may lack anything. Returns the missing parts' names (empty: complete).
 */
export function missingForReady(s: SummaryDraft): string[] {
  if (s.status !== 'ready') return [];
  const missing: string[] = [];
  const blank = (x: string) => x.trim() === '';
  if (s.sentences.length === 0) missing.push('sentences');
  s.sentences.forEach((x, i) => {
    if (blank(x.text.da)) missing.push(`sentences.${i}.text.da`);
    if (blank(x.text.en)) missing.push(`sentences.${i}.text.en`);
  });
  if (s.answer === null) missing.push('answer');
  if (blank(s.answerReason.da)) missing.push('answerReason.da');
  if (blank(s.answerReason.en)) missing.push('answerReason.en');
  return missing;
}

export type CitationProblem = 'not_in_consultation' | 'not_in_theme' | 'not_confirmed';

/**
 * Why a coding may not be cited by a theme's summary, or null when it may: it must be a confirmed
 * coding of this consultation (`found`) with the theme's tag or one under it (`subtree`). A citation
 * the summary already had (`kept`) may stay though its coding is gone: the page shows it as a
 * removed source until the analyst takes it out.
 */
export function citationProblem(
  codingId: string,
  found: ReadonlyMap<string, { tagId: string; status: 'confirmed' | 'proposed' }>,
  subtree: ReadonlySet<string>,
  kept: ReadonlySet<string>,
): CitationProblem | null {
  const c = found.get(codingId);
  if (!c) return kept.has(codingId) ? null : 'not_in_consultation';
  if (kept.has(codingId)) return null;
  if (c.status !== 'confirmed') return 'not_confirmed';
  if (!subtree.has(c.tagId)) return 'not_in_theme';
  return null;
}
