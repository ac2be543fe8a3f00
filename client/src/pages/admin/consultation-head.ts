import { html } from 'lit';
import type { Consultation } from '../../api/types.ts';
import '../../components/sr-breadcrumbs.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

/**
 * The head of an admin page about one consultation (questions, letters, publication queue):
 * breadcrumbs Admin › the consultation › `crumb`, the page's heading, the consultation's title as
 * the lead, and the page's intro.
 */
export function consultationHead(
  c: Pick<Consultation, 'id' | 'title'>,
  o: { heading: string; crumb?: string; intro: string },
) {
  const title = loc(c.title);
  return html`<sr-breadcrumbs
      .items=${[
        { href: '/admin', label: t('nav.admin') },
        { href: `/admin/consultations/${c.id}`, label: title },
        { label: o.crumb ?? o.heading },
      ]}
    ></sr-breadcrumbs>
    <h1 tabindex="-1">${o.heading}</h1>
    <p class="font-lead" lang=${locLang(c.title)}>${title}</p>
    <p>${o.intro}</p>`;
}
