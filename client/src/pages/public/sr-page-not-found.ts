import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SrLightElement } from '../../app/light-element.ts';
import { t } from '../../i18n/i18n.ts';

/** Any address no route matches, and a consultation or scenario that does not exist (or is a draft). */
@customElement('sr-page-not-found')
export class SrPageNotFound extends SrLightElement {
  protected override render() {
    return html`<h1 tabindex="-1">${t('notFound.title')}</h1>
      <p>${t('notFound.body')}</p>
      <p><a href="/">${t('notFound.home')}</a></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-not-found': SrPageNotFound;
  }
}
