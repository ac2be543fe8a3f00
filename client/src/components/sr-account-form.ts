import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.ts';
import { ROLES, type Account, type Role, type UpdateAccountInput } from '../api/types.ts';
import { isValidationError, mapIssues, orderErrors, type FieldErrors, type FieldMap } from '../app/form-errors.ts';
import { SrLightElement } from '../app/light-element.ts';
import { t } from '../i18n/i18n.ts';
import type { AccountOps } from './account-ops.ts';
import { errorDetail, errorMessage } from './alerts.ts';
import { checkbox, checkboxGroup, selectField, textField } from './fields.ts';
import './sr-error-summary.ts';

type Draft = { email: string; name: string; password: string; roles: Role[]; locale: 'da' | 'en'; disabled: boolean };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class SrAccountSavedEvent extends Event {
  static readonly eventName = 'sr-account-saved';
  constructor(
    readonly account: Account,
    readonly created: boolean,
  ) {
    super(SrAccountSavedEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * Creates an account (no `account`; field ids `af-…`) or edits one (`account`; ids `ae-…`):
 * name, roles (one or more), language, disabled, and a new password.
 *
 * @fires sr-account-saved - with the account as saved
 * @fires sr-account-cancel - when editing is cancelled
 */
@customElement('sr-account-form')
export class SrAccountForm extends SrLightElement {
  @property({ attribute: false }) account: Account | undefined;
  /** The saves, passed in by the page. */
  @property({ attribute: false }) ops!: AccountOps;
  @state() private _draft: Draft = {
    email: '',
    name: '',
    password: '',
    roles: ['participant'],
    locale: 'da',
    disabled: false,
  };
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: (string | TemplateResult)[] = [];
  @state() private _busy = false;

  private get _p(): string {
    return this.account ? 'ae' : 'af';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('account')) {
      const a = this.account;
      this._draft = a
        ? {
            email: a.email,
            name: a.displayName,
            password: '',
            roles: [...a.roles],
            locale: a.locale,
            disabled: a.disabled,
          }
        : { email: '', name: '', password: '', roles: ['participant'], locale: 'da', disabled: false };
      this._errors = new Map();
      this._general = [];
    }
  }

  /** Resets the create form after a successful create. */
  reset(): void {
    this._draft = { email: '', name: '', password: '', roles: ['participant'], locale: 'da', disabled: false };
  }

  private _set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this._draft = { ...this._draft, [key]: value };
  }

  private _fields(): FieldMap {
    const p = this._p;
    return {
      '/email': { id: `${p}-email`, label: () => t('accounts.email') },
      '/displayName': { id: `${p}-name`, label: () => t('accounts.displayName') },
      '/password': {
        id: `${p}-password`,
        label: () => (this.account ? t('accounts.newPassword') : t('accounts.password')),
      },
      '/roles': { id: `${p}-roles`, label: () => t('accounts.roles') },
      '/locale': { id: `${p}-locale`, label: () => t('accounts.locale') },
    };
  }

  private _validate(d: Draft): FieldErrors {
    const p = this._p;
    const e: FieldErrors = new Map();
    if (!this.account) {
      if (!d.email.trim()) e.set(`${p}-email`, t('errors.required', { field: t('accounts.email') }));
      else if (!EMAIL.test(d.email.trim())) e.set(`${p}-email`, t('errors.emailFormat'));
    }
    if (!d.name.trim()) e.set(`${p}-name`, t('errors.required', { field: t('accounts.displayName') }));
    if (!this.account && !d.password) e.set(`${p}-password`, t('errors.required', { field: t('accounts.password') }));
    else if (d.password && d.password.length < 12) e.set(`${p}-password`, t('errors.passwordLength'));
    if (!d.roles.length) e.set(`${p}-roles`, t('errors.roleRequired'));
    return e;
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const d = this._draft;
    this._general = [];
    this._errors = this._validate(d);
    if (this._errors.size) return;
    this._busy = true;
    try {
      const a = this.account;
      if (a) {
        const body: UpdateAccountInput = {
          displayName: d.name.trim(),
          roles: d.roles,
          locale: d.locale,
          disabled: d.disabled,
        };
        if (d.password) body.password = d.password;
        this.dispatchEvent(new SrAccountSavedEvent(await this.ops.update(a.id, body), false));
      } else {
        const created = await this.ops.create({
          email: d.email.trim(),
          displayName: d.name.trim(),
          password: d.password,
          roles: d.roles,
          locale: d.locale,
        });
        this.dispatchEvent(new SrAccountSavedEvent(created, true));
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'EMAIL_TAKEN')
        this._errors = new Map([[`${this._p}-email`, errorMessage(err)]]);
      else if (isValidationError(err)) {
        const { errors, unmatched } = mapIssues(err, this._fields());
        this._errors = orderErrors(
          errors,
          Object.values(this._fields()).map((f) => f.id),
        );
        if (unmatched) this._general = [errorMessage(err)];
      } else this._general = [html`${errorMessage(err)}${errorDetail(err)}`];
    } finally {
      this._busy = false;
    }
  }

  protected override render() {
    const p = this._p;
    const d = this._draft;
    const a = this.account;
    const err = (id: string) => this._errors.get(`${p}-${id}`);
    return html`<sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
      <form
        id=${a ? 'account-edit-form' : 'account-form'}
        class="sr-form"
        novalidate
        @submit=${(e: Event) => void this._onSubmit(e)}
      >
        ${
          a
            ? nothing
            : textField({
                id: `${p}-email`,
                label: t('accounts.email'),
                type: 'email',
                autocomplete: 'off',
                required: true,
                value: d.email,
                error: err('email'),
                onInput: (v) => this._set('email', v),
              })
        }
        ${textField({ id: `${p}-name`, label: t('accounts.displayName'), autocomplete: 'off', required: true, value: d.name, error: err('name'), onInput: (v) => this._set('name', v) })}
        ${textField({
          id: `${p}-password`,
          label: a ? t('accounts.newPassword') : t('accounts.password'),
          hint: a ? t('accounts.newPasswordHint') : t('accounts.passwordHint'),
          type: 'password',
          autocomplete: 'new-password',
          required: !a,
          optional: !!a,
          value: d.password,
          error: err('password'),
          onInput: (v) => this._set('password', v),
        })}
        ${checkboxGroup({
          id: `${p}-roles`,
          legend: t('accounts.roles'),
          options: ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })),
          selected: d.roles,
          error: err('roles'),
          onToggle: (r, on) =>
            this._set('roles', on ? [...new Set([...d.roles, r as Role])] : d.roles.filter((x) => x !== r)),
        })}
        ${selectField({
          id: `${p}-locale`,
          label: t('accounts.locale'),
          value: d.locale,
          options: [
            { value: 'da', label: t('lang.nameDa') },
            { value: 'en', label: t('lang.nameEn') },
          ],
          onChange: (v) => this._set('locale', v === 'en' ? 'en' : 'da'),
        })}
        ${a ? checkbox({ id: `${p}-disabled`, label: t('accounts.disabled'), checked: d.disabled, onChange: (v) => this._set('disabled', v) }) : nothing}
        <div class="sr-actions">
          <button type="submit" class="button button-primary" id="${p}-submit" ?disabled=${this._busy}>
            ${a ? t('accounts.save') : t('accounts.create')}
          </button>
          ${
            a
              ? html`<button
                  type="button"
                  class="button button-secondary"
                  id="${p}-cancel"
                  @click=${() => this.dispatchEvent(new Event('sr-account-cancel', { bubbles: true }))}
                >
                  ${t('common.cancel')}
                </button>`
              : nothing
          }
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-account-form': SrAccountForm;
  }
}
