import type { Localized } from '../../db/schema.ts';
import type { OptionInput, QuestionKind } from './questions.schemas.ts';

/** Pure rules of the questionnaire (issue 4, story 1). No I/O. */
export type Option = { id: string; label: Localized };
export type QuestionShape = { kind: QuestionKind; required: boolean; options: readonly Option[] };
export type Check = { ok: true } | { ok: false; reason: string };

export const hasOptions = (kind: QuestionKind): boolean => kind === 'single' || kind === 'multi';

/**
 * The options a question ends up with: choices need at least two, with distinct ids (an option sent
 * with an id keeps it, so its answers keep their meaning); every other kind has none.
 */
export function resolveOptions(
  kind: QuestionKind,
  input: readonly OptionInput[],
  newId: () => string,
): { ok: true; options: Option[] } | { ok: false; reason: string } {
  if (!hasOptions(kind)) {
    return input.length === 0 ? { ok: true, options: [] } : { ok: false, reason: 'Only choice questions have options' };
  }
  if (input.length < 2) return { ok: false, reason: 'A choice question needs at least two options' };
  const options = input.map((o) => ({ id: o.id ?? newId(), label: o.label }));
  if (new Set(options.map((o) => o.id)).size !== options.length)
    return { ok: false, reason: 'Two options have the same id' };
  return { ok: true, options };
}

const optionSet = (options: readonly Option[]) => [...options.map((o) => o.id)].sort().join('\n');

/**
 * Once a consultation has a response (any, withdrawn and letters included) a question keeps its
 * shape: kind, required and the set of option ids. Wording and the order of options may change.
 */
export function checkShapeChange(before: QuestionShape, after: QuestionShape, responsesExist: boolean): Check {
  if (!responsesExist) return { ok: true };
  if (before.kind !== after.kind) return { ok: false, reason: 'Responses exist: the kind of a question cannot change' };
  if (before.required !== after.required) {
    return { ok: false, reason: 'Responses exist: whether a question is required cannot change' };
  }
  if (optionSet(before.options) !== optionSet(after.options)) {
    return { ok: false, reason: 'Responses exist: options cannot be added or removed, only reworded' };
  }
  return { ok: true };
}

/** After the first response only optional questions may be added: earlier respondents could not answer it. */
export function checkNewQuestion(required: boolean, responsesExist: boolean): Check {
  if (required && responsesExist) return { ok: false, reason: 'Responses exist: a new question must be optional' };
  return { ok: true };
}

export function checkDelete(responsesExist: boolean): Check {
  if (responsesExist) return { ok: false, reason: 'Responses exist: a question cannot be deleted' };
  return { ok: true };
}

/** A new order must name every question of the consultation exactly once. */
export function checkOrder(existingIds: readonly string[], proposed: readonly string[]): Check {
  const set = new Set(proposed);
  if (set.size !== proposed.length) return { ok: false, reason: 'A question is listed twice' };
  if (proposed.length !== existingIds.length || existingIds.some((id) => !set.has(id))) {
    return { ok: false, reason: 'The order must list every question of the consultation once' };
  }
  return { ok: true };
}
