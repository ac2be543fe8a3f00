/**
 * The receipt's fingerprint is the SHA-256 (hex) of the canonical JSON of exactly what was stored:
 *
 *   {"answers":[{"questionId":…,"value":…},…],   ← sorted by questionId; a multi-choice value's ids sorted
 *    "attachments":["<sha256 hex>",…],             ← the files' own SHA-256s, sorted
 *    "body":…,
 *    "consent":…,
 *    "respondent":{"actingAs":…,"cvr":…|null,"email":…|null,"name":…,"organisationName":…|null}}
 *
 * Canonical JSON is RFC 8785 (JCS) for these values: object keys sorted by UTF-16 code units, no
 * whitespace, strings escaped as JSON.stringify does, integers in decimal, UTF-8 bytes hashed.
 * Anyone holding their submission can recompute it, e.g. in a shell:
 *   printf '%s' '<canonical json>' | sha256sum
 * No I/O: the hashing itself is in responses.crypto.ts.
 */
export type CanonicalRespondent = {
  name: string;
  email: string | null;
  actingAs: string;
  organisationName: string | null;
  cvr: string | null;
};
export type CanonicalAnswer = { questionId: string; value: unknown };
export type CanonicalSubmission = {
  respondent: CanonicalRespondent;
  consent: string;
  body: string;
  answers: CanonicalAnswer[];
  attachments: string[];
};

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('Canonical JSON has no NaN or Infinity');
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      // Built by concatenation (no intermediate arrays): it runs twice per submission.
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
        return `${out}]`;
      }
      const obj = value as Record<string, unknown>;
      // The default sort compares UTF-16 code units, as JCS asks.
      const keys = Object.keys(obj).sort();
      let out = '{';
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) continue;
        out += `${out.length === 1 ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
      }
      return `${out}}`;
    }
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  throw new TypeError(`Canonical JSON cannot hold a ${typeof value}`);
}

const byQuestionId = (a: CanonicalAnswer, b: CanonicalAnswer) =>
  a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0;

/** The fingerprint's input: fields in a fixed set, absent optional fields as null, lists sorted. */
export function canonicalSubmission(v: {
  respondent: {
    name: string;
    email?: string | null;
    actingAs: string;
    organisationName?: string | null;
    cvr?: string | null;
  };
  consent: string;
  body: string;
  answers: readonly CanonicalAnswer[];
  attachmentSha256s: readonly string[];
}): CanonicalSubmission {
  return {
    respondent: {
      name: v.respondent.name,
      email: v.respondent.email ?? null,
      actingAs: v.respondent.actingAs,
      organisationName: v.respondent.organisationName ?? null,
      cvr: v.respondent.cvr ?? null,
    },
    consent: v.consent,
    body: v.body,
    answers: [...v.answers].sort(byQuestionId).map((a) => ({ questionId: a.questionId, value: a.value })),
    attachments: [...v.attachmentSha256s].sort(),
  };
}
