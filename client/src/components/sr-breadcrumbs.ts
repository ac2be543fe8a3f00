import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SrLightElement } from '../app/light-element.ts';
import { t } from '../i18n/i18n.ts';
import { icon } from './icons.ts';

export type Crumb = { href?: string; label: string };

/**
 * Det Fælles Designsystem's breadcrumbs; the last item (no href) is the current page.
 *
 * @property items - the trail, first the site's start
 */
@customElement('sr-breadcrumbs')
export class SrBreadcrumbs extends SrLightElement {
  @property({ attribute: false }) items: Crumb[] = [];

  protected override render() {
    return html`<nav class="breadcrumbs" aria-label=${t('scenario.breadcrumbs')}>
      <ol class="breadcrumbs__list">
        ${this.items.map((item, i) =>
          item.href
            ? html`<li class="breadcrumbs__list-item">
                ${i > 0 ? icon('chevron-right') : nothing}<a class="breadcrumbs__link" href=${item.href}
                  >${item.label}</a
                >
              </li>`
            : html`<li class="breadcrumbs__list-item" aria-current="page">
                ${i > 0 ? icon('chevron-right') : nothing}${item.label}
              </li>`,
        )}
      </ol>
    </nav>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-breadcrumbs': SrBreadcrumbs;
  }
}
