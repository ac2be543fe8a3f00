import { describe, expect, it } from 'vitest';
import {
  acceptsInput,
  allowedTransitions,
  checkTransition,
  isPublicPhase,
  PHASES,
  type Phase,
} from '../../server/modules/consultations/consultations.rules.ts';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
const DAY = 86_400_000;

// The life cycle of DESIGN.md §2, written out so a change to the rules is a visible change here.
const ALLOWED: [Phase, Phase][] = [
  ['draft', 'open'],
  ['open', 'closed'],
  ['closed', 'open'],
  ['closed', 'analysis'],
  ['analysis', 'concluded'],
];
const isAllowed = (from: Phase, to: Phase) => ALLOWED.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = PHASES.flatMap((from) => PHASES.map((to) => [from, to] as [Phase, Phase]));
const future = { opensAt: null, closesAt: later(7 * DAY) };

describe('consultation phase transitions', () => {
  it.each(ALLOWED)('allows %s → %s with a future closing time', (from, to) => {
    expect(checkTransition({ phase: from, ...future }, to, NOW)).toEqual({ ok: true });
  });

  it.each(ALL_PAIRS.filter(([f, t]) => !isAllowed(f, t)))('refuses %s → %s', (from, to) => {
    const r = checkTransition({ phase: from, ...future }, to, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(`from ${from} to ${to}`);
  });

  it('lists exactly the allowed moves for every phase', () => {
    for (const from of PHASES) {
      const expected = ALLOWED.filter(([f]) => f === from).map(([, t]) => t);
      expect([...allowedTransitions(from)].sort()).toEqual(expected.sort());
    }
  });

  it('never goes back to draft and never leaves concluded', () => {
    for (const from of PHASES) expect(allowedTransitions(from)).not.toContain('draft');
    expect(allowedTransitions('concluded')).toEqual([]);
  });

  describe('opening needs a closing time in the future', () => {
    for (const from of ['draft', 'closed'] as const) {
      it(`${from} → open without a closing time is refused`, () => {
        const r = checkTransition({ phase: from, opensAt: null, closesAt: null }, 'open', NOW);
        expect(r).toEqual({ ok: false, reason: 'Set a closing time before opening' });
      });
      it(`${from} → open with a closing time in the past is refused`, () => {
        const r = checkTransition({ phase: from, opensAt: null, closesAt: later(-1) }, 'open', NOW);
        expect(r.ok).toBe(false);
      });
      it(`${from} → open with a closing time exactly now is refused`, () => {
        const r = checkTransition({ phase: from, opensAt: null, closesAt: NOW }, 'open', NOW);
        expect(r.ok).toBe(false);
      });
      it(`${from} → open with a closing time one millisecond ahead is allowed`, () => {
        expect(checkTransition({ phase: from, opensAt: null, closesAt: later(1) }, 'open', NOW)).toEqual({ ok: true });
      });
    }

    it('closing does not care about the closing time', () => {
      expect(checkTransition({ phase: 'open', opensAt: null, closesAt: null }, 'closed', NOW)).toEqual({ ok: true });
      expect(checkTransition({ phase: 'open', opensAt: null, closesAt: later(-DAY) }, 'closed', NOW)).toEqual({
        ok: true,
      });
    });
  });
});

describe('acceptsInput (decided by the server clock)', () => {
  const open = { phase: 'open', opensAt: later(-DAY), closesAt: later(DAY) };

  it('accepts input while open and inside the window', () => {
    expect(acceptsInput(open, NOW)).toBe(true);
  });

  it('refuses input before opensAt', () => {
    expect(acceptsInput({ ...open, opensAt: later(1) }, NOW)).toBe(false);
  });

  it('accepts input exactly at opensAt', () => {
    expect(acceptsInput({ ...open, opensAt: NOW }, NOW)).toBe(true);
  });

  it('refuses input exactly at closesAt', () => {
    expect(acceptsInput({ ...open, closesAt: NOW }, NOW)).toBe(false);
  });

  it('accepts input one millisecond before closesAt', () => {
    expect(acceptsInput({ ...open, closesAt: later(1) }, NOW)).toBe(true);
  });

  it('refuses input after closesAt', () => {
    expect(acceptsInput({ ...open, closesAt: later(-1) }, NOW)).toBe(false);
  });

  it.each(['draft', 'closed', 'analysis', 'concluded'])('refuses input in phase %s even inside the window', (phase) => {
    expect(acceptsInput({ ...open, phase }, NOW)).toBe(false);
  });

  it('treats missing times as no limit on that side', () => {
    expect(acceptsInput({ phase: 'open', opensAt: null, closesAt: null }, NOW)).toBe(true);
  });
});

describe('isPublicPhase', () => {
  it('hides drafts only', () => {
    expect(isPublicPhase('draft')).toBe(false);
    for (const p of ['open', 'closed', 'analysis', 'concluded']) expect(isPublicPhase(p)).toBe(true);
  });
});
