import { html, type ReactiveElement, type TemplateResult } from 'lit';
import type { FormController } from '../../app/form-controller.ts';
import { selectField } from '../../components/fields.ts';
import { t } from '../../i18n/i18n.ts';

// What the register, forgot-password and reset-password pages share (issue 9).

/** After the page has rendered its new state (sent, done), its heading takes focus. */
export async function focusHeading(page: ReactiveElement): Promise<void> {
  await page.updateComplete;
  page.querySelector<HTMLElement>('h1')?.focus();
}

/** The e-mail address a participant signs in with. */
export const emailField = (form: FormController, id: string, value: string, onInput: (v: string) => void) =>
  form.text({ id, label: t('register.email'), type: 'email', autocomplete: 'email', required: true, value, onInput });

/** The name a participant is shown by (register, profile). */
export const displayNameField = (form: FormController, id: string, value: string, onInput: (v: string) => void) =>
  form.text({
    id,
    label: t('register.displayName'),
    hint: t('register.displayNameHint'),
    autocomplete: 'name',
    required: true,
    maxlength: 200,
    value,
    onInput,
  });

/** The language of a participant's mails and pages (register, profile). */
export const localeField = (o: { id: string; hint?: string; value: 'da' | 'en'; onChange: (v: 'da' | 'en') => void }) =>
  selectField({
    id: o.id,
    label: t('register.locale'),
    ...(o.hint ? { hint: o.hint } : {}),
    value: o.value,
    options: [
      { value: 'da', label: t('common.languageDa') },
      { value: 'en', label: t('common.languageEn') },
    ],
    onChange: (v) => o.onChange(v === 'en' ? 'en' : 'da'),
  });

/**
 * A new password, typed twice: fields `${id}` and `${id}2` (`checkNewPassword` checks them).
 */
export const newPasswordFields = (
  form: FormController,
  o: {
    id: string;
    label: string;
    password: string;
    password2: string;
    onPassword: (v: string) => void;
    onPassword2: (v: string) => void;
  },
): TemplateResult =>
  html`${form.text({
    id: o.id,
    label: o.label,
    hint: t('register.passwordHint'),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    value: o.password,
    onInput: o.onPassword,
  })}
  ${form.text({
    id: `${o.id}2`,
    label: t('register.password2'),
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    value: o.password2,
    onInput: o.onPassword2,
  })}`;

/** Adds to `errors` what is wrong with a new password: under 12 characters, or not the same twice. */
export function checkNewPassword(errors: Map<string, string>, id: string, password: string, password2: string): void {
  if (password.length < 12) errors.set(id, t('errors.passwordLength'));
  if (password2 !== password) errors.set(`${id}2`, t('register.passwordMismatch'));
}
