import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import {
  createFinding,
  deleteEvidence,
  deleteFinding,
  getFinding,
  listSessions,
  updateFinding,
  uploadEvidence,
  type Finding,
  type FindingInput,
} from '../../api/findings.ts';
import { listScenarios } from '../../api/scenarios.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce, navigate, setFlash, takeFlash } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert, errorMessage } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import { checkboxGroup, selectField, submitButton, textField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { evidenceFieldset, type Upload } from './finding-evidence.ts';
import {
  findingsBase,
  sessionLabel,
  SEVERITY_ORDER,
  severityLabel,
  STATUS_ORDER,
  statusLabel,
} from './findings-labels.ts';

type Draft = Omit<FindingInput, 'participantsAffected'> & { participantsAffected: string };

const emptyDraft = (): Draft => ({
  scenarioId: '',
  sessionIds: [],
  task: '',
  observation: '',
  severity: 'major',
  participantsAffected: '1',
  recommendation: '',
  status: 'open',
  statusNote: '',
});

/**
 * `/admin/consultations/:consultationId/findings/:findingId` (`new` to record one): a user-test
 * finding's form (issue 13 story 1) — scenario, sessions, task, observation, severity, participants
 * affected, recommendation, status with a note — and its evidence files, each uploaded with its own
 * progress bar (as the respond page's attachments) after the finding is saved.
 */
@customElement('sr-page-finding')
export class SrPageFinding extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @property() findingId = '';
  @state() private _draft: Draft = emptyDraft();
  @state() private _finding: Finding | null = null;
  @state() private _queue: Upload[] = [];
  @state() private _busy = false;
  @state() private _failure: unknown = null;
  @state() private _flash = '';
  private _next = 0;

  private readonly _task = new Task(this, {
    task: async ([id, findingId], { signal }) => {
      const [consultation, scenarios, sessions, finding] = await Promise.all([
        getConsultation(id, signal),
        listScenarios(id, signal),
        listSessions(id, signal),
        findingId === 'new' ? Promise.resolve(null) : getFinding(id, findingId, signal),
      ]);
      this._finding = finding;
      this._draft = finding ? this._toDraft(finding) : emptyDraft();
      this._queue = [];
      this._failure = null;
      this._flash = takeFlash()?.() ?? '';
      return { consultation, scenarios, sessions: sessions.items };
    },
    args: () => [this.consultationId, this.findingId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private _toDraft(f: Finding): Draft {
    return {
      scenarioId: f.scenarioId,
      sessionIds: f.sessions.map((s) => s.id),
      task: f.task,
      observation: f.observation,
      severity: f.severity,
      participantsAffected: String(f.participantsAffected),
      recommendation: f.recommendation,
      status: f.status,
      statusNote: f.statusNote,
    };
  }

  private _set(patch: Partial<Draft>): void {
    this._draft = { ...this._draft, ...patch };
  }

  /** Uploads the queued files one after another, each with its progress; failures stay listed. */
  private async _uploadQueue(findingId: string): Promise<number> {
    let failed = 0;
    for (const u of this._queue) {
      try {
        await uploadEvidence(this.consultationId, findingId, u.file, (p) => {
          u.progress = p;
          this._queue = [...this._queue];
        }).promise;
        this._queue = this._queue.filter((x) => x !== u);
      } catch (err) {
        u.error = errorMessage(err);
        this._queue = [...this._queue];
        failed++;
      }
    }
    return failed;
  }

  private async _save(e: Event): Promise<void> {
    e.preventDefault();
    this._busy = true;
    this._failure = null;
    this._flash = '';
    const body: FindingInput = {
      ...this._draft,
      participantsAffected: Number(this._draft.participantsAffected),
      ...(this._finding ? { version: this._finding.version } : {}),
    };
    try {
      const saved = this._finding
        ? await updateFinding(this.consultationId, this._finding.id, body)
        : await createFinding(this.consultationId, body);
      const failed = await this._uploadQueue(saved.id);
      const message = failed ? t('findings.form.savedSomeFilesFailed', { count: failed }) : t('findings.form.saved');
      if (!this._finding && failed === 0) {
        setFlash(() => message);
        navigate(`${findingsBase(this.consultationId)}/findings/${saved.id}`);
        return;
      }
      this._finding = await getFinding(this.consultationId, saved.id);
      this._draft = this._toDraft(this._finding);
      this._flash = message;
      announce(message);
    } catch (err) {
      this._failure = err;
      await this.updateComplete;
      this.querySelector<HTMLElement>('#finding-error')?.focus();
    } finally {
      this._busy = false;
    }
  }

  private async _removeEvidence(evidenceId: string, name: string): Promise<void> {
    if (!this._finding) return;
    this._busy = true;
    try {
      await deleteEvidence(this.consultationId, this._finding.id, evidenceId);
      this._finding = await getFinding(this.consultationId, this._finding.id);
      this._flash = t('findings.evidence.removed', { name });
      announce(this._flash);
      await this.updateComplete;
      this.querySelector<HTMLElement>('#finding-evidence')?.focus();
    } catch (err) {
      this._failure = err;
    } finally {
      this._busy = false;
    }
  }

  private async _delete(): Promise<void> {
    if (!this._finding || !confirm(t('findings.form.deleteConfirm'))) return;
    this._busy = true;
    try {
      await deleteFinding(this.consultationId, this._finding.id);
      setFlash(() => t('findings.form.deleted'));
      navigate(`${findingsBase(this.consultationId)}/findings`);
    } catch (err) {
      this._failure = err;
    } finally {
      this._busy = false;
    }
  }

  private _onFiles(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    this._queue = [...this._queue, ...files.map((file) => ({ key: ++this._next, file, progress: 0 }))];
    input.value = '';
    announce(t('findings.evidence.queued', { count: files.length }));
  }

  private _form(data: NonNullable<typeof this._task.value>) {
    const d = this._draft;
    const chosen = data.sessions.filter((s) => d.sessionIds.includes(s.id));
    const total = chosen.reduce((n, s) => n + s.participantCount, 0);
    return html`<form id="finding-form" novalidate @submit=${(e: Event) => void this._save(e)}>
      ${selectField({
        id: 'finding-scenario',
        label: t('findings.form.scenario'),
        required: true,
        value: d.scenarioId,
        placeholder: t('findings.form.choose'),
        options: data.scenarios.map((s) => ({ value: s.id, label: `${s.key}: ${loc(s.title)}` })),
        onChange: (v) => this._set({ scenarioId: v }),
      })}
      ${
        data.sessions.length
          ? checkboxGroup({
              id: 'finding-sessions',
              legend: t('findings.form.sessions'),
              hint: t('findings.form.sessionsHint'),
              selected: d.sessionIds,
              options: data.sessions.map((s) => ({ value: s.id, label: sessionLabel(s) })),
              onToggle: (v, on) =>
                this._set({ sessionIds: on ? [...d.sessionIds, v] : d.sessionIds.filter((x) => x !== v) }),
            })
          : alert('warning', t('findings.form.noSessions'), { id: 'finding-no-sessions', live: false })
      }
      ${textField({ id: 'finding-task', label: t('findings.form.task'), optional: true, rows: 2, value: d.task ?? '', onInput: (v) => this._set({ task: v }) })}
      ${textField({ id: 'finding-observation', label: t('findings.form.observation'), required: true, rows: 5, value: d.observation, onInput: (v) => this._set({ observation: v }) })}
      ${selectField({
        id: 'finding-severity',
        label: t('findings.form.severity'),
        hint: t('findings.form.severityHint'),
        value: d.severity,
        options: SEVERITY_ORDER.map((s) => ({ value: s, label: severityLabel(s) })),
        onChange: (v) => this._set({ severity: v as Draft['severity'] }),
      })}
      ${textField({
        id: 'finding-affected',
        label: t('findings.form.affected'),
        hint: total ? t('findings.form.affectedHint', { total }) : t('findings.form.affectedHintNone'),
        type: 'number',
        min: 1,
        width: 'xs',
        required: true,
        value: d.participantsAffected,
        onInput: (v) => this._set({ participantsAffected: v }),
      })}
      ${textField({ id: 'finding-recommendation', label: t('findings.form.recommendation'), optional: true, rows: 3, value: d.recommendation ?? '', onInput: (v) => this._set({ recommendation: v }) })}
      ${selectField({
        id: 'finding-status',
        label: t('findings.form.status'),
        value: d.status ?? 'open',
        options: STATUS_ORDER.map((s) => ({ value: s, label: statusLabel(s) })),
        onChange: (v) => this._set({ status: v as Draft['status'] }),
      })}
      ${textField({ id: 'finding-status-note', label: t('findings.form.statusNote'), optional: true, value: d.statusNote ?? '', onInput: (v) => this._set({ statusNote: v }) })}
      ${evidenceFieldset({
        evidence: this._finding?.evidence ?? [],
        queue: this._queue,
        busy: this._busy,
        onFiles: (e) => this._onFiles(e),
        onRemove: (id, name) => void this._removeEvidence(id, name),
      })}
      ${submitButton('finding-save', this._finding ? t('findings.form.save') : t('findings.form.create'), this._busy)}
    </form>`;
  }

  protected override render() {
    return renderPage(this._task, (data) => {
      const c = data.consultation;
      const heading = this._finding ? t('findings.form.editHeading') : t('findings.form.newHeading');
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: loc(c.title) },
            { href: `${findingsBase(c.id)}/findings`, label: t('findings.title') },
            { label: heading },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${heading}</h1>
        <p class="font-lead"><span lang=${locLang(c.title)}>${loc(c.title)}</span></p>
        ${analysisNav(c.id, 'findings')}
        <div aria-live="polite">
          ${this._flash ? alert('success', this._flash, { id: 'finding-flash', live: false }) : nothing}
        </div>
        ${this._failure ? html`<div id="finding-error" tabindex="-1">${errorAlert(this._failure)}</div>` : nothing}
        ${this._form(data)}
        ${
          this._finding
            ? html`<section class="sr-section" aria-labelledby="finding-delete-heading">
                <h2 id="finding-delete-heading" class="h3">${t('findings.form.deleteHeading')}</h2>
                <p>${t('findings.form.deleteIntro')}</p>
                <button
                  type="button"
                  class="button button-secondary"
                  id="finding-delete"
                  ?disabled=${this._busy}
                  @click=${() => void this._delete()}
                >
                  ${t('findings.form.delete')}
                </button>
              </section>`
            : nothing
        }`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-finding': SrPageFinding;
  }
}
