import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import '../../components/sr-breadcrumbs.ts';
import { t } from '../../i18n/i18n.ts';

/** `/admin/consultations/:consultationId/inbox/:kind/:itemId`: one input item, read and coded (issue 11 story 2). */
@customElement('sr-page-inbox-item')
export class SrPageInboxItem extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @property() kind = '';
  @property() itemId = '';

  get ready(): Promise<unknown> {
    return this.updateComplete;
  }

  override render() {
    return html`<h1 tabindex="-1">${t('inbox.title')}</h1>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-inbox-item': SrPageInboxItem;
  }
}
