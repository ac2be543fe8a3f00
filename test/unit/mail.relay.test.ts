import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from '../../server/modules/mail/mail.relay.ts';

describe('the outbox relay backoff', () => {
  it('doubles from 30 seconds after each refusal and stops growing at 6 hours', () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(0)).toBe(30);
    expect(retryDelaySeconds(20)).toBe(6 * 3600);
  });
});
