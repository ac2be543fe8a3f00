import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import {
  addToList,
  type Board,
  getBoard,
  listParties,
  type ListEntry,
  PARTY_KINDS,
  type Party,
  type PartyKind,
  recordNoComments,
  removeFromList,
  sendInvitations,
  setReminderDays,
} from '../../api/parties.ts';
import type { Consultation } from '../../api/types.ts';
import { renderPage } from '../../app/page-state.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { currentUser, isAdmin } from '../../app/session.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { selectField, textField } from '../../components/fields.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import { consultationHead } from '../admin/consultation-head.ts';
import './sr-party-matches.ts';

type Data = { c: Consultation; board: Board; directory: Party[] };
const STATUSES = ['not_invited', 'no_reply', 'responded', 'no_comments', 'reminded', 'late'] as const;
const COUNTS = ['total', 'invited', 'reminded', 'responded', 'noComments', 'noReply', 'late'] as const;

/**
 * `/admin/consultations/:consultationId/parties`: the consultation's høringsliste and status board
 * (issue 13 story 3). Admins add parties (one, by kind, all municipalities), send the invitations and
 * set the reminder; admins and analysts read the board, record "no comments" and decide the proposed
 * matches (sr-party-matches). No read or open tracking of any kind.
 */
@customElement('sr-page-party-list')
export class SrPagePartyList extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _kind = '';
  @state() private _status = '';
  @state() private _filter = { kind: '', status: '' };
  @state() private _pick = '';
  @state() private _pickKind = '';
  @state() private _days = '';
  @state() private _flash = '';
  @state() private _failure: unknown = null;
  @state() private _busy = false;

  private readonly _task = new Task(this, {
    task: async ([id, filter], { signal }): Promise<Data> => {
      const admin = isAdmin(currentUser());
      const [c, board, directory] = await Promise.all([
        getConsultation(id, signal),
        getBoard(id, filter, signal),
        admin ? listParties({}, signal).then((r) => r.items) : Promise.resolve([]),
      ]);
      this._days = String(board.reminderDays);
      return { c, board, directory };
    },
    args: () => [this.consultationId, this._filter] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private get _admin() {
    return isAdmin(currentUser());
  }

  /**
   * Runs a change, then loads the board again and says what happened. Focus stays on the control
   * that was used (the board is drawn anew), or goes to the message when that control is gone.
   */
  private async _do(action: () => Promise<string>) {
    if (this._busy) return;
    const focused = document.activeElement?.id ?? '';
    this._busy = true;
    this._failure = null;
    try {
      this._flash = await action();
      await this._task.run();
      // Enabled again before focus returns: a disabled button cannot take it.
      this._busy = false;
      await this.updateComplete;
      (
        this.querySelector<HTMLElement>(focused ? `#${CSS.escape(focused)}` : '#party-flash') ??
        this.querySelector<HTMLElement>('#party-flash')
      )?.focus();
      announce(this._flash);
    } catch (err) {
      this._failure = err;
      this._flash = '';
    } finally {
      this._busy = false;
    }
  }

  private _add(body: { partyIds?: string[]; kinds?: PartyKind[] }) {
    return this._do(async () => {
      const r = await addToList(this.consultationId, body);
      return t('partyList.add.result', { added: r.added, already: r.alreadyListed });
    });
  }

  private _adminTools(d: Data) {
    const listed = new Set(d.board.items.map((e) => e.party.id));
    const options = d.directory.filter((p) => !listed.has(p.id)).map((p) => ({ value: p.id, label: p.name }));
    return html`<section aria-labelledby="party-add-heading">
        <h2 id="party-add-heading">${t('partyList.add.heading')}</h2>
        <p><a href="/admin/parties" id="party-directory-link">${t('partyList.directory')}</a></p>
        <form
          class="sr-party-filters"
          @submit=${(e: Event) => (e.preventDefault(), this._pick && void this._add({ partyIds: [this._pick] }))}
        >
          ${selectField({ id: 'party-pick', label: t('partyList.add.party'), value: this._pick, placeholder: t('partyList.add.choose'), options, onChange: (v) => (this._pick = v) })}
          <button type="submit" class="button button-secondary" id="party-add" ?disabled=${this._busy}>
            ${t('partyList.add.submit')}
          </button>
        </form>
        <form
          class="sr-party-filters"
          @submit=${(e: Event) => (e.preventDefault(), this._pickKind && void this._add({ kinds: [this._pickKind as PartyKind] }))}
        >
          ${selectField({
            id: 'party-pick-kind',
            label: t('partyList.add.kind'),
            value: this._pickKind,
            placeholder: t('partyList.add.choose'),
            options: PARTY_KINDS.map((k) => ({ value: k, label: t(`partyKind.${k}`) })),
            onChange: (v) => (this._pickKind = v),
          })}
          <button type="submit" class="button button-secondary" id="party-add-kind" ?disabled=${this._busy}>
            ${t('partyList.add.kindSubmit')}
          </button>
        </form>
        <p>
          <button
            type="button"
            class="button button-secondary"
            id="party-add-municipalities"
            ?disabled=${this._busy}
            @click=${() => void this._add({ kinds: ['municipality'] })}
          >
            ${t('partyList.add.municipalities')}
          </button>
        </p>
      </section>
      <section aria-labelledby="party-mail-heading">
        <h2 id="party-mail-heading">${t('partyList.count.invited')}</h2>
        <p>
          <button
            type="button"
            class="button button-primary"
            id="party-invite"
            ?disabled=${this._busy}
            @click=${() => void this._do(async () => t('partyList.invited', { count: (await sendInvitations(this.consultationId)).queued }))}
          >
            ${t('partyList.invite')}
          </button>
        </p>
        <form
          class="sr-party-filters"
          @submit=${(e: Event) => {
            e.preventDefault();
            void this._do(
              async () => (
                await setReminderDays(this.consultationId, Number(this._days)),
                t('partyList.reminderSaved')
              ),
            );
          }}
        >
          ${textField({ id: 'party-reminder-days', label: t('partyList.reminder'), hint: t('partyList.reminderHint'), type: 'number', min: 0, width: 'xs', value: this._days, onInput: (v) => (this._days = v) })}
          <button type="submit" class="button button-secondary" id="party-reminder-save">
            ${t('partyList.reminderSave')}
          </button>
        </form>
      </section>`;
  }

  private _answer(e: ListEntry) {
    if (e.responseId)
      return html`${t('partyList.status.responded')} ${e.late ? t('partyList.lateMark') : nothing}
        <a href="/admin/consultations/${this.consultationId}/inbox/response/${e.responseId}"
          >${t('partyList.response')}</a
        >`;
    if (e.noCommentsAt)
      return html`${t('partyList.status.no_comments')} (${t(`partyList.by.${e.noCommentsBy ?? 'staff'}`)})`;
    return t(`partyList.status.${e.status}`);
  }

  private _row(e: ListEntry) {
    const when = (at: string | null) => (at ? formatDateTime(at) : '—');
    const open = !e.responseId && !e.noCommentsAt;
    return html`<tr>
      <th scope="row">${e.party.name}</th>
      <td>${t(`partyKind.${e.party.kind}`)}</td>
      <td>${when(e.invitedAt)}</td>
      <td>${when(e.remindedAt)}</td>
      <td>${this._answer(e)}</td>
      <td>
        ${
          open
            ? html`<button
                type="button"
                class="button button-tertiary"
                aria-label="${t('partyList.recordNoComments')}: ${e.party.name}"
                @click=${() => void this._do(async () => (await recordNoComments(this.consultationId, e.party.id), t('partyList.status.no_comments')))}
              >
                ${t('partyList.recordNoComments')}
              </button>`
            : nothing
        }
        ${
          this._admin
            ? html`<button
                type="button"
                class="button button-tertiary"
                aria-label="${t('partyList.remove')}: ${e.party.name}"
                @click=${() => void this._do(async () => (await removeFromList(this.consultationId, e.party.id), t('partyList.remove')))}
              >
                ${t('partyList.remove')}
              </button>`
            : nothing
        }
      </td>
    </tr>`;
  }

  private _board(b: Board) {
    return html`<h2 id="party-board-heading">${t('partyList.counts')}</h2>
      <dl class="sr-party-counts" id="party-counts">
        ${COUNTS.map(
          (k) =>
            html`<div>
              <dt>${t(`partyList.count.${k}`)}</dt>
              <dd data-count=${k}>${b.counts[k]}</dd>
            </div>`,
        )}
      </dl>
      <form
        class="sr-party-filters"
        id="party-filter"
        @submit=${(e: Event) => (e.preventDefault(), (this._filter = { kind: this._kind, status: this._status }))}
      >
        ${selectField({ id: 'party-filter-kind', label: t('partyList.filter.kind'), value: this._kind, placeholder: t('partyList.filter.any'), options: PARTY_KINDS.map((k) => ({ value: k, label: t(`partyKind.${k}`) })), onChange: (v) => (this._kind = v) })}
        ${selectField({ id: 'party-filter-status', label: t('partyList.filter.status'), value: this._status, placeholder: t('partyList.filter.any'), options: STATUSES.map((s) => ({ value: s, label: t(`partyList.status.${s}`) })), onChange: (v) => (this._status = v) })}
        <button type="submit" class="button button-secondary" id="party-filter-submit">
          ${t('partyList.filter.submit')}
        </button>
      </form>
      ${
        b.items.length === 0
          ? html`<p>${t('partyList.none')}</p>`
          : html`<div
              class="table--responsive-scroll sr-table-scroll"
              tabindex="0"
              role="region"
              aria-label=${t('partyList.caption')}
            >
              <table class="table" id="party-board">
                <caption>
                  ${t('partyList.caption')}
                </caption>
                <thead>
                  <tr>
                    ${(['party', 'kind', 'invited', 'reminded', 'status', 'actions'] as const).map((c) => html`<th scope="col">${t(`partyList.col.${c}`)}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${b.items.map((e) => this._row(e))}
                </tbody>
              </table>
            </div>`
      }`;
  }

  private _render(d: Data) {
    return html`${consultationHead(d.c, { heading: t('partyList.title'), intro: t('partyList.intro') })}
      ${this._flash ? html`<div id="party-flash" tabindex="-1">${alert('success', this._flash, { live: false })}</div>` : nothing}
      ${this._failure ? errorAlert(this._failure, { id: 'party-failure' }) : nothing} ${this._board(d.board)}
      <sr-party-matches .consultationId=${this.consultationId} .onDecided=${() => this._task.run()}></sr-party-matches>
      ${this._admin ? this._adminTools(d) : nothing}`;
  }

  protected override render() {
    return renderPage(this._task, (d) => this._render(d));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-party-list': SrPagePartyList;
  }
}
