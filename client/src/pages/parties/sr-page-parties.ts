import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import {
  createParty,
  deleteParty,
  listParties,
  PARTY_KINDS,
  type Party,
  type PartyBody,
  type PartyKind,
  updateParty,
} from '../../api/parties.ts';
import { renderPage } from '../../app/page-state.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { selectField, textField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { t } from '../../i18n/i18n.ts';
import './sr-party-import.ts';

type Draft = { name: string; kind: PartyKind | ''; cvr: string; emails: string; locale: 'da' | 'en'; note: string };
const emptyDraft = (): Draft => ({ name: '', kind: '', cvr: '', emails: '', locale: 'da', note: '' });
const kindOptions = () => PARTY_KINDS.map((k) => ({ value: k, label: t(`partyKind.${k}`) }));

/**
 * `/admin/parties`: the directory of parties reused across hearings (issue 13 story 2), admins
 * only: find, add, change and delete parties, and import them from CSV (sr-party-import).
 * Duplicates by CVR or name are reported by the server and shown on the form.
 */
@customElement('sr-page-parties')
export class SrPageParties extends SrLightElement implements SrPage {
  @state() private _q = '';
  @state() private _kind = '';
  @state() private _query = { q: '', kind: '' };
  @state() private _draft: Draft = emptyDraft();
  @state() private _editing: Party | null = null;
  @state() private _failure: unknown = null;
  @state() private _flash = '';
  @state() private _busy = false;

  private readonly _task = new Task(this, {
    task: ([q], { signal }) => listParties(q, signal),
    args: () => [this._query] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private _onSearch(e: Event) {
    e.preventDefault();
    this._query = { q: this._q.trim(), kind: this._kind };
  }

  private _onEdit(p: Party) {
    this._editing = p;
    this._draft = {
      name: p.name,
      kind: p.kind,
      cvr: p.cvr ?? '',
      emails: p.emails.join(', '),
      locale: p.locale,
      note: p.note,
    };
    this._flash = '';
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('#party-name')?.focus());
  }

  private _onCancel() {
    this._editing = null;
    this._draft = emptyDraft();
    this._failure = null;
  }

  private async _onSave(e: Event) {
    e.preventDefault();
    if (this._busy) return;
    const d = this._draft;
    const body: PartyBody = {
      name: d.name,
      kind: (d.kind || 'other') as PartyKind,
      cvr: d.cvr.trim() || null,
      emails: d.emails.split(/[\s,;]+/).filter((x) => x !== ''),
      locale: d.locale,
      note: d.note,
    };
    this._busy = true;
    this._failure = null;
    try {
      if (this._editing) await updateParty(this._editing.id, body);
      else await createParty(body);
      this._flash = t('parties.saved');
      this._editing = null;
      this._draft = emptyDraft();
      await this._task.run();
      announce(this._flash);
    } catch (err) {
      this._failure = err;
    } finally {
      this._busy = false;
    }
  }

  private async _onDelete(p: Party) {
    this._failure = null;
    try {
      await deleteParty(p.id);
      this._flash = t('parties.deleted');
      await this._task.run();
      announce(this._flash);
      this.querySelector<HTMLElement>('h1')?.focus();
    } catch (err) {
      this._failure = err;
    }
  }

  private _form() {
    const d = this._draft;
    const set = (patch: Partial<Draft>) => (this._draft = { ...d, ...patch });
    return html`<form id="party-form" novalidate @submit=${(e: Event) => void this._onSave(e)}>
      <h2>${this._editing ? t('parties.form.edit') : t('parties.form.add')}</h2>
      ${this._failure ? errorAlert(this._failure, { id: 'party-error' }) : nothing}
      ${textField({ id: 'party-name', label: t('parties.form.name'), value: d.name, required: true, onInput: (v) => set({ name: v }) })}
      ${selectField({
        id: 'party-kind',
        label: t('parties.form.kind'),
        value: d.kind,
        placeholder: t('parties.filter.all'),
        options: kindOptions(),
        required: true,
        onChange: (v) => set({ kind: v as PartyKind }),
      })}
      ${textField({ id: 'party-cvr', label: t('parties.form.cvr'), hint: t('parties.form.cvrHint'), optional: true, width: 's', value: d.cvr, inputmode: 'numeric', onInput: (v) => set({ cvr: v }) })}
      ${textField({ id: 'party-emails', label: t('parties.form.emails'), hint: t('parties.form.emailsHint'), value: d.emails, required: true, onInput: (v) => set({ emails: v }) })}
      ${selectField({
        id: 'party-locale',
        label: t('parties.form.locale'),
        value: d.locale,
        options: [
          { value: 'da', label: t('parties.locale.da') },
          { value: 'en', label: t('parties.locale.en') },
        ],
        onChange: (v) => set({ locale: v === 'en' ? 'en' : 'da' }),
      })}
      ${textField({ id: 'party-note', label: t('parties.form.note'), optional: true, rows: 2, value: d.note, onInput: (v) => set({ note: v }) })}
      <div class="sr-actions">
        <button type="submit" class="button button-primary" id="party-save" ?disabled=${this._busy}>
          ${this._editing ? t('parties.form.save') : t('parties.form.create')}
        </button>
        ${
          this._editing
            ? html`<button type="button" class="button button-secondary" @click=${() => this._onCancel()}>
                ${t('parties.form.cancel')}
              </button>`
            : nothing
        }
      </div>
    </form>`;
  }

  private _table(items: Party[]) {
    if (items.length === 0) return html`<p id="parties-none">${t('parties.none')}</p>`;
    return html`<div
      class="table--responsive-scroll sr-table-scroll"
      tabindex="0"
      role="region"
      aria-label=${t('parties.caption')}
    >
      <table class="table" id="parties-table">
        <caption>
          ${t('parties.caption')} · ${t('parties.count', { count: items.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('parties.col.name')}</th>
            <th scope="col">${t('parties.col.kind')}</th>
            <th scope="col">${t('parties.col.cvr')}</th>
            <th scope="col">${t('parties.col.emails')}</th>
            <th scope="col">${t('parties.col.locale')}</th>
            <th scope="col">${t('parties.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${items.map(
            (p) =>
              html`<tr>
                <th scope="row">${p.name}</th>
                <td>${t(`partyKind.${p.kind}`)}</td>
                <td>${p.cvr ?? ''}</td>
                <td>${p.emails.join(', ')}</td>
                <td>${t(`parties.locale.${p.locale}`)}</td>
                <td>
                  <button
                    type="button"
                    class="button button-tertiary"
                    aria-label="${t('parties.edit')}: ${p.name}"
                    @click=${() => this._onEdit(p)}
                  >
                    ${t('parties.edit')}
                  </button>
                  <button
                    type="button"
                    class="button button-tertiary"
                    aria-label="${t('parties.delete')}: ${p.name}"
                    @click=${() => void this._onDelete(p)}
                  >
                    ${t('parties.delete')}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _render(items: Party[]) {
    return html`<sr-breadcrumbs
        .items=${[{ href: '/admin', label: t('nav.admin') }, { label: t('parties.title') }]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${t('parties.title')}</h1>
      <p>${t('parties.intro')}</p>
      ${this._flash ? alert('success', this._flash, { live: false }) : nothing}
      <form id="parties-search" class="sr-party-filters" role="search" @submit=${(e: Event) => this._onSearch(e)}>
        ${textField({ id: 'parties-q', label: t('parties.filter.q'), type: 'search', value: this._q, onInput: (v) => (this._q = v) })}
        ${selectField({
          id: 'parties-kind',
          label: t('parties.filter.kind'),
          value: this._kind,
          placeholder: t('parties.filter.all'),
          options: kindOptions(),
          onChange: (v) => (this._kind = v),
        })}
        <button type="submit" class="button button-secondary">${t('parties.filter.submit')}</button>
      </form>
      ${this._table(items)} ${this._form()}
      <sr-party-import .onImported=${() => this._task.run()}></sr-party-import>`;
  }

  protected override render() {
    return renderPage(this._task, (r) => this._render(r.items));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-parties': SrPageParties;
  }
}
