import { loadMoreButton } from '../../components/load-more.ts';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { listConsultations } from '../../api/consultations.ts';
import type { ConsultationSummary } from '../../api/types.ts';
import { renderSection } from '../../app/page-state.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { hasRole, isAdmin, SessionController } from '../../app/session.ts';
import { errorAlert } from '../../components/alerts.ts';
import { phaseBadge } from '../../components/badges.ts';
import { icon } from '../../components/icons.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { formatDateTimeShort } from '../../i18n/format.ts';

/**
 * `/admin`: every consultation, drafts included. Administrators manage them from here; analysts
 * and reviewers get the same list read-only (they open drafts through the public page).
 */
@customElement('sr-page-admin-consultations')
export class SrPageAdminConsultations extends SrLightElement implements SrPage {
  private readonly _session = new SessionController(this);
  @state() private _items: ConsultationSummary[] = [];
  @state() private _cursor: string | null = null;
  @state() private _busy = false;
  @state() private _moreError: unknown = null;

  private readonly _task = new Task(this, {
    task: async (_args, { signal }) => {
      const page = await listConsultations({ limit: 50 }, signal);
      this._items = page.items;
      this._cursor = page.nextCursor;
    },
    args: () => [],
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _loadMore(): Promise<void> {
    if (!this._cursor || this._busy) return;
    this._busy = true;
    this._moreError = null;
    try {
      const before = this._items.length;
      const page = await listConsultations({ cursor: this._cursor, limit: 50 });
      this._items = [...this._items, ...page.items];
      this._cursor = page.nextCursor;
      await this.updateComplete;
      this.querySelectorAll('#admin-consultations-table tbody tr')[before]?.querySelector<HTMLElement>('a')?.focus();
      announce(t('common.shown', { shown: this._items.length, more: !!this._cursor }));
    } catch (err) {
      this._moreError = err;
    } finally {
      this._busy = false;
    }
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
    if (!this._items.length) return html`<p class="sr-empty">${t('admin.empty')}</p>`;
    return html`<div
        class="table--responsive-scroll sr-table-scroll"
        tabindex="0"
        role="region"
        aria-labelledby="admin-consultations-heading"
      >
        <table class="table table--zebra table--responsive-headers" id="admin-consultations-table">
          <thead>
            <tr>
              <th scope="col">${t('admin.col.title')}</th>
              <th scope="col">${t('admin.col.phase')}</th>
              <th scope="col">${t('admin.col.closes')}</th>
              <th scope="col">${t('admin.col.scenarios')}</th>
              <th scope="col">${t('admin.col.updated')}</th>
              ${admin || analystOnly ? html`<th scope="col">${t('admin.col.actions')}</th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${this._items.map((c) => this._row(c, admin, analystOnly))}
          </tbody>
        </table>
      </div>
      ${this._moreError ? errorAlert(this._moreError) : nothing}
      ${loadMoreButton({ id: 'admin-consultations-more', cursor: this._cursor, busy: this._busy, onClick: () => void this._loadMore() })}`;
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
      ${renderSection(this._task, () => this._table())}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-consultations': SrPageAdminConsultations;
  }
}
