import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../api/http.ts';
import { t, tDynamic } from '../i18n/i18n.ts';
import { icon } from './icons.ts';

export type AlertVariant = 'info' | 'success' | 'warning' | 'error';

/** Det Fælles Designsystem's alert; errors and warnings are announced (role="alert"). */
export function alert(
  variant: AlertVariant,
  content: unknown,
  opts: { heading?: string; id?: string; live?: boolean } = {},
): TemplateResult {
  const role = opts.live === false ? nothing : variant === 'error' || variant === 'warning' ? 'alert' : 'status';
  return html`<div class="alert alert-${variant}" role=${role} id=${opts.id ?? nothing}>
    ${icon(variant, 'alert-icon')}
    <div class="alert-body">
      ${opts.heading ? html`<p class="alert-heading">${opts.heading}</p>` : nothing}
      <div class="alert-text">${content}</div>
    </div>
  </div>`;
}

/** A translated message for any error; an API error's own code picks the text. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const reason = err.details?.['reason'];
    const byCode = tDynamic(`errors.code.${err.code}`, t('errors.generic'));
    return typeof reason === 'string' ? tDynamic(`errors.reason.${reason}`, byCode) : byCode;
  }
  return t('errors.generic');
}

/**
 * The server explains broken rules (422) in English only; show that explanation, marked as
 * English, under the translated message, so the reason (e.g. "Set a closing time before opening")
 * is not lost.
 */
export function errorDetail(err: unknown): TemplateResult | typeof nothing {
  if (err instanceof ApiError && (err.status === 422 || err.code === 'ILLEGAL_TRANSITION') && err.message) {
    return html`<br />${t('errors.serverSaid')} <span lang="en">${err.message}</span>`;
  }
  return nothing;
}

export const errorAlert = (err: unknown, opts: { id?: string } = {}) =>
  alert('error', html`${errorMessage(err)}${errorDetail(err)}`, opts);

export const loading = () =>
  html`<div class="sr-loading" role="status">
    <span class="spinner" aria-hidden="true"></span><span class="spinner-status">${t('common.loading')}</span>
  </div>`;
