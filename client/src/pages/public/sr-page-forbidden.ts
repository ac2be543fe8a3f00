import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SrLightElement } from '../../app/light-element.ts';
import { t } from '../../i18n/i18n.ts';

/** Shown instead of a page the signed-in account's roles do not open. */
@customElement('sr-page-forbidden')
export class SrPageForbidden extends SrLightElement {
  protected override render() {
    return html`<h1 tabindex="-1">${t('forbidden.title')}</h1>
      <p>${t('forbidden.body')}</p>
      <p><a href="/">${t('notFound.home')}</a></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-forbidden': SrPageForbidden;
  }
}
