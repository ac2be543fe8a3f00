import { describe, expect, it } from 'vitest';
import { canParticipant, type ParticipantAction } from '../../server/modules/participants/participants.policy.ts';
import {
  CONFIRM_TTL_MS,
  hashToken,
  mailLink,
  RESET_TTL_MS,
} from '../../server/modules/participants/participants.rules.ts';
import {
  alreadyRegisteredMail,
  confirmationMail,
  moderationMail,
  resetMail,
} from '../../server/modules/participants/participants.mail.ts';
import { RegisterBody, UpdateMyProfileBody } from '../../server/modules/participants/participants.schemas.ts';
import type { Actor } from '../../server/shared/actor.ts';

const a = (...roles: Actor['roles']): Actor => ({ id: 'x', email: 'x@x.example', displayName: 'x', roles: [...roles] });

describe('participant rules', () => {
  it('stores a token as its SHA-256 only', () => {
    const h = hashToken('abc');
    expect(h).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(h).not.toContain('abc');
  });

  it('puts the token in the fragment of the link, never in the path or query', () => {
    expect(mailLink('https://samraad.example/', '/confirm', 'T0K')).toBe('https://samraad.example/confirm#token=T0K');
    expect(mailLink('http://localhost:3000', '/login')).toBe('http://localhost:3000/login');
  });

  it('lets confirmation links live 48 hours and reset links 1 hour', () => {
    expect(CONFIRM_TTL_MS).toBe(48 * 3600 * 1000);
    expect(RESET_TTL_MS).toBe(3600 * 1000);
  });

  const expected: Record<ParticipantAction, [Actor | null, boolean][]> = {
    readOwnProfile: [
      [null, false],
      [a('participant'), true],
      [a('analyst'), true],
    ],
    updateOwnProfile: [
      [null, false],
      [a('participant'), true],
    ],
    manageProfiles: [
      [null, false],
      [a('participant'), false],
      [a('analyst'), false],
      [a('admin'), true],
    ],
  };
  for (const [action, cases] of Object.entries(expected) as [ParticipantAction, [Actor | null, boolean][]][]) {
    it(`decides ${action} by role`, () => {
      for (const [actor, ok] of cases) expect(canParticipant(actor, action)).toBe(ok);
    });
  }
});

describe('participant mails', () => {
  it('are written in the recipient’s language', () => {
    expect(confirmationMail('a@x.example', 'da', 'L').subject).toBe('Bekræft din e-mailadresse');
    expect(confirmationMail('a@x.example', 'en', 'L').text).toContain('48 hours');
    expect(resetMail('a@x.example', 'da', 'L').text).toContain('1 time');
    expect(alreadyRegisteredMail('a@x.example', 'en', 'S', 'R').text).toContain('already have an account');
    const m = moderationMail('a@x.example', 'da', {
      action: 'hide',
      reason: 'Persondata',
      scenarioTitle: 'S1',
      link: 'L',
    });
    expect(m).toMatchObject({ kind: 'comment.hidden', subject: 'Din kommentar er skjult' });
    expect(m.text).toContain('Persondata');
  });
});

describe('participant schemas', () => {
  it('normalises the e-mail and needs 12 characters of password', () => {
    expect(RegisterBody.parse({ email: ' Ada@Example.ORG ', password: 'x'.repeat(12), displayName: ' Ada ' })).toEqual({
      email: 'ada@example.org',
      password: 'x'.repeat(12),
      displayName: 'Ada',
      locale: 'da',
    });
    expect(RegisterBody.safeParse({ email: 'a@example.org', password: 'x'.repeat(11), displayName: 'A' }).success).toBe(
      false,
    );
  });

  it('refuses unknown profile fields and unknown segments', () => {
    expect(UpdateMyProfileBody.safeParse({ actingAs: 'ngo' }).success).toBe(true);
    expect(UpdateMyProfileBody.safeParse({ actingAs: 'lobby' }).success).toBe(false);
    expect(UpdateMyProfileBody.safeParse({ roles: ['admin'] }).success).toBe(false);
    expect(UpdateMyProfileBody.safeParse({}).success).toBe(false);
  });
});
