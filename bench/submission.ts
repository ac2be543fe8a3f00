import { randomUUID } from 'node:crypto';

type Question = { id: string; kind: string; required: boolean; options?: { id: string }[] | null };

/** A realistic submission for the bench: 1 KB of text and one answer to each of the first three questions. */
export function submissionBody(questions: unknown, text: string) {
  const qs = (Array.isArray(questions) ? questions : ((questions as { items?: unknown[] }).items ?? [])) as Question[];
  const answers = qs.slice(0, 3).map((q) => ({ questionId: q.id, value: valueFor(q, text) }));
  return {
    respondent: { name: 'Bench Borger', email: `bench-${randomUUID().slice(0, 8)}@example.dk`, actingAs: 'citizen' },
    consent: 'public_named',
    body: text,
    answers,
  };
}

function valueFor(q: Question, text: string): unknown {
  switch (q.kind) {
    case 'scale':
      return 4;
    case 'single':
      return q.options?.[0]?.id;
    case 'multi':
      return q.options?.slice(0, 2).map((o) => o.id) ?? [];
    case 'text':
      return text.slice(0, 200);
    default:
      return undefined;
  }
}
