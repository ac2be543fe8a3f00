import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { QuestionKind } from '../../db/schema.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, forbidden, notFound } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireReadableConsultation, touchConsultation } from '../consultations/consultations.service.ts';
import { hasResponses } from '../responses/responses.service.ts';
import { canQuestion } from './questions.policy.ts';
import * as repo from './questions.repository.ts';
import {
  checkDelete,
  checkNewQuestion,
  checkOrder,
  checkShapeChange,
  type Check,
  resolveOptions,
} from './questions.rules.ts';
import type { CreateQuestionInput, Question, UpdateQuestionInput } from './questions.schemas.ts';

/** The questionnaire's exclusive lock, then a new consultation stamp (see repo.lockQuestionnaire). */
async function lockForShapeChange(trx: Db, consultationId: string): Promise<void> {
  await repo.lockQuestionnaire(trx, consultationId);
  await touchConsultation(trx, consultationId);
}

type Row = Awaited<ReturnType<typeof repo.listQuestions>>[number];

function toQuestion(r: Row): Question {
  return {
    id: r.id,
    consultationId: r.consultationId,
    position: r.position,
    kind: r.kind,
    required: r.required,
    prompt: r.prompt,
    help: r.help,
    options: r.options,
  };
}

const newOptionId = () => `o-${randomBytes(4).toString('hex')}`;

function enforce(check: Check, code: 'QUESTIONNAIRE_LOCKED' | 'RULE_VIOLATION' = 'QUESTIONNAIRE_LOCKED'): void {
  if (!check.ok) throw new AppError(code, check.reason);
}

function requireWritable(c: { phase: string }): void {
  if (c.phase === 'concluded') throw new AppError('RULE_VIOLATION', 'A concluded consultation is frozen');
}

export async function listQuestions(db: Db, actor: Actor | null, consultationIdOrSlug: string): Promise<Question[]> {
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  return (await repo.listQuestions(db, c.id)).map(toQuestion);
}

/**
 * For the responses module: the participation window, the consultation's stamp and the
 * questionnaire. With `lock` (inside the caller's transaction) the questionnaire's shape stays fixed
 * until that transaction ends, so answers are checked against the questions they are stored with;
 * without it, for the submission cache, whose statement's guard re-checks the stamp under the lock.
 */
export async function readQuestionnaire(db: Db, consultationId: string, opts: { lock: boolean }) {
  const rows = await repo.readQuestionnaire(db, consultationId, opts);
  const first = rows[0];
  if (!first) throw notFound('Consultation');
  const questions: Question[] = rows
    .filter((r) => r.id !== null)
    .map((r) => ({
      id: r.id!,
      consultationId,
      position: r.position!,
      kind: r.kind!,
      required: r.required!,
      prompt: r.prompt!,
      help: r.help!,
      options: r.options!,
    }));
  return {
    consultation: { phase: first.phase, opensAt: first.opensAt, closesAt: first.closesAt },
    stamp: first.stamp,
    questions,
  };
}

export async function createQuestion(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  input: CreateQuestionInput,
) {
  if (!canQuestion(actor, 'create')) throw forbidden();
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  requireWritable(c);
  const resolved = resolveOptions(input.kind, input.options, newOptionId);
  if (!resolved.ok) throw new AppError('RULE_VIOLATION', resolved.reason);
  const id = await db.transaction().execute(async (trx) => {
    await lockForShapeChange(trx, c.id);
    enforce(checkNewQuestion(input.required, await hasResponses(trx, c.id)));
    const { id } = await repo.insertQuestion(trx, {
      consultationId: c.id,
      position: await repo.nextPosition(trx, c.id),
      kind: input.kind,
      required: input.required,
      prompt: input.prompt,
      help: input.help,
      options: resolved.options,
    });
    await recordAudit(trx, actor, {
      action: 'question.create',
      itemType: 'question',
      itemId: id,
      consultationId: c.id,
      details: { kind: input.kind, required: input.required },
    });
    return id;
  });
  return getQuestion(db, id);
}

async function getQuestion(db: Db, id: string): Promise<Question> {
  const row = await repo.findQuestion(db, id);
  if (!row) throw notFound('Question');
  return toQuestion(row);
}

async function requireQuestion(db: Db, actor: Actor | null, id: string) {
  const row = await repo.findQuestion(db, id);
  if (!row || !canQuestion(actor, 'read', { phase: row.consultationPhase })) throw notFound('Question');
  return row;
}

export async function updateQuestion(db: Db, actor: Actor | null, id: string, input: UpdateQuestionInput) {
  if (!canQuestion(actor, 'update')) throw forbidden();
  const before = await requireQuestion(db, actor, id);
  requireWritable({ phase: before.consultationPhase });
  const kind: QuestionKind = input.kind ?? before.kind;
  const optionInput = input.options ?? (kind === before.kind ? before.options : []);
  const resolved = resolveOptions(kind, optionInput, newOptionId);
  if (!resolved.ok) throw new AppError('RULE_VIOLATION', resolved.reason);
  const after = {
    kind,
    required: input.required ?? before.required,
    prompt: input.prompt ?? before.prompt,
    help: input.help ?? before.help,
    options: resolved.options,
  };
  await db.transaction().execute(async (trx) => {
    await lockForShapeChange(trx, before.consultationId);
    enforce(checkShapeChange(before, after, await hasResponses(trx, before.consultationId)));
    await repo.updateQuestion(trx, before.consultationId, id, after);
    await recordAudit(trx, actor, {
      action: 'question.update',
      itemType: 'question',
      itemId: id,
      consultationId: before.consultationId,
      details: { fields: Object.keys(input).filter((k) => input[k as keyof UpdateQuestionInput] !== undefined) },
    });
  });
  return getQuestion(db, id);
}

export async function deleteQuestion(db: Db, actor: Actor | null, id: string): Promise<void> {
  if (!canQuestion(actor, 'delete')) throw forbidden();
  const q = await requireQuestion(db, actor, id);
  requireWritable({ phase: q.consultationPhase });
  await db.transaction().execute(async (trx) => {
    await lockForShapeChange(trx, q.consultationId);
    enforce(checkDelete(await hasResponses(trx, q.consultationId)));
    await repo.deleteQuestion(trx, q.consultationId, id);
    await recordAudit(trx, actor, {
      action: 'question.delete',
      itemType: 'question',
      itemId: id,
      consultationId: q.consultationId,
      details: { kind: q.kind },
    });
  });
}

export async function reorderQuestions(db: Db, actor: Actor | null, consultationIdOrSlug: string, ids: string[]) {
  if (!canQuestion(actor, 'reorder')) throw forbidden();
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  requireWritable(c);
  await db.transaction().execute(async (trx) => {
    const existing = (await repo.listQuestions(trx, c.id)).map((q) => q.id);
    enforce(checkOrder(existing, ids), 'RULE_VIOLATION');
    await repo.setPositions(trx, c.id, ids);
    await recordAudit(trx, actor, {
      action: 'question.reorder',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
      details: { order: ids },
    });
  });
  return (await repo.listQuestions(db, c.id)).map(toQuestion);
}
