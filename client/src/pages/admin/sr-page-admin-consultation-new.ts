import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SrLightElement } from '../../app/light-element.ts';
import { navigate, setFlash } from '../../app/navigation.ts';
import type { SrConsultationSavedEvent } from '../../components/events.ts';
import '../../components/sr-breadcrumbs.ts';
import '../../components/sr-consultation-form.ts';
import { loc, t } from '../../i18n/i18n.ts';
import { consultationFormOps } from './consultation-ops.ts';

/** `/admin/consultations/new`: the create form; a new consultation starts as a draft. */
@customElement('sr-page-admin-consultation-new')
export class SrPageAdminConsultationNew extends SrLightElement {
  private _onSaved(e: SrConsultationSavedEvent): void {
    const c = e.consultation;
    setFlash(() => t('cform.created', { title: loc(c.title) }));
    navigate(`/admin/consultations/${c.id}`);
  }

  protected override render() {
    return html`<sr-breadcrumbs
        .items=${[{ href: '/admin', label: t('nav.admin') }, { label: t('cform.createTitle') }]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${t('cform.createTitle')}</h1>
      <sr-consultation-form
        .ops=${consultationFormOps}
        @sr-consultation-saved=${this._onSaved}
      ></sr-consultation-form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-consultation-new': SrPageAdminConsultationNew;
  }
}
