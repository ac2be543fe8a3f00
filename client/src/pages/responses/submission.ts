import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Question } from '../../api/questions.ts';
import { ApiError } from '../../api/http.ts';
import { RetryLaterError } from '../../api/responses.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { announce } from '../../app/navigation.ts';
import { newIdempotencyKey } from '../../data/idempotency.ts';
import { clearStoredDraft, loadStoredDraft, saveStoredDraft, type StoredDraft } from '../../data/response-draft.ts';
import { activeScenarios, mapResponseIssues, validateResponse, type ResponseValue } from '../../data/response-model.ts';
import { t } from '../../i18n/i18n.ts';

/** Autosave delay after the last keystroke. */
export const SAVE_DELAY_MS = 600;

/** Where a page keeps its draft: a storage key, and whether its request takes an Idempotency-Key. */
export type DraftSlot = {
  storageKey: string;
  /** A submission (POST) is made idempotent by a key kept with the draft; an edit (PUT) takes none. */
  idempotent: boolean;
  /** The version of the response the draft edits: a draft made on another version is dropped. */
  version?: number;
};

/**
 * Sending a response, shared by the respond and the edit page (issue 9 item 4): the draft autosaved
 * in this browser (restored after a reload, cleared once the server has acknowledged it), the
 * Idempotency-Key kept with it, the checks before sending, the wait that a 429/503 asks for (a
 * countdown, then the same request again — with the same key, which the page's `send` reads from
 * `idempotencyKey`), and the server's answer mapped onto the form's fields. What a failure means
 * beyond that (closed, key reused, offline) is the page's.
 */
export class SubmissionController implements ReactiveController {
  /** A request is under way, or waiting to be tried again. */
  busy = false;
  /** Seconds until the next try after Retry-After (0 when not waiting). */
  retryIn = 0;
  errors: FieldErrors = new Map();
  /** Messages that belong to no field (shown in the error summary). */
  general: unknown[] = [];
  /** The last failure that is not a field error (the page decides how to show it). */
  failure: unknown = null;
  /** The Idempotency-Key of this submission ('' when the slot's request takes none). */
  idempotencyKey = '';
  /** The browser refused to store the draft (storage full or blocked). */
  saveFailed = false;
  private _cancelWait: (() => void) | null = null;
  private _slot: DraftSlot | null = null;
  /** The value typed since the last save, waiting for the autosave timer. */
  private _pending: ResponseValue | null = null;
  private _saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: { maxRetries?: number } = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    globalThis.addEventListener?.('pagehide', this._flush);
  }

  hostDisconnected(): void {
    this._cancelWait?.();
    this._flush();
    globalThis.removeEventListener?.('pagehide', this._flush);
  }

  /**
   * Points the draft at `slot` and returns what it holds (null when nothing, or when it was made on
   * another version of the response — the save it led to went through, or the response changed
   * elsewhere; the draft is then dropped). Takes the stored Idempotency-Key, else makes a fresh one.
   */
  restoreDraft(slot: DraftSlot): StoredDraft | null {
    this._cancelSave();
    this._slot = slot;
    let draft = loadStoredDraft(slot.storageKey);
    if (draft && slot.version !== undefined && draft.version !== slot.version) {
      clearStoredDraft(slot.storageKey);
      draft = null;
    }
    this.idempotencyKey = slot.idempotent ? draft?.idempotencyKey || newIdempotencyKey() : '';
    return draft;
  }

  /** Saves `value` after a pause in typing (or at once on `flushDraft`, page hide or disconnect). */
  autosave(value: ResponseValue): void {
    this._pending = value;
    clearTimeout(this._saveTimer);
    this._saveTimer = setTimeout(this._flush, SAVE_DELAY_MS);
  }

  /** Saves what is waiting for the autosave timer now. */
  flushDraft(): void {
    this._flush();
  }

  /** Saves `value` now (before sending, so a reload mid-request finds the same key). */
  saveDraft(value: ResponseValue): void {
    this._cancelSave();
    if (!this._slot) return;
    const { storageKey, version } = this._slot;
    this.saveFailed = !saveStoredDraft(storageKey, value, this.idempotencyKey, version);
    this.host.requestUpdate();
  }

  /** Forgets the draft (acknowledged by the server, withdrawn, or discarded); a next submission gets a new key. */
  clearDraft(): void {
    this._cancelSave();
    if (!this._slot) return;
    clearStoredDraft(this._slot.storageKey);
    if (this._slot.idempotent) this.idempotencyKey = newIdempotencyKey();
  }

  /** A new Idempotency-Key for the same draft (the server said the old one was used for other content). */
  renewKey(value: ResponseValue): void {
    if (!this._slot?.idempotent) return;
    this.idempotencyKey = newIdempotencyKey();
    this.saveDraft(value);
  }

  private readonly _flush = () => {
    const value = this._pending;
    if (value) this.saveDraft(value);
  };

  private _cancelSave(): void {
    clearTimeout(this._saveTimer);
    this._saveTimer = undefined;
    this._pending = null;
  }

  /** Clears the errors and the failure (a new attempt, or the form was reset). */
  reset(): void {
    this.errors = new Map();
    this.general = [];
    this.failure = null;
    this.host.requestUpdate();
  }

  /** The checks the server makes; false (with the errors set) when the response may not be sent. */
  check(
    value: ResponseValue,
    questions: readonly Question[],
    scenarios: readonly { id: string; status: string }[],
    uploading: boolean,
  ): boolean {
    this.errors = validateResponse(
      value,
      questions,
      activeScenarios(scenarios).map((s) => s.id),
    );
    this.general = uploading ? [t('resp.err.uploading')] : [];
    this.failure = null;
    this.host.requestUpdate();
    return this.errors.size === 0 && this.general.length === 0;
  }

  /**
   * Sends through `send`, waiting out each Retry-After (up to `maxRetries` times); the result, or
   * null when it failed: then either field errors are set (a 400 with issues about `answered`) or
   * `failure` holds the error.
   */
  async submit<R>(send: () => Promise<R>, answered: readonly { questionId: string }[]): Promise<R | null> {
    if (this.busy) return null;
    this.busy = true;
    this.failure = null;
    this.host.requestUpdate();
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          return await send();
        } catch (err) {
          if (!(err instanceof RetryLaterError) || attempt >= (this.opts.maxRetries ?? Infinity)) throw err;
          if (!(await this._countdown(err.retryAfter))) return null;
        }
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.issues.length) {
        const { errors, unmatched } = mapResponseIssues(err, answered);
        this.errors = errors;
        this.general = unmatched && !errors.size ? [t('errors.code.VALIDATION_FAILED')] : [];
      } else {
        this.failure = err;
      }
      return null;
    } finally {
      this.busy = false;
      this.retryIn = 0;
      this.host.requestUpdate();
    }
  }

  /** Counts down `seconds` (announced once); false when the page went away meanwhile. */
  private _countdown(seconds: number): Promise<boolean> {
    this.retryIn = Math.max(1, seconds);
    announce(t('resp.retryWaiting', { seconds: this.retryIn }));
    this.host.requestUpdate();
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        this.retryIn--;
        this.host.requestUpdate();
        if (this.retryIn <= 0) {
          clearInterval(timer);
          this._cancelWait = null;
          resolve(true);
        }
      }, 1000);
      this._cancelWait = () => {
        clearInterval(timer);
        resolve(false);
      };
    });
  }
}
