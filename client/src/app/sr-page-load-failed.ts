import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../i18n/i18n.ts';
import { SrLightElement } from './light-element.ts';

/**
 * Shown by the app shell when a page's chunk fails to load (offline, or a new deployment replaced
 * it): a heading that takes focus like any page's, and a button that tries the same address again.
 */
@customElement('sr-page-load-failed')
export class SrPageLoadFailed extends SrLightElement {
  /** Loads the page again; set by the app shell. */
  @property({ attribute: false }) retry: () => void = () => location.reload();

  protected override render() {
    return html`<h1 tabindex="-1">${t('pageLoadFailed.title')}</h1>
      <p>${t('pageLoadFailed.body')}</p>
      <p>
        <button type="button" class="button button-primary" id="sr-load-retry" @click=${() => this.retry()}>
          ${t('common.retry')}
        </button>
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-load-failed': SrPageLoadFailed;
  }
}
