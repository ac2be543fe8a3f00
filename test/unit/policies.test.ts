import { describe, expect, it } from 'vitest';
import { canAccount, type AccountAction } from '../../server/modules/accounts/accounts.policy.ts';
import { canConsultation, type ConsultationAction } from '../../server/modules/consultations/consultations.policy.ts';
import { canScenario, type ScenarioAction } from '../../server/modules/scenarios/scenarios.policy.ts';
import { type Actor, hasRole, isStaff } from '../../server/shared/actor.ts';
import type { Role } from '../../server/shared/schemas.ts';

const actor = (id: string, ...roles: Role[]): Actor => ({ id, email: `${id}@x.example`, displayName: id, roles });

// Every role once, anonymous as null, and one person holding two roles.
const WHO: Record<string, Actor | null> = {
  anonymous: null,
  participant: actor('participant', 'participant'),
  reviewer: actor('reviewer', 'reviewer'),
  analyst: actor('analyst', 'analyst'),
  admin: actor('admin', 'admin'),
  'participant+analyst': actor('pa', 'participant', 'analyst'),
  'no roles': actor('none'),
};
type Who = keyof typeof WHO;
// A reviewer (a public authority) is not staff (issue 14 story 1): drafts and history are staff's.
const STAFF: Who[] = ['analyst', 'admin', 'participant+analyst'];
const ADMIN: Who[] = ['admin'];
const everyone = Object.keys(WHO) as Who[];

function table<A extends string>(expected: Record<A, Who[]>) {
  return (Object.keys(expected) as A[]).flatMap((action) =>
    everyone.map((who) => [action, who, expected[action].includes(who)] as const),
  );
}

describe('consultation policy', () => {
  const draft = { phase: 'draft' };

  it.each(
    table<Exclude<ConsultationAction, 'read'>>({ history: STAFF, create: ADMIN, update: ADMIN, transition: ADMIN }),
  )('%s by %s → %s', (action, who, allowed) => {
    expect(canConsultation(WHO[who]!, action, draft)).toBe(allowed);
    expect(canConsultation(WHO[who]!, action, { phase: 'open' })).toBe(allowed);
  });

  it.each(everyone.map((who) => [who, STAFF.includes(who)] as const))(
    'a draft is readable by %s → %s',
    (who, allowed) => {
      expect(canConsultation(WHO[who]!, 'read', draft)).toBe(allowed);
    },
  );

  for (const phase of ['open', 'closed', 'analysis', 'concluded']) {
    it.each(everyone)(`a consultation in phase ${phase} is readable by %s`, (who) => {
      expect(canConsultation(WHO[who]!, 'read', { phase })).toBe(true);
    });
  }

  it('reads nothing without an item', () => {
    for (const who of everyone) expect(canConsultation(WHO[who]!, 'read')).toBe(false);
  });
});

describe('scenario policy', () => {
  it.each(table<Exclude<ScenarioAction, 'read'>>({ create: ADMIN, update: ADMIN, status: ADMIN, reorder: ADMIN }))(
    '%s by %s → %s',
    (action, who, allowed) => {
      expect(canScenario(WHO[who]!, action, { phase: 'open' })).toBe(allowed);
      expect(canScenario(WHO[who]!, action)).toBe(allowed);
    },
  );

  it.each(everyone.map((who) => [who, STAFF.includes(who)] as const))(
    "a draft consultation's scenario is readable by %s → %s",
    (who, allowed) => {
      expect(canScenario(WHO[who]!, 'read', { phase: 'draft' })).toBe(allowed);
    },
  );

  it.each(everyone)("a public consultation's scenario is readable by %s", (who) => {
    for (const phase of ['open', 'closed', 'analysis', 'concluded']) {
      expect(canScenario(WHO[who]!, 'read', { phase })).toBe(true);
    }
  });
});

describe('account policy', () => {
  it.each(table<Exclude<AccountAction, 'read'>>({ list: ADMIN, create: ADMIN, update: ADMIN }))(
    '%s by %s → %s',
    (action, who, allowed) => {
      const self = WHO[who]?.id;
      expect(canAccount(WHO[who]!, action, 'someone-else')).toBe(allowed);
      // Managing accounts stays admin-only even for one's own account.
      expect(canAccount(WHO[who]!, action, self)).toBe(allowed);
    },
  );

  it.each(everyone)("reading another person's account by %s", (who) => {
    expect(canAccount(WHO[who]!, 'read', 'someone-else')).toBe(who === 'admin');
  });

  it.each(everyone)('reading one’s own account by %s', (who) => {
    const a = WHO[who]!;
    expect(canAccount(a, 'read', a?.id)).toBe(who !== 'anonymous');
  });

  it('anonymous reads no account, not even with an undefined target', () => {
    expect(canAccount(null, 'read', undefined)).toBe(false);
  });
});

describe('actor helpers', () => {
  it('hasRole and isStaff', () => {
    expect(hasRole(null, 'admin')).toBe(false);
    expect(hasRole(WHO['participant+analyst']!, 'admin', 'analyst')).toBe(true);
    expect(isStaff(WHO.participant!)).toBe(false);
    expect(isStaff(WHO['no roles']!)).toBe(false);
    for (const who of STAFF) expect(isStaff(WHO[who]!)).toBe(true);
    expect(isStaff(WHO.reviewer!)).toBe(false);
  });
});
