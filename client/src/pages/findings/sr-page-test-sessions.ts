import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import {
  createSession,
  deleteSession,
  listSessions,
  updateSession,
  type SessionInput,
  type TestSession,
} from '../../api/findings.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import { checkbox, selectField, submitButton, textField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatDate } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { findingsBase, METHOD_ORDER, methodLabel } from './findings-labels.ts';

type Draft = Omit<SessionInput, 'participantCount' | 'ref'> & { participantCount: string; ref: string };
const emptyDraft = (): Draft => ({
  ref: '',
  heldOn: '',
  remote: false,
  place: '',
  method: 'moderated_usability_test',
  facilitator: '',
  participantProfile: '',
  participantCount: '',
  device: '',
  recordingConsent: false,
  note: '',
});

/**
 * `/admin/consultations/:consultationId/test-sessions`: the user-test sessions (issue 13 story 1)
 * and a form to record one or change one — date, place or remote, method, facilitator, participant
 * profile and number, device, consent to recording, a note.
 */
@customElement('sr-page-test-sessions')
export class SrPageTestSessions extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _sessions: TestSession[] = [];
  @state() private _editing: TestSession | null = null;
  @state() private _draft: Draft = emptyDraft();
  @state() private _busy = false;
  @state() private _failure: unknown = null;
  @state() private _flash = '';

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => {
      const [consultation, sessions] = await Promise.all([getConsultation(id, signal), listSessions(id, signal)]);
      this._sessions = sessions.items;
      return consultation;
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private _set(patch: Partial<Draft>): void {
    this._draft = { ...this._draft, ...patch };
  }

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  private _edit(s: TestSession): void {
    this._editing = s;
    this._draft = { ...s, ref: s.ref ?? '', participantCount: String(s.participantCount) };
    this._failure = null;
    void this._focus('#session-form-heading');
  }

  private _done(message: string): void {
    this._flash = message;
    this._editing = null;
    this._draft = emptyDraft();
    announce(message);
  }

  private async _save(e: Event): Promise<void> {
    e.preventDefault();
    this._busy = true;
    this._failure = null;
    const body: SessionInput = { ...this._draft, participantCount: Number(this._draft.participantCount) || 0 };
    try {
      if (this._editing) await updateSession(this.consultationId, this._editing.id, body);
      else await createSession(this.consultationId, body);
      this._sessions = (await listSessions(this.consultationId)).items;
      this._done(t('findings.sessions.saved'));
      await this._focus('#sessions-flash');
    } catch (err) {
      this._failure = err;
      await this._focus('#session-error');
    } finally {
      this._busy = false;
    }
  }

  private async _delete(s: TestSession): Promise<void> {
    if (!confirm(t('findings.sessions.deleteConfirm'))) return;
    this._busy = true;
    try {
      await deleteSession(this.consultationId, s.id);
      this._sessions = (await listSessions(this.consultationId)).items;
      this._done(t('findings.sessions.deleted'));
      await this._focus('#sessions-flash');
    } catch (err) {
      this._failure = err;
      await this._focus('#session-error');
    } finally {
      this._busy = false;
    }
  }

  private _table() {
    if (this._sessions.length === 0)
      return html`<p class="sr-empty" id="sessions-none">${t('findings.sessions.none')}</p>`;
    return html`<div class="table--responsive-scroll">
      <table class="table table--compact" id="sessions-table">
        <caption>
          ${t('findings.sessions.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('findings.sessions.col.date')}</th>
            <th scope="col">${t('findings.sessions.col.method')}</th>
            <th scope="col">${t('findings.sessions.col.place')}</th>
            <th scope="col">${t('findings.sessions.col.facilitator')}</th>
            <th scope="col">${t('findings.sessions.col.participants')}</th>
            <th scope="col">${t('findings.sessions.col.findings')}</th>
            <th scope="col"><span class="sr-only">${t('findings.sessions.col.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            this._sessions,
            (s) => s.id,
            (s) =>
              html`<tr>
                <td>
                  ${s.ref ? html`<strong>${s.ref}</strong> · ` : nothing}${formatDate(s.heldOn, undefined, 'UTC')}
                </td>
                <td>${methodLabel(s.method)}</td>
                <td>${s.remote ? t('findings.sessions.remote') : s.place}</td>
                <td>${s.facilitator}</td>
                <td>
                  ${s.participantCount}${s.participantProfile ? html`<br /><span class="form-hint">${s.participantProfile}</span>` : nothing}
                </td>
                <td>${s.findingCount}</td>
                <td>
                  <button type="button" class="button button-tertiary" @click=${() => this._edit(s)}>
                    ${t('findings.sessions.edit')}<span class="sr-only">: ${s.facilitator}, ${s.heldOn}</span>
                  </button>
                  ${
                    s.findingCount === 0
                      ? html`<button
                          type="button"
                          class="button button-tertiary"
                          ?disabled=${this._busy}
                          @click=${() => void this._delete(s)}
                        >
                          ${t('findings.sessions.delete')}<span class="sr-only">: ${s.facilitator}, ${s.heldOn}</span>
                        </button>`
                      : nothing
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _form() {
    const d = this._draft;
    return html`<form id="session-form" novalidate @submit=${(e: Event) => void this._save(e)}>
      ${textField({ id: 'session-held-on', label: t('findings.sessions.heldOn'), type: 'date', required: true, width: 's', value: d.heldOn, onInput: (v) => this._set({ heldOn: v }) })}
      ${selectField({
        id: 'session-method',
        label: t('findings.sessions.method'),
        value: d.method,
        options: METHOD_ORDER.map((m) => ({ value: m, label: methodLabel(m) })),
        onChange: (v) => this._set({ method: v as Draft['method'] }),
      })}
      ${checkbox({ id: 'session-remote', label: t('findings.sessions.remoteLabel'), checked: !!d.remote, onChange: (v) => this._set({ remote: v }) })}
      ${d.remote ? nothing : textField({ id: 'session-place', label: t('findings.sessions.place'), required: true, value: d.place ?? '', onInput: (v) => this._set({ place: v }) })}
      ${textField({ id: 'session-facilitator', label: t('findings.sessions.facilitator'), required: true, value: d.facilitator, onInput: (v) => this._set({ facilitator: v }) })}
      ${textField({ id: 'session-profile', label: t('findings.sessions.profile'), hint: t('findings.sessions.profileHint'), optional: true, rows: 2, value: d.participantProfile ?? '', onInput: (v) => this._set({ participantProfile: v }) })}
      ${textField({ id: 'session-count', label: t('findings.sessions.count'), type: 'number', min: 1, width: 'xs', required: true, value: d.participantCount, onInput: (v) => this._set({ participantCount: v }) })}
      ${textField({ id: 'session-device', label: t('findings.sessions.device'), optional: true, value: d.device ?? '', onInput: (v) => this._set({ device: v }) })}
      ${checkbox({ id: 'session-consent', label: t('findings.sessions.consent'), checked: d.recordingConsent, onChange: (v) => this._set({ recordingConsent: v }) })}
      ${textField({ id: 'session-ref', label: t('findings.sessions.ref'), hint: t('findings.sessions.refHint'), optional: true, width: 's', value: d.ref, onInput: (v) => this._set({ ref: v }) })}
      ${textField({ id: 'session-note', label: t('findings.sessions.note'), optional: true, rows: 2, value: d.note ?? '', onInput: (v) => this._set({ note: v }) })}
      ${submitButton('session-save', this._editing ? t('findings.sessions.save') : t('findings.sessions.create'), this._busy)}
      ${
        this._editing
          ? html`<button
              type="button"
              class="button button-tertiary"
              id="session-cancel"
              @click=${() => this._done('')}
            >
              ${t('findings.sessions.cancel')}
            </button>`
          : nothing
      }
    </form>`;
  }

  protected override render() {
    return renderPage(
      this._task,
      (c) =>
        html`<sr-breadcrumbs
            .items=${[
              { href: '/admin', label: t('nav.admin') },
              { href: `/admin/consultations/${c.id}`, label: loc(c.title) },
              { href: `${findingsBase(c.id)}/findings`, label: t('findings.title') },
              { label: t('findings.sessions.title') },
            ]}
          ></sr-breadcrumbs>
          <h1 tabindex="-1">${t('findings.sessions.title')}</h1>
          <p class="font-lead"><span lang=${locLang(c.title)}>${loc(c.title)}</span></p>
          ${analysisNav(c.id, 'findings')}
          <div aria-live="polite">
            ${this._flash ? html`<div id="sessions-flash" tabindex="-1">${alert('success', this._flash, { live: false })}</div>` : nothing}
          </div>
          ${this._table()}
          <section class="sr-section" aria-labelledby="session-form-heading">
            <h2 id="session-form-heading" tabindex="-1">
              ${this._editing ? t('findings.sessions.editHeading') : t('findings.sessions.newHeading')}
            </h2>
            ${this._failure ? html`<div id="session-error" tabindex="-1">${errorAlert(this._failure)}</div>` : nothing}
            ${this._form()}
          </section>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-test-sessions': SrPageTestSessions;
  }
}
