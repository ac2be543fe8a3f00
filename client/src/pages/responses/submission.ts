import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Question } from '../../api/questions.ts';
import { ApiError } from '../../api/http.ts';
import { RetryLaterError } from '../../api/responses.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { announce } from '../../app/navigation.ts';
import { activeScenarios, mapResponseIssues, validateResponse, type ResponseValue } from '../../data/response-model.ts';
import { t } from '../../i18n/i18n.ts';

/**
 * Sending a response, shared by the respond and the edit page (issue 9 item 4): the checks before
 * sending, the wait that a 429/503 asks for (a countdown, then the same request again — with the
 * same Idempotency-Key, which the page's `send` closes over), and the server's answer mapped onto
 * the form's fields. What a failure means beyond that (closed, key reused, offline) is the page's.
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
  private _cancelWait: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: { maxRetries?: number } = {},
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this._cancelWait?.();
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
