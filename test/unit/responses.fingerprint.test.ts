import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalSubmission } from '../../server/modules/responses/fingerprint.rules.ts';
import { fingerprintOf } from '../../server/modules/responses/responses.crypto.ts';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('canonical JSON (RFC 8785 for our values)', () => {
  it('sorts keys at every level, drops undefined, adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}',
    );
  });

  it('escapes strings as JSON.stringify does and keeps non-ASCII as UTF-8', () => {
    expect(canonicalJson('æøå "citat" \\ \n \u0001')).toBe('"æøå \\"citat\\" \\\\ \\n \\u0001"');
  });

  it('sorts keys by UTF-16 code units (upper case before lower case, Å after z)', () => {
    expect(canonicalJson({ b: 1, B: 2, å: 3, z: 4 })).toBe('{"B":2,"b":1,"z":4,"å":3}');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});

describe('the receipt fingerprint', () => {
  const input = {
    respondent: { name: 'Karen Jensen', email: 'karen@example.dk', actingAs: 'citizen' },
    consent: 'public_named',
    body: 'Et digitalt ID for alle.',
    answers: [
      { questionId: 'b0000000-0000-4000-8000-000000000000', value: ['bank', 'tax'] },
      { questionId: 'a0000000-0000-4000-8000-000000000000', value: 4 },
    ],
    attachmentSha256s: ['ff'.repeat(32), '00'.repeat(32)],
  };

  it('is the SHA-256 of a documented canonical form, which a respondent can recompute', () => {
    const canonical =
      '{"answers":[{"questionId":"a0000000-0000-4000-8000-000000000000","value":4},' +
      '{"questionId":"b0000000-0000-4000-8000-000000000000","value":["bank","tax"]}],' +
      `"attachments":["${'00'.repeat(32)}","${'ff'.repeat(32)}"],` +
      '"body":"Et digitalt ID for alle.","consent":"public_named",' +
      '"respondent":{"actingAs":"citizen","cvr":null,"email":"karen@example.dk","name":"Karen Jensen","organisationName":null}}';
    const s = canonicalSubmission(input);
    expect(canonicalJson(s)).toBe(canonical);
    expect(fingerprintOf(s)).toBe(sha256(canonical));
    expect(fingerprintOf(s)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the order of answers or attachments', () => {
    const reordered = {
      ...input,
      answers: [...input.answers].reverse(),
      attachmentSha256s: [...input.attachmentSha256s].reverse(),
    };
    expect(fingerprintOf(canonicalSubmission(reordered))).toBe(fingerprintOf(canonicalSubmission(input)));
  });

  it('changes with any submitted detail: text, consent, an answer, a file, the e-mail', () => {
    const base = fingerprintOf(canonicalSubmission(input));
    const variants = [
      { ...input, body: 'Et digitalt ID for alle!' },
      { ...input, consent: 'public_anonymous' },
      { ...input, answers: [{ ...input.answers[0]!, value: ['bank'] }, input.answers[1]!] },
      { ...input, attachmentSha256s: ['00'.repeat(32)] },
      { ...input, respondent: { ...input.respondent, email: 'Karen@example.dk' } },
    ];
    for (const v of variants) expect(fingerprintOf(canonicalSubmission(v))).not.toBe(base);
  });
});
