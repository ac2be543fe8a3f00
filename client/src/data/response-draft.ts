import { newIdempotencyKey } from './idempotency.ts';
import { emptyResponse, type ResponseValue } from './response-model.ts';

/**
 * A form's draft in localStorage: what was typed and the uploaded attachments. The respond page
 * keeps one per consultation with the submission's Idempotency-Key (so a retry after a reload is
 * still the same submission); the edit page keeps one per response with the version it was made
 * on, and no key ('') — never the edit token. Cleared only after the server has acknowledged it.
 */
export type StoredDraft = { v: 1; value: ResponseValue; idempotencyKey: string; savedAt: string; version?: number };

const PREFIX = 'samraad.responseDraft.';
export const draftKey = (consultationId: string) => `${PREFIX}${consultationId}`;
/** The edit page's draft: keyed by the response's id (the edit token is a credential and stays out of storage). */
export const editDraftKey = (responseId: string) => `samraad.editDraft.${responseId}`;

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The draft under a storage key (draftKey or editDraftKey), or null when there is none or it is unreadable. */
export function loadStoredDraft(storageKey: string): StoredDraft | null {
  const raw = storage()?.getItem(storageKey);
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Partial<StoredDraft>;
    if (d.v !== 1 || !d.value || typeof d.idempotencyKey !== 'string') return null;
    return {
      v: 1,
      value: {
        ...emptyResponse(),
        ...d.value,
        answers: { ...d.value.answers },
        attachments: d.value.attachments ?? [],
      },
      idempotencyKey: d.idempotencyKey,
      savedAt: typeof d.savedAt === 'string' ? d.savedAt : new Date().toISOString(),
      ...(typeof d.version === 'number' ? { version: d.version } : {}),
    };
  } catch {
    return null;
  }
}

/** Saves; false when the browser refuses (storage full or blocked). */
export function saveStoredDraft(
  storageKey: string,
  value: ResponseValue,
  idempotencyKey: string,
  version?: number,
): boolean {
  const s = storage();
  if (!s) return false;
  try {
    const d: StoredDraft = {
      v: 1,
      value,
      idempotencyKey,
      savedAt: new Date().toISOString(),
      ...(version !== undefined ? { version } : {}),
    };
    s.setItem(storageKey, JSON.stringify(d));
    return true;
  } catch {
    return false;
  }
}

export function clearStoredDraft(storageKey: string): void {
  try {
    storage()?.removeItem(storageKey);
  } catch {
    // Nothing to clear when storage is blocked.
  }
}

export const loadDraft = (consultationId: string) => loadStoredDraft(draftKey(consultationId));
export const saveDraft = (consultationId: string, value: ResponseValue, idempotencyKey: string) =>
  saveStoredDraft(draftKey(consultationId), value, idempotencyKey);
export const clearDraft = (consultationId: string) => clearStoredDraft(draftKey(consultationId));

export function isEmptyValue(v: ResponseValue): boolean {
  const e = emptyResponse();
  return (
    v.name === e.name &&
    v.email === e.email &&
    v.actingAs === e.actingAs &&
    v.organisationName === e.organisationName &&
    v.cvr === e.cvr &&
    v.consent === e.consent &&
    v.body.trim() === '' &&
    Object.keys(v.answers).length === 0 &&
    v.attachments.length === 0
  );
}

export const freshKey = newIdempotencyKey;

/** The receipt handed from the form to the receipt page (sessionStorage: not in the URL, not kept). */
export type ReceiptHandoff = {
  receiptCode: string;
  fingerprint: string;
  editToken: string | null;
  submittedAt: string;
  consultationSlug: string;
  consultationTitle: { da: string; en: string };
  email: string;
};
const RECEIPT_KEY = 'samraad.receipt';

export function storeReceipt(r: ReceiptHandoff): void {
  try {
    sessionStorage.setItem(RECEIPT_KEY, JSON.stringify(r));
  } catch {
    // Kept in memory below.
  }
  memoryReceipt = r;
}
let memoryReceipt: ReceiptHandoff | null = null;
export function readReceipt(): ReceiptHandoff | null {
  try {
    const raw = sessionStorage.getItem(RECEIPT_KEY);
    if (raw) return JSON.parse(raw) as ReceiptHandoff;
  } catch {
    // Fall back to memory.
  }
  return memoryReceipt;
}

export const editLink = (token: string, origin = location.origin) =>
  `${origin}/responses/edit#token=${encodeURIComponent(token)}`;
