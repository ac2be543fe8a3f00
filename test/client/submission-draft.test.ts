import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { draftKey, editDraftKey, loadStoredDraft } from '../../client/src/data/response-draft.ts';
import { emptyResponse } from '../../client/src/data/response-model.ts';
import { SAVE_DELAY_MS, SubmissionController } from '../../client/src/pages/responses/submission.ts';

/** Issue 9 item 4: the autosave and the Idempotency-Key that the respond and the edit page share. */

function host(): ReactiveControllerHost & { controllers: ReactiveController[] } {
  const controllers: ReactiveController[] = [];
  return {
    controllers,
    addController: (c) => void controllers.push(c),
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  };
}

const typed = (body: string) => ({ ...emptyResponse(), name: 'A', body });
const SUBMIT = { storageKey: draftKey('c-1'), idempotent: true };
const EDIT = { storageKey: editDraftKey('r-1'), idempotent: false, version: 2 };

describe('submission controller: the draft', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.useRealTimers());

  it('autosaves after a pause in typing, and restores the value with the same Idempotency-Key', () => {
    vi.useFakeTimers();
    const s = new SubmissionController(host());
    expect(s.restoreDraft(SUBMIT)).toBeNull();
    const key = s.idempotencyKey;
    expect(key).not.toBe('');
    s.autosave(typed('first'));
    s.autosave(typed('second'));
    vi.advanceTimersByTime(SAVE_DELAY_MS - 1);
    expect(loadStoredDraft(SUBMIT.storageKey)).toBeNull();
    vi.advanceTimersByTime(1);
    expect(loadStoredDraft(SUBMIT.storageKey)?.value.body).toBe('second');

    const reloaded = new SubmissionController(host());
    expect(reloaded.restoreDraft(SUBMIT)?.value.body).toBe('second');
    expect(reloaded.idempotencyKey).toBe(key);
  });

  it('saves what is waiting when the page is hidden or left', () => {
    const h = host();
    const s = new SubmissionController(h);
    s.restoreDraft(SUBMIT);
    h.controllers.forEach((c) => c.hostConnected?.());
    s.autosave(typed('typed'));
    window.dispatchEvent(new Event('pagehide'));
    expect(loadStoredDraft(SUBMIT.storageKey)?.value.body).toBe('typed');
    s.autosave(typed('more'));
    h.controllers.forEach((c) => c.hostDisconnected?.());
    expect(loadStoredDraft(SUBMIT.storageKey)?.value.body).toBe('more');
  });

  it('clears the draft (and a pending save) once acknowledged; the next submission gets a new key', () => {
    vi.useFakeTimers();
    const s = new SubmissionController(host());
    s.restoreDraft(SUBMIT);
    const key = s.idempotencyKey;
    s.saveDraft(typed('sent'));
    s.autosave(typed('late'));
    s.clearDraft();
    vi.advanceTimersByTime(SAVE_DELAY_MS * 2);
    expect(loadStoredDraft(SUBMIT.storageKey)).toBeNull();
    expect(s.idempotencyKey).not.toBe(key);
  });

  it('renews the key for the same draft when the server says it was used', () => {
    const s = new SubmissionController(host());
    s.restoreDraft(SUBMIT);
    const key = s.idempotencyKey;
    s.renewKey(typed('same'));
    const d = loadStoredDraft(SUBMIT.storageKey)!;
    expect(d.idempotencyKey).toBe(s.idempotencyKey);
    expect(d.idempotencyKey).not.toBe(key);
  });

  it('keeps an edit draft with its version and no key, and drops one made on another version', () => {
    const s = new SubmissionController(host());
    expect(s.restoreDraft(EDIT)).toBeNull();
    expect(s.idempotencyKey).toBe('');
    s.saveDraft(typed('edited'));
    const d = loadStoredDraft(EDIT.storageKey)!;
    expect(d).toMatchObject({ idempotencyKey: '', version: 2 });
    expect(new SubmissionController(host()).restoreDraft(EDIT)?.value.body).toBe('edited');
    // Saved meanwhile (version 3): the draft was either that save or is out of date.
    expect(new SubmissionController(host()).restoreDraft({ ...EDIT, version: 3 })).toBeNull();
    expect(loadStoredDraft(EDIT.storageKey)).toBeNull();
  });

  it('reports a browser that refuses to store the draft', () => {
    const s = new SubmissionController(host());
    s.restoreDraft(SUBMIT);
    const spy = vi.spyOn(localStorage, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    s.saveDraft(typed('x'));
    expect(s.saveFailed).toBe(true);
    spy.mockRestore();
    s.saveDraft(typed('x'));
    expect(s.saveFailed).toBe(false);
  });
});
