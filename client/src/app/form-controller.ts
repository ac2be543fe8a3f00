import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { errorDetail, errorMessage } from '../components/alerts.ts';
import { textField, type TextFieldOpts } from '../components/fields.ts';
import { errorSummary } from '../components/sr-error-summary.ts';
import { isValidationError, mapIssues, orderErrors, type FieldErrors, type FieldMap } from './form-errors.ts';

/**
 * The state every form with an error summary keeps (issue 9): its field errors, the messages that
 * belong to no field, and whether a submission is under way. `submit` runs the one skeleton they
 * share: nothing while a submission is under way, the checks first (any error stops it and the
 * summary takes focus), then the request with the form busy, its failure shown.
 */
export class FormController implements ReactiveController {
  private _errors: FieldErrors = new Map();
  private _general: unknown[] = [];
  private _busy = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Field id → message, in the order the fields appear. */
  get errors(): FieldErrors {
    return this._errors;
  }
  set errors(errors: FieldErrors) {
    this._errors = errors;
    this.host.requestUpdate();
  }

  /** Messages that belong to no field. */
  get general(): unknown[] {
    return this._general;
  }
  set general(general: unknown[]) {
    this._general = general;
    this.host.requestUpdate();
  }

  get busy(): boolean {
    return this._busy;
  }

  /**
   * Clears the general messages, runs `validate` (its errors stop the submission), then `send`
   * with the form busy; a failure goes to `onError`, by default as a general message.
   */
  async submit(
    validate: () => FieldErrors,
    send: () => Promise<void>,
    onError: (err: unknown) => void = (err) => (this.general = [errorMessage(err)]),
  ): Promise<void> {
    if (this._busy) return;
    this.general = [];
    this.errors = validate();
    if (this._errors.size) return;
    this._busy = true;
    this.host.requestUpdate();
    try {
      await send();
    } catch (err) {
      onError(err);
    } finally {
      this._busy = false;
      this.host.requestUpdate();
    }
  }

  /**
   * A failed save of a resource: a 400's issues on the fields `fields` names (in the form's order;
   * issues that fit none as one general message), any other error with the server's reason.
   */
  showFailure(err: unknown, fields: FieldMap): void {
    if (isValidationError(err)) {
      const { errors, unmatched } = mapIssues(err, fields);
      this.errors = orderErrors(
        errors,
        Object.values(fields).map((f) => f.id),
      );
      if (unmatched) this.general = [errorMessage(err)];
    } else {
      this.general = [html`${errorMessage(err)}${errorDetail(err)}`];
    }
  }

  /** The error summary, which takes focus when its errors change. */
  summary(): TemplateResult {
    return errorSummary(this);
  }

  /** A text field with its error from this form. */
  text(o: Omit<TextFieldOpts, 'error'>): TemplateResult {
    return textField({ ...o, error: this._errors.get(o.id) });
  }
}
