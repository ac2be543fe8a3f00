import { describe, expect, it } from 'vitest';
import {
  allowedStatusChanges,
  checkOrder,
  checkStatusChange,
  SCENARIO_STATUSES,
  type ScenarioStatus,
} from '../../server/modules/scenarios/scenarios.rules.ts';

const ALLOWED: [ScenarioStatus, ScenarioStatus][] = [
  ['candidate', 'shortlisted'],
  ['candidate', 'eliminated'],
  ['shortlisted', 'candidate'],
  ['shortlisted', 'eliminated'],
  ['shortlisted', 'selected'],
  ['eliminated', 'candidate'],
  ['selected', 'shortlisted'],
];
const isAllowed = (f: ScenarioStatus, t: ScenarioStatus) => ALLOWED.some(([a, b]) => a === f && b === t);
const ALL_PAIRS = SCENARIO_STATUSES.flatMap((f) =>
  SCENARIO_STATUSES.map((t) => [f, t] as [ScenarioStatus, ScenarioStatus]),
);

describe('scenario status changes', () => {
  it.each(ALLOWED)('allows %s → %s', (from, to) => {
    expect(checkStatusChange({ status: from, round: 2 }, to, 2)).toEqual({ ok: true });
  });

  it.each(ALL_PAIRS.filter(([f, t]) => !isAllowed(f, t)))('refuses %s → %s', (from, to) => {
    const r = checkStatusChange({ status: from, round: 1 }, to, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(`from ${from} to ${to}`);
  });

  it('lists exactly the allowed changes for every status', () => {
    for (const from of SCENARIO_STATUSES) {
      const expected = ALLOWED.filter(([f]) => f === from).map(([, t]) => t);
      expect([...allowedStatusChanges(from)].sort()).toEqual(expected.sort());
    }
  });

  it('never lets an eliminated scenario be selected directly', () => {
    expect(checkStatusChange({ status: 'eliminated', round: 1 }, 'selected', 2).ok).toBe(false);
    expect(checkStatusChange({ status: 'candidate', round: 1 }, 'selected', 2).ok).toBe(false);
  });
});

describe('rounds never go backwards', () => {
  const current = { status: 'candidate' as const, round: 3 };

  it('allows the same round', () => {
    expect(checkStatusChange(current, 'shortlisted', 3)).toEqual({ ok: true });
  });

  it('allows a later round', () => {
    expect(checkStatusChange(current, 'shortlisted', 4)).toEqual({ ok: true });
  });

  it('refuses an earlier round', () => {
    const r = checkStatusChange(current, 'shortlisted', 2);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/Round 2 is before .* round 3/);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses round %s', (round) => {
    expect(checkStatusChange({ status: 'candidate', round: 1 }, 'shortlisted', round).ok).toBe(false);
  });
});

describe('checkOrder', () => {
  const ids = ['a', 'b', 'c'];

  it('accepts every scenario once, in any order', () => {
    expect(checkOrder(ids, ['c', 'a', 'b'])).toEqual({ ok: true });
    expect(checkOrder(ids, ['a', 'b', 'c'])).toEqual({ ok: true });
  });

  it('refuses a scenario listed twice', () => {
    expect(checkOrder(ids, ['a', 'a', 'b', 'c'])).toEqual({ ok: false, reason: 'A scenario is listed twice' });
    expect(checkOrder(ids, ['a', 'a', 'b']).ok).toBe(false);
  });

  it('refuses a missing scenario', () => {
    expect(checkOrder(ids, ['a', 'b']).ok).toBe(false);
  });

  it('refuses a scenario from elsewhere', () => {
    expect(checkOrder(ids, ['a', 'b', 'x']).ok).toBe(false);
    expect(checkOrder(ids, ['a', 'b', 'c', 'x']).ok).toBe(false);
  });

  it('accepts an empty order only for a consultation without scenarios', () => {
    expect(checkOrder([], [])).toEqual({ ok: true });
    expect(checkOrder(ids, []).ok).toBe(false);
  });
});
