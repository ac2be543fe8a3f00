import { html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { listConsultations } from '../../api/consultations.ts';
import type { ConsultationSummary } from '../../api/types.ts';
import { renderSection } from '../../app/page-state.ts';
import { PagedListController } from '../../app/paged-list.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { hasRole, isAdmin, SessionController } from '../../app/session.ts';
import { phaseBadge } from '../../components/badges.ts';
import { icon } from '../../components/icons.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { formatDateTimeShort } from '../../i18n/format.ts';
import { columnHeads } from '../../components/table.ts';

/**
 * `/admin`: every consultation, drafts included. Administrators manage them from here; analysts
 * get the same list read-only (they open drafts through the public page). Reviewers are not staff
 * (issue 14): their pages are under "My reviews".
 */
@customElement('sr-page-admin-consultations')
export class SrPageAdminConsultations extends SrLightElement implements SrPage {
  private readonly _session = new SessionController(this);
  private readonly _list = new PagedListController(this, {
    fetch: (_args, cursor, signal) => listConsultations({ cursor, limit: 50 }, signal),
    args: () => [] as const,
    focusNew: (i) => this.querySelectorAll('#admin-consultations-table tbody tr')[i]?.querySelector<HTMLElement>('a'),
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._list.task.taskComplete).then(() => this.updateComplete);
  }

  private _row(c: ConsultationSummary, admin: boolean, analystOnly: boolean) {
    const title = loc(c.title);
    return html`<tr data-id=${c.id} data-slug=${c.slug}>
      <td data-title=${t('admin.col.title')}>
        <a href="/consultations/${encodeURIComponent(c.slug)}" lang=${locLang(c.title)}>${title}</a>
      </td>
      <td data-title=${t('admin.col.phase')}>${phaseBadge(c.phase)}</td>
      <td data-title=${t('admin.col.closes')}>
        ${c.closesAt ? html`<time datetime=${c.closesAt}>${formatDateTimeShort(c.closesAt)}</time>` : t('common.notSet')}
      </td>
      <td data-title=${t('admin.col.scenarios')}>${c.scenarioCount}</td>
      <td data-title=${t('admin.col.updated')}>
        <time datetime=${c.updatedAt}>${formatDateTimeShort(c.updatedAt)}</time>
      </td>
      ${
        admin
          ? html`<td data-title=${t('admin.col.actions')}>
              <a
                href="/admin/consultations/${c.id}"
                class="sr-manage-link"
                aria-label=${t('admin.manageItem', { title })}
                >${t('admin.manageShort')}</a
              >
            </td>`
          : analystOnly
            ? html`<td data-title=${t('admin.col.actions')}>
                <a
                  href="/admin/consultations/${c.id}/publication"
                  class="sr-queue-link"
                  aria-label=${t('admin.queueLink', { title })}
                  >${t('admin.queueShort')}</a
                ><br />
                <a
                  href="/admin/consultations/${c.id}/letters"
                  class="sr-letters-link"
                  aria-label=${t('admin.lettersLink', { title })}
                  >${t('admin.lettersShort')}</a
                >
              </td>`
            : nothing
      }
    </tr>`;
  }

  private _table() {
    const admin = isAdmin(this._session.user);
    // Analysts work the publication queue and register letters from here (issue 4, story 5).
    const analystOnly = !admin && hasRole(this._session.user, 'analyst');
    if (!this._list.items.length) return html`<p class="sr-empty">${t('admin.empty')}</p>`;
    return html`<div
        class="table--responsive-scroll sr-table-scroll"
        tabindex="0"
        role="region"
        aria-labelledby="admin-consultations-heading"
      >
        <table class="table table--zebra table--responsive-headers" id="admin-consultations-table">
          ${columnHeads([
            t('admin.col.title'),
            t('admin.col.phase'),
            t('admin.col.closes'),
            t('admin.col.scenarios'),
            t('admin.col.updated'),
            ...(admin || analystOnly ? [t('admin.col.actions')] : []),
          ])}
          <tbody>
            ${this._list.items.map((c) => this._row(c, admin, analystOnly))}
          </tbody>
        </table>
      </div>
      ${this._list.renderMore('admin-consultations-more')}`;
  }

  protected override render() {
    const admin = isAdmin(this._session.user);
    return html`<h1 tabindex="-1">${admin ? t('admin.title') : t('admin.staffTitle')}</h1>
      ${
        admin
          ? html`<p>
              <a
                href="/admin/consultations/new"
                class="button button-primary sr-button-icon"
                id="admin-new-consultation"
                >${icon('plus')}${t('admin.newConsultation')}</a
              >
            </p>`
          : html`<p>${t('admin.staffIntro')}</p>`
      }
      <h2 id="admin-consultations-heading">${t('admin.consultationsHeading')}</h2>
      ${renderSection(this._list.task, () => this._table())}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-consultations': SrPageAdminConsultations;
  }
}
