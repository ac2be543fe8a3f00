import { describe, expect, it } from 'vitest';
import { canDownloadAttachment, canUploadAttachment } from '../../server/modules/files/files.policy.ts';
import type { Actor } from '../../server/shared/actor.ts';
import type { Role } from '../../server/shared/schemas.ts';

const actor = (id: string, ...roles: Role[]): Actor => ({ id, email: `${id}@x.example`, displayName: id, roles });

const WHO: Record<string, Actor | null> = {
  anonymous: null,
  participant: actor('participant', 'participant'),
  reviewer: actor('reviewer', 'reviewer'),
  analyst: actor('analyst', 'analyst'),
  admin: actor('admin', 'admin'),
  'participant+analyst': actor('pa', 'participant', 'analyst'),
};
const everyone = Object.keys(WHO);
const LETTER_STAFF = ['analyst', 'admin', 'participant+analyst'];

describe('canUploadAttachment', () => {
  it.each(everyone)('%s may upload while the consultation accepts input', (who) => {
    expect(canUploadAttachment(WHO[who]!, { acceptsInput: true }, 'upload')).toBe(true);
  });

  it.each(everyone.map((who) => [who, LETTER_STAFF.includes(who)] as const))(
    'after the deadline only admins and analysts: %s → %s',
    (who, allowed) => {
      expect(canUploadAttachment(WHO[who]!, { acceptsInput: false }, 'upload')).toBe(allowed);
    },
  );

  it.each(everyone.map((who) => [who, LETTER_STAFF.includes(who)] as const))(
    'letters (open or closed) only admins and analysts: %s → %s',
    (who, allowed) => {
      expect(canUploadAttachment(WHO[who]!, { acceptsInput: true }, 'letter')).toBe(allowed);
      expect(canUploadAttachment(WHO[who]!, { acceptsInput: false }, 'letter')).toBe(allowed);
    },
  );
});

describe('canDownloadAttachment', () => {
  const claimed = { responseId: '5b0c1e8e-0000-4000-8000-000000000001' };
  const unclaimed = { responseId: null };

  // Reviewers read only what is public (issue 10 item 8).
  it.each(everyone.map((who) => [who, LETTER_STAFF.includes(who)] as const))(
    'an unclaimed upload or a non-public response file: only admins and analysts (%s → %s)',
    (who, allowed) => {
      expect(canDownloadAttachment(WHO[who]!, unclaimed, false)).toBe(allowed);
      expect(canDownloadAttachment(WHO[who]!, claimed, false)).toBe(allowed);
      // "Public" can only be said of a claimed file; an unclaimed one never is.
      expect(canDownloadAttachment(WHO[who]!, unclaimed, true)).toBe(allowed);
    },
  );

  it.each(everyone)('a published response file: everyone (%s)', (who) => {
    expect(canDownloadAttachment(WHO[who]!, claimed, true)).toBe(true);
  });
});
