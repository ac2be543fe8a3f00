import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import {
  getResponseVerification,
  getOwnVerification,
  getProviders,
  keepTokenForVerification,
  startVerification,
  takeTokenAfterVerification,
  type Verification,
} from '../../api/identity.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { getLocale, t } from '../../i18n/i18n.ts';
import { identityErrorText, loaText } from './identity-errors.ts';

/**
 * On the back from a broker the edit page has no fragment: the edit token waited in this tab's
 * session storage (removed at once) and goes back into the fragment.
 */
export function tokenAfterVerification(): string {
  const q = new URLSearchParams(location.search);
  if (!q.has('verified') && !q.has('identity_error')) return '';
  const token = takeTokenAfterVerification();
  if (token)
    history.replaceState(null, '', `${location.pathname}${location.search}#token=${encodeURIComponent(token)}`);
  return token ?? '';
}

/** The line staff and the respondent see: "Verified with MitID (substantial)", with a business's CVR. */
export function verifiedBadge(v: Verification, id = 'verified-badge') {
  return html`<p class="sr-verified" id=${id}>
    <strong>${t('identity.verify.done', { level: loaText(v.loa) })}</strong>
    ${v.cvr && v.orgName ? html`<br />${t('identity.verify.org', { org: v.orgName, cvr: v.cvr })}` : nothing}
  </p>`;
}

/** `<sr-response-verify>`: the respondent verifies their response with MitID (issue 15). */
@customElement('sr-response-verify')
export class SrResponseVerify extends SrLightElement {
  @property() token = '';
  @state() private _failure: unknown = null;

  private readonly _task = new Task(this, {
    task: async ([token], { signal }) => {
      const [providers, own] = await Promise.all([getProviders(signal), getOwnVerification(token, signal)]);
      return { providers, own };
    },
    args: () => [this.token] as const,
  });

  private async _verify(provider: string): Promise<void> {
    try {
      const { url } = await startVerification({
        provider,
        token: this.token,
        returnTo: '/responses/edit',
        locale: getLocale(),
      });
      keepTokenForVerification(this.token);
      location.assign(url);
    } catch (err) {
      this._failure = err;
    }
  }

  protected override render() {
    const q = new URLSearchParams(location.search);
    return this._task.render({
      complete: ({ providers, own }) => {
        if (providers.brokers.length === 0 && !own.verification) return nothing;
        return html`<section class="sr-section" id="verify-section" aria-labelledby="verify-heading">
          <h2 id="verify-heading">${t('identity.verify.heading')}</h2>
          ${q.get('verified') && own.verification ? alert('success', t('identity.verify.justDone'), { id: 'verify-done' }) : nothing}
          ${identityErrorText(q.get('identity_error'), 'verify-error', own.minLoa)}
          ${this._failure ? errorAlert(this._failure) : nothing}
          ${
            own.verification
              ? verifiedBadge(own.verification)
              : html`<p>${t('identity.verify.intro')}</p>
                  ${own.minLoa ? html`<p id="verify-required">${t('identity.verify.required', { level: loaText(own.minLoa) })}</p>` : nothing}
                  <div class="sr-actions">
                    ${providers.brokers.map(
                      (b) =>
                        html`<button
                          type="button"
                          class="button button-primary"
                          id=${`verify-${b.id}`}
                          @click=${() => void this._verify(b.id)}
                        >
                          ${t('identity.verify.button', { label: b.label })}
                        </button>`,
                    )}
                  </div>`
          }
        </section>`;
      },
    });
  }
}

/** `<sr-staff-verification>`: staff see whether a response is verified with MitID (and a business's CVR). */
@customElement('sr-staff-verification')
export class SrStaffVerification extends SrLightElement {
  @property() responseId = '';
  private readonly _task = new Task(this, {
    task: ([id], { signal }) => getResponseVerification(id, signal),
    args: () => [this.responseId] as const,
  });
  protected override render() {
    return this._task.render({
      complete: ({ verification }) => (verification ? verifiedBadge(verification, 'item-verified') : nothing),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-staff-verification': SrStaffVerification;
    'sr-response-verify': SrResponseVerify;
  }
}
