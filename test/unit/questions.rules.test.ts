import { describe, expect, it } from 'vitest';
import {
  checkDelete,
  checkNewQuestion,
  checkOrder,
  checkShapeChange,
  resolveOptions,
} from '../../server/modules/questions/questions.rules.ts';

const opt = (id: string) => ({ id, label: { da: id, en: id } });
let n = 0;
const newId = () => `o-${++n}`;

describe('questionnaire rules', () => {
  it('choice questions need two or more options with distinct ids; other kinds have none', () => {
    expect(resolveOptions('single', [{ label: opt('a').label }, { id: 'b', label: opt('b').label }], newId)).toEqual({
      ok: true,
      options: [{ id: expect.stringMatching(/^o-\d+$/), label: opt('a').label }, opt('b')],
    });
    expect(resolveOptions('multi', [opt('a')], newId).ok).toBe(false);
    expect(resolveOptions('single', [opt('a'), opt('a')], newId).ok).toBe(false);
    expect(resolveOptions('text', [opt('a'), opt('b')], newId).ok).toBe(false);
    expect(resolveOptions('scenario_scale', [], newId)).toEqual({ ok: true, options: [] });
  });

  const q = { kind: 'single' as const, required: true, options: [opt('a'), opt('b')] };

  it('before any response, the shape may change', () => {
    expect(checkShapeChange(q, { kind: 'text', required: false, options: [] }, false).ok).toBe(true);
  });

  it('once responses exist, only wording and the order of options may change', () => {
    expect(
      checkShapeChange(q, { ...q, options: [{ id: 'b', label: { da: 'B!', en: 'B!' } }, opt('a')] }, true).ok,
    ).toBe(true);
    expect(checkShapeChange(q, { ...q, kind: 'multi' }, true).ok).toBe(false);
    expect(checkShapeChange(q, { ...q, required: false }, true).ok).toBe(false);
    expect(checkShapeChange(q, { ...q, options: [opt('a'), opt('b'), opt('c')] }, true).ok).toBe(false);
    expect(checkShapeChange(q, { ...q, options: [opt('a'), opt('c')] }, true).ok).toBe(false);
    expect(checkDelete(true).ok).toBe(false);
    expect(checkDelete(false).ok).toBe(true);
    expect(checkNewQuestion(true, true).ok).toBe(false);
    expect(checkNewQuestion(false, true).ok).toBe(true);
  });

  it('a new order lists every question once', () => {
    expect(checkOrder(['a', 'b'], ['b', 'a']).ok).toBe(true);
    expect(checkOrder(['a', 'b'], ['a']).ok).toBe(false);
    expect(checkOrder(['a', 'b'], ['a', 'a']).ok).toBe(false);
    expect(checkOrder(['a', 'b'], ['a', 'c']).ok).toBe(false);
  });
});
