import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { live } from 'lit/directives/live.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { ApiError } from '../../api/http.ts';
import { listScenarios } from '../../api/scenarios.ts';
import {
  createInput,
  getInput,
  INPUT_KINDS,
  PARTY_KINDS,
  previewMinutes,
  type PartyKind,
  type StakeholderInput,
  type StakeholderInputKind,
  updateInput,
} from '../../api/stakeholder-inputs.ts';
import { mapIssues, type FieldErrors, type FieldMap } from '../../app/form-errors.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce, navigate, setFlash, takeFlash } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import {
  checkboxGroup,
  fieldError,
  fieldsetGroup,
  radio,
  selectField,
  submitButton,
  textField,
} from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import '../../components/sr-error-summary.ts';
import { loc, t } from '../../i18n/i18n.ts';
import './sr-stakeholder-input-files.ts';

type Party = { name: string; kind: PartyKind | null };
type Draft = {
  kind: StakeholderInputKind;
  title: string;
  heldOn: string;
  parties: Party[];
  scenarioIds: string[];
  minutes: string;
  visibility: 'staff_only' | 'published';
};

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
const empty = (): Draft => ({
  kind: 'meeting',
  title: '',
  heldOn: today(),
  parties: [{ name: '', kind: null }],
  scenarioIds: [],
  minutes: '',
  visibility: 'staff_only',
});
const draftOf = (x: StakeholderInput): Draft => ({
  kind: x.kind,
  title: x.title,
  heldOn: x.heldOn,
  parties: x.parties.length ? x.parties.map((p) => ({ ...p })) : [{ name: '', kind: null }],
  scenarioIds: [...x.scenarioIds],
  minutes: x.minutes,
  visibility: x.visibility,
});

const FIELDS: FieldMap = {
  '/kind': { id: 'sinput-kind', label: () => t('sinputs.field.kind') },
  '/title': { id: 'sinput-title', label: () => t('sinputs.field.title') },
  '/heldOn': { id: 'sinput-held-on', label: () => t('sinputs.field.heldOn') },
  '/parties': { id: 'sinput-parties', label: () => t('sinputs.parties.legend') },
  '/scenarioIds': { id: 'sinput-scenarios', label: () => t('sinputs.field.scenarios') },
  '/minutes': { id: 'sinput-minutes', label: () => t('sinputs.field.minutes') },
  '/visibility': { id: 'sinput-visibility', label: () => t('sinputs.field.visibility') },
};

/**
 * `/admin/consultations/:consultationId/stakeholder-inputs/new` and `…/:inputId/edit`: record or
 * change a meeting or written input (issue 13 story 4). The minutes are Markdown in a textarea, with
 * a preview the server renders and sanitises exactly as it will show. A new input is saved first;
 * its files are then added on the edit page, each uploaded at once with its progress.
 */
@customElement('sr-page-stakeholder-input-form')
export class SrPageStakeholderInputForm extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @property() inputId = '';
  @state() private _draft: Draft = empty();
  @state() private _version = 0;
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: unknown[] = [];
  @state() private _busy = false;
  @state() private _preview: string | null = null;
  @state() private _flash = takeFlash();

  private readonly _task = new Task(this, {
    task: async ([id, inputId], { signal }) => {
      const [consultation, scenarios, input] = await Promise.all([
        getConsultation(id, signal),
        listScenarios(id, signal),
        inputId ? getInput(id, inputId, signal) : Promise.resolve(null),
      ]);
      if (input) {
        this._draft = draftOf(input);
        this._version = input.version;
      }
      return { consultation, scenarios, input };
    },
    args: () => [this.consultationId, this.inputId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private _set(patch: Partial<Draft>): void {
    this._draft = { ...this._draft, ...patch };
  }

  private _setParty(i: number, patch: Partial<Party>): void {
    this._set({ parties: this._draft.parties.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  }

  private async _addParty(): Promise<void> {
    this._set({ parties: [...this._draft.parties, { name: '', kind: null }] });
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#sinput-party-${this._draft.parties.length}-name`)?.focus();
  }

  private async _removeParty(i: number): Promise<void> {
    this._set({ parties: this._draft.parties.filter((_, j) => j !== i) });
    await this.updateComplete;
    this.querySelector<HTMLElement>(
      this._draft.parties.length
        ? `#sinput-party-${Math.min(i, this._draft.parties.length - 1) + 1}-name`
        : '#sinput-party-add',
    )?.focus();
  }

  private async _showPreview(): Promise<void> {
    try {
      this._preview = (await previewMinutes(this.consultationId, this._draft.minutes)).html;
      announce(t('sinputs.previewHeading'));
    } catch (err) {
      this._general = [err];
    }
  }

  private _body() {
    const d = this._draft;
    return {
      kind: d.kind,
      title: d.title,
      heldOn: d.heldOn,
      parties: d.parties.filter((p) => p.name.trim() !== ''),
      scenarioIds: d.scenarioIds,
      minutes: d.minutes,
      visibility: d.visibility,
    };
  }

  private async _submit(e: Event): Promise<void> {
    e.preventDefault();
    this._busy = true;
    this._errors = new Map();
    this._general = [];
    try {
      if (this.inputId) {
        const saved = await updateInput(this.consultationId, this.inputId, { version: this._version, ...this._body() });
        this._version = saved.version;
        setFlash(() => t('sinputs.saved'));
        navigate(`/admin/consultations/${this.consultationId}/stakeholder-inputs/${saved.id}`);
      } else {
        const saved = await createInput(this.consultationId, this._body());
        setFlash(() => t('sinputs.created'));
        navigate(`/admin/consultations/${this.consultationId}/stakeholder-inputs/${saved.id}/edit`);
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED') {
        const { errors, unmatched } = mapIssues(err, FIELDS);
        this._errors = errors;
        this._general = unmatched ? [err] : [];
      } else if (err instanceof ApiError && err.code === 'STALE_VERSION') {
        this._general = [t('sinputs.stale')];
      } else {
        this._general = [err];
      }
    } finally {
      this._busy = false;
    }
  }

  private _parties() {
    const d = this._draft;
    return fieldsetGroup(
      {
        id: 'sinput-parties',
        legend: t('sinputs.parties.legend'),
        hint: t('sinputs.parties.hint'),
        error: this._errors.get('sinput-parties'),
      },
      html`${d.parties.map((p, i) => {
          const n = i + 1;
          return html`<div class="sr-party-row" role="group" aria-label=${t('sinputs.party.name', { n })}>
            ${textField({
              id: `sinput-party-${n}-name`,
              label: t('sinputs.party.name', { n }),
              value: p.name,
              maxlength: 200,
              onInput: (name) => this._setParty(i, { name }),
            })}
            ${selectField({
              id: `sinput-party-${n}-kind`,
              label: t('sinputs.party.kind', { n }),
              value: p.kind ?? '',
              placeholder: t('sinputs.party.kindNone'),
              options: PARTY_KINDS.map((k) => ({ value: k, label: t(`sinput.partyKind.${k}`) })),
              onChange: (v) => this._setParty(i, { kind: v === '' ? null : (v as PartyKind) }),
            })}
            <button
              type="button"
              class="button button-secondary button-small"
              id="sinput-party-${n}-remove"
              @click=${() => void this._removeParty(i)}
            >
              ${t('sinputs.party.remove', { n })}
            </button>
          </div>`;
        })}
        <button
          type="button"
          class="button button-secondary"
          id="sinput-party-add"
          @click=${() => void this._addParty()}
        >
          ${t('sinputs.party.add')}
        </button>`,
    );
  }

  private _form(scenarios: { id: string; key: string; title: string }[]) {
    const d = this._draft;
    const heldOnError = this._errors.get('sinput-held-on');
    return html`<form novalidate @submit=${(e: Event) => void this._submit(e)}>
      <sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
      ${selectField({
        id: 'sinput-kind',
        label: t('sinputs.field.kind'),
        value: d.kind,
        required: true,
        options: INPUT_KINDS.map((k) => ({ value: k, label: t(`sinput.kind.${k}`) })),
        onChange: (v) => this._set({ kind: v as StakeholderInputKind }),
        error: this._errors.get('sinput-kind'),
      })}
      ${textField({
        id: 'sinput-title',
        label: t('sinputs.field.title'),
        value: d.title,
        required: true,
        maxlength: 300,
        width: 'xl',
        onInput: (title) => this._set({ title }),
        error: this._errors.get('sinput-title'),
      })}
      <div class="form-group ${heldOnError ? 'form-error' : ''}">
        <label class="form-label" for="sinput-held-on">${t('sinputs.field.heldOn')}</label>
        <span class="form-hint" id="sinput-held-on-hint">${t('sinputs.field.heldOnHint')}</span>
        ${fieldError('sinput-held-on', heldOnError)}
        <input
          class="form-input input-width-s"
          type="date"
          id="sinput-held-on"
          required
          aria-describedby="sinput-held-on-hint${heldOnError ? ' sinput-held-on-error' : ''}"
          aria-invalid=${heldOnError ? 'true' : nothing}
          .value=${live(d.heldOn)}
          @input=${(e: Event) => this._set({ heldOn: (e.target as HTMLInputElement).value })}
        />
      </div>
      ${this._parties()}
      ${
        scenarios.length
          ? checkboxGroup({
              id: 'sinput-scenarios',
              legend: t('sinputs.field.scenarios'),
              hint: t('sinputs.field.scenariosHint'),
              options: scenarios.map((s) => ({ value: s.id, label: `${s.key} ${s.title}` })),
              selected: d.scenarioIds,
              error: this._errors.get('sinput-scenarios'),
              onToggle: (id, on) =>
                this._set({ scenarioIds: on ? [...d.scenarioIds, id] : d.scenarioIds.filter((x) => x !== id) }),
            })
          : nothing
      }
      ${textField({
        id: 'sinput-minutes',
        label: t('sinputs.field.minutes'),
        hint: t('sinputs.field.minutesHint'),
        value: d.minutes,
        rows: 14,
        lang: 'da',
        onInput: (minutes) => this._set({ minutes }),
        error: this._errors.get('sinput-minutes'),
      })}
      <div class="sr-actions">
        <button
          type="button"
          class="button button-secondary"
          id="sinput-preview"
          @click=${() => void this._showPreview()}
        >
          ${t('sinputs.preview')}
        </button>
      </div>
      ${
        this._preview === null
          ? nothing
          : html`<section class="sr-section sr-minutes-preview" aria-labelledby="sinput-preview-heading">
              <h2 id="sinput-preview-heading" class="h4">${t('sinputs.previewHeading')}</h2>
              ${
                this._preview
                  ? html`<div class="sr-prose" id="sinput-preview-html">${unsafeHTML(this._preview)}</div>`
                  : html`<p class="sr-empty">${t('sinputs.previewEmpty')}</p>`
              }
            </section>`
      }
      ${fieldsetGroup(
        {
          id: 'sinput-visibility',
          legend: t('sinputs.field.visibility'),
          error: this._errors.get('sinput-visibility'),
        },
        (['staff_only', 'published'] as const).map((v) =>
          radio({
            id: `sinput-visibility-${v}`,
            name: 'sinput-visibility',
            value: v,
            label: t(`sinputs.visibility.${v}`),
            checked: d.visibility === v,
            describedBy: `sinput-visibility-${v}-hint`,
            after: html`<span class="form-hint" id="sinput-visibility-${v}-hint"
              >${t(`sinputs.visibility.${v}Hint`)}</span
            >`,
            onSelect: () => this._set({ visibility: v }),
          }),
        ),
      )}
      ${submitButton('sinput-save', this.inputId ? t('sinputs.save') : t('sinputs.create'), this._busy)}
    </form>`;
  }

  protected override render() {
    return renderPage(this._task, ({ consultation: c, scenarios, input }) => {
      const base = `/admin/consultations/${c.id}/stakeholder-inputs`;
      const heading = input ? t('sinputs.editTitle') : t('sinputs.newTitle');
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: loc(c.title) },
            { href: base, label: t('sinputs.title') },
            ...(input ? [{ href: `${base}/${input.id}`, label: input.title }] : []),
            { label: heading },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${heading}</h1>
        ${analysisNav(c.id, 'stakeholder-inputs')}
        ${this._flash ? alert('success', this._flash(), { id: 'sinput-form-flash' }) : nothing}
        ${this._form(scenarios.map((s) => ({ id: s.id, key: s.key, title: loc(s.title) })))}
        ${
          input
            ? html`<sr-stakeholder-input-files
                  .consultationId=${c.id}
                  .input=${input}
                  @sr-input-files-changed=${(e: CustomEvent<{ version: number }>) => (this._version = e.detail.version)}
                ></sr-stakeholder-input-files>
                <p><a href="${base}/${input.id}" id="sinput-back">${t('sinputs.back')}</a></p>`
            : nothing
        }`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-stakeholder-input-form': SrPageStakeholderInputForm;
  }
}
