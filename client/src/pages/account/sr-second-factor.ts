import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import {
  confirmSecondFactor,
  disableSecondFactor,
  getSecondFactor,
  startSecondFactor,
} from '../../api/second-factor.ts';
import { FormController } from '../../app/form-controller.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderSection } from '../../app/page-state.ts';
import { alert } from '../../components/alerts.ts';
import { submitButton, textField } from '../../components/fields.ts';
import { t } from '../../i18n/i18n.ts';

/**
 * The profile's "Two-step sign-in" section (issue 15 item 3): turn a second factor (an authenticator
 * app, TOTP) on with a code from the app, see the ten recovery codes once, turn it off with a code.
 */
@customElement('sr-second-factor')
export class SrSecondFactor extends SrLightElement {
  @state() private _enrolment: { secret: string; uri: string } | null = null;
  @state() private _recoveryCodes: string[] | null = null;
  @state() private _code = '';
  private readonly _form = new FormController(this);
  private readonly _task = new Task(this, {
    task: async (_args, { signal }) => getSecondFactor(signal),
    args: () => [] as const,
  });

  private _codeRequired() {
    return this._code.trim() ? new Map() : new Map([['second-factor-code', t('secondFactor.codeRequired')]]);
  }

  private async _start(): Promise<void> {
    await this._form.submit(
      () => new Map(),
      async () => {
        this._enrolment = await startSecondFactor();
        this._recoveryCodes = null;
        this._code = '';
      },
    );
  }

  private async _confirm(e: Event): Promise<void> {
    e.preventDefault();
    await this._form.submit(
      () => this._codeRequired(),
      async () => {
        const { recoveryCodes } = await confirmSecondFactor(this._code.trim());
        this._recoveryCodes = recoveryCodes;
        this._enrolment = null;
        this._code = '';
        announce(t('secondFactor.on'));
        void this._task.run();
      },
    );
  }

  private async _disable(e: Event): Promise<void> {
    e.preventDefault();
    await this._form.submit(
      () => this._codeRequired(),
      async () => {
        await disableSecondFactor(this._code.trim());
        this._code = '';
        this._recoveryCodes = null;
        announce(t('secondFactor.off'));
        void this._task.run();
      },
    );
  }

  private _codeField(hint: string) {
    return textField({
      id: 'second-factor-code',
      label: t('secondFactor.code'),
      hint,
      autocomplete: 'one-time-code',
      inputmode: 'text',
      width: 's',
      maxlength: 20,
      required: true,
      value: this._code,
      error: this._form.errors.get('second-factor-code'),
      onInput: (v) => (this._code = v),
    });
  }

  protected override render() {
    return html`<section class="sr-section" aria-labelledby="second-factor-heading">
      <h2 id="second-factor-heading">${t('secondFactor.heading')}</h2>
      ${this._form.summary()}
      ${
        this._recoveryCodes
          ? html`${alert('success', t('secondFactor.recoveryIntro'), { id: 'second-factor-saved' })}
              <ul class="sr-recovery-codes" id="second-factor-recovery">
                ${this._recoveryCodes.map((c) => html`<li><code>${c}</code></li>`)}
              </ul>`
          : nothing
      }
      ${renderSection(this._task, (s) => {
        if (s.enabled)
          return html`<p id="second-factor-status">${t('secondFactor.isOn', { left: s.recoveryCodesLeft })}</p>
            <form id="second-factor-disable" class="sr-form" novalidate @submit=${(e: Event) => void this._disable(e)}>
              ${this._codeField(t('secondFactor.disableHint'))}
              ${submitButton('second-factor-disable-submit', t('secondFactor.disable'), this._form.busy)}
            </form>`;
        if (this._enrolment)
          return html`<ol class="sr-steps">
              <li>${t('secondFactor.step1')}</li>
              <li>
                ${t('secondFactor.step2')}
                ${textField({
                  id: 'second-factor-secret',
                  label: t('secondFactor.secret'),
                  readonly: true,
                  value: this._enrolment.secret,
                  onInput: () => undefined,
                })}
                ${textField({
                  id: 'second-factor-uri',
                  label: t('secondFactor.uri'),
                  readonly: true,
                  value: this._enrolment.uri,
                  onInput: () => undefined,
                })}
              </li>
              <li>${t('secondFactor.step3')}</li>
            </ol>
            <form id="second-factor-confirm" class="sr-form" novalidate @submit=${(e: Event) => void this._confirm(e)}>
              ${this._codeField(t('secondFactor.codeHint'))}
              ${submitButton('second-factor-confirm-submit', t('secondFactor.confirm'), this._form.busy)}
            </form>`;
        return html`<p id="second-factor-status">${t('secondFactor.isOff')}</p>
          <button
            type="button"
            class="button button-secondary"
            id="second-factor-start"
            ?disabled=${this._form.busy}
            @click=${() => void this._start()}
          >
            ${t('secondFactor.start')}
          </button>`;
      })}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-second-factor': SrSecondFactor;
  }
}
