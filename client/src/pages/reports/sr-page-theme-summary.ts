import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { ApiError } from '../../api/http.ts';
import {
  type AgencyAnswer,
  type Citation,
  getThemeSummary,
  listPassages,
  listSingleVoices,
  type Passage,
  saveThemeSummary,
  type ThemeSummary,
} from '../../api/summaries.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { PagedListController } from '../../app/paged-list.ts';
import { renderPage, renderSection } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import { textField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { coverageText, itemCoverageText, passageView } from './summary-parts.ts';
import { answerFields, pickerList } from './summary-form.ts';

type Sentence = { key: number; da: string; en: string; citations: Citation[] };
type Flash = { ok: boolean; text: string; err?: unknown } | null;

let nextKey = 0;
const asCitation = ({ cited: _cited, ...passage }: Passage): Citation => ({
  codingId: passage.codingId,
  removed: false,
  inTheme: true,
  passage,
});

/**
 * `/admin/consultations/:consultationId/theme-summaries/:tagId`: the summary of one theme (issue 14
 * story 5). Its sentences as a list, each in Danish and English with the coded passages it cites,
 * picked with a searchable list of checkboxes showing quote and source; the agency's answer, its
 * reason and the change made in both languages; and beside it the theme's single voices.
 */
@customElement('sr-page-theme-summary')
export class SrPageThemeSummary extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @property() tagId = '';
  @state() private _sentences: Sentence[] = [];
  @state() private _answer: AgencyAnswer | null = null;
  @state() private _reason = { da: '', en: '' };
  @state() private _change = { da: '', en: '' };
  @state() private _ready = false;
  @state() private _version = 0;
  @state() private _picking: number | null = null;
  @state() private _query = '';
  @state() private _flash: Flash = null;
  @state() private _busy = false;

  private readonly _task = new Task(this, {
    task: async ([id, tagId], { signal }) => {
      const [consultation, summary] = await Promise.all([
        getConsultation(id, signal),
        getThemeSummary(id, tagId, signal),
      ]);
      this._fill(summary);
      return { consultation, summary };
    },
    args: () => [this.consultationId, this.tagId] as const,
  });

  private readonly _passages = new PagedListController(this, {
    fetch: ([id, tagId, q, open], cursor, signal) =>
      open ? listPassages(id, tagId, { q, cursor }, signal) : Promise.resolve({ items: [], nextCursor: null }),
    args: () => [this.consultationId, this.tagId, this._query, this._picking !== null] as const,
    focusNew: (i) => this.querySelector<HTMLElement>(`#pick-${i}`),
  });

  private readonly _voices = new PagedListController(this, {
    fetch: ([id, tagId], cursor, signal) => listSingleVoices(id, tagId, cursor, signal),
    args: () => [this.consultationId, this.tagId, this._version] as const,
    focusNew: (i) => this.querySelector<HTMLElement>(`#voice-${i} a`),
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private _fill(s: ThemeSummary) {
    this._sentences = s.sentences.map((x) => ({ key: nextKey++, ...x.text, citations: x.citations }));
    this._answer = s.answer;
    this._reason = { ...s.answerReason };
    this._change = { ...s.changeMade };
    this._ready = s.status === 'ready';
    this._version = s.version;
    this._picking = null;
  }

  private _set(i: number, change: Partial<Sentence>) {
    this._sentences = this._sentences.map((s, j) => (j === i ? { ...s, ...change } : s));
  }

  private async _focus(selector: string) {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  private _togglePicker(i: number) {
    const open = this._picking !== i;
    this._picking = open ? i : null;
    this._query = '';
    void this._focus(open ? '#picker-search' : `#cite-${i}`);
  }

  private _toggleCitation(p: Passage, on: boolean) {
    const i = this._picking;
    if (i === null) return;
    const s = this._sentences[i]!;
    const citations = on
      ? [...s.citations.filter((c) => c.codingId !== p.codingId), asCitation(p)]
      : s.citations.filter((c) => c.codingId !== p.codingId);
    this._set(i, { citations });
  }

  private async _save(e: Event) {
    e.preventDefault();
    this._busy = true;
    try {
      const saved = await saveThemeSummary(this.consultationId, this.tagId, {
        version: this._version,
        status: this._ready ? 'ready' : 'draft',
        answer: this._answer,
        answerReason: this._reason,
        changeMade: this._change,
        sentences: this._sentences
          .filter((s) => s.da.trim() || s.en.trim())
          .map((s) => ({ text: { da: s.da, en: s.en }, codingIds: s.citations.map((c) => c.codingId) })),
      });
      this._fill(saved);
      const text = t('summary.saved', { version: saved.version });
      this._flash = { ok: true, text };
      announce(text);
    } catch (err) {
      const reason = err instanceof ApiError ? err.details?.['reason'] : undefined;
      const known =
        err instanceof ApiError && err.status === 409
          ? t('summary.stale')
          : reason === 'citation'
            ? t('summary.badCitation')
            : reason === 'incomplete'
              ? t('summary.incomplete')
              : '';
      this._flash = known ? { ok: false, text: known } : { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
    return this._focus('#summary-flash');
  }

  private _citation(i: number, m: number, c: Citation) {
    const id = `cit-${i}-${m}`;
    return html`<li id=${id}>
      ${
        c.removed || !c.passage
          ? html`<p><strong>${t('summary.sourceRemoved')}</strong></p>`
          : html`${passageView(this.consultationId, c.passage, `${id}-quote`)}
            ${c.inTheme ? nothing : html`<p>${t('summary.outsideTheme')}</p>`}`
      }
      <button
        type="button"
        class="button button-tertiary"
        id="${id}-remove"
        @click=${() => {
          this._set(i, { citations: this._sentences[i]!.citations.filter((_x, k) => k !== m) });
          void this._focus(`#cite-${i}`);
        }}
      >
        ${t('summary.removeCitation', { n: i + 1, m: m + 1 })}
      </button>
    </li>`;
  }

  private _picker(i: number) {
    const chosen = new Set(this._sentences[i]!.citations.map((c) => c.codingId));
    return html`<div class="sr-picker" id="picker">
      ${textField({
        id: 'picker-search',
        type: 'search',
        label: t('summary.pickerSearch'),
        hint: t('summary.pickerSearchHint'),
        value: this._query,
        maxlength: 200,
        onInput: (v) => (this._query = v),
      })}
      ${renderSection(this._passages.task, () =>
        this._passages.items.length === 0
          ? html`<p id="picker-none">${t('summary.pickerNone')}</p>`
          : pickerList({
              n: i + 1,
              items: this._passages.items,
              chosen,
              onToggle: (p, on) => this._toggleCitation(p, on),
            }),
      )}
      ${this._passages.renderMore('picker-more')}
      <button type="button" class="button button-secondary" id="picker-done" @click=${() => this._togglePicker(i)}>
        ${t('summary.citeDone', { n: i + 1 })}
      </button>
    </div>`;
  }

  private _sentence(s: Sentence, i: number) {
    const n = i + 1;
    return html`<li>
      <fieldset aria-labelledby="sentence-${i}-legend">
        <legend class="form-label" id="sentence-${i}-legend">${t('summary.sentence', { n })}</legend>
        ${textField({ id: `sentence-${i}-da`, label: t('summary.textDa'), lang: 'da', rows: 2, maxlength: 2000, value: s.da, onInput: (v) => this._set(i, { da: v }) })}
        ${textField({ id: `sentence-${i}-en`, label: t('summary.textEn'), lang: 'en', rows: 2, maxlength: 2000, value: s.en, onInput: (v) => this._set(i, { en: v }) })}
        <h3 class="h5" id="citations-${i}-heading">${t('summary.citations', { n })}</h3>
        ${
          s.citations.length === 0
            ? html`<p class="sr-muted">${t('summary.noCitations')}</p>`
            : html`<ul class="sr-citations sr-plain-list" aria-labelledby="citations-${i}-heading">
                ${s.citations.map((c, m) => this._citation(i, m, c))}
              </ul>`
        }
        <button
          type="button"
          class="button button-secondary"
          id="cite-${i}"
          aria-expanded=${this._picking === i ? 'true' : 'false'}
          aria-controls=${this._picking === i ? 'picker' : nothing}
          @click=${() => this._togglePicker(i)}
        >
          ${t('summary.cite', { n })}
        </button>
        ${this._picking === i ? this._picker(i) : nothing}
        <button
          type="button"
          class="button button-tertiary"
          id="sentence-${i}-remove"
          @click=${() => {
            this._sentences = this._sentences.filter((_x, j) => j !== i);
            this._picking = null;
            void this._focus('#sentence-add');
          }}
        >
          ${t('summary.removeSentence', { n })}
        </button>
      </fieldset>
    </li>`;
  }

  private _answerFields() {
    return answerFields({
      answer: this._answer,
      reason: this._reason,
      change: this._change,
      ready: this._ready,
      onAnswer: (a) => (this._answer = a),
      onReason: (v) => (this._reason = { ...this._reason, ...v }),
      onChange: (v) => (this._change = { ...this._change, ...v }),
      onReady: (v) => (this._ready = v),
    });
  }

  private _singleVoices() {
    return html`<section class="sr-section" aria-labelledby="voices-heading" id="single-voices">
      <h2 id="voices-heading">${t('summary.singleVoices')}</h2>
      <p>${t('summary.singleVoicesHint')}</p>
      ${renderSection(this._voices.task, () =>
        this._voices.items.length === 0
          ? html`<p id="voices-none">${t('summary.singleVoicesNone')}</p>`
          : html`<ul class="sr-passages sr-plain-list" id="voices-list">
              ${repeat(
                this._voices.items,
                (p) => p.codingId,
                (p, k) => html`<li id="voice-${k}">${passageView(this.consultationId, p, `voice-${k}-quote`)}</li>`,
              )}
            </ul>`,
      )}
      ${this._voices.renderMore('voices-more')}
    </section>`;
  }

  private _flashView() {
    const f = this._flash;
    return html`<div id="summary-flash" tabindex="-1">
      ${f ? (f.ok ? alert('success', f.text, { live: false }) : f.err ? errorAlert(f.err) : alert('error', f.text)) : nothing}
    </div>`;
  }

  override render() {
    return renderPage(this._task, ({ consultation: c, summary: s }) => {
      const name = loc(s.tag.name);
      const title = t('summary.title', { name });
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: loc(c.title) },
            { href: `/admin/consultations/${c.id}/theme-summaries`, label: t('summaries.title') },
            { label: name },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1"><span lang=${locLang(s.tag.name)}>${title}</span></h1>
        ${
          s.tag.path.length > 1
            ? html`<p class="font-lead">
                ${t('summary.path')}:
                ${s.tag.path
                  .slice(0, -1)
                  .map((x) => loc(x))
                  .join(' › ')}
              </p>`
            : nothing
        }
        ${analysisNav(c.id, 'summaries')}
        <p id="summary-coverage">
          ${t('summary.coverageText', { passages: coverageText(s.coverage), items: itemCoverageText(s.coverage), voices: s.coverage.singleVoices })}
        </p>
        ${s.writtenBy && s.updatedAt ? html`<p class="sr-muted">${t('summary.lastSaved', { by: s.writtenBy, at: formatDateTime(s.updatedAt), version: s.version })}</p>` : nothing}
        <div class="sr-summary-layout">
          <form novalidate id="summary-form" @submit=${(e: Event) => void this._save(e)}>
            <section class="sr-section" aria-labelledby="sentences-heading">
              <h2 id="sentences-heading">${t('summary.sentences')}</h2>
              <p>${t('summary.sentencesHint')}</p>
              ${
                this._sentences.length === 0
                  ? html`<p class="sr-muted">${t('summary.noSentences')}</p>`
                  : html`<ol class="sr-sentences">
                      ${repeat(
                        this._sentences,
                        (x) => x.key,
                        (x, i) => this._sentence(x, i),
                      )}
                    </ol>`
              }
              <button
                type="button"
                class="button button-secondary"
                id="sentence-add"
                @click=${() => {
                  this._sentences = [...this._sentences, { key: nextKey++, da: '', en: '', citations: [] }];
                  void this._focus(`#sentence-${this._sentences.length - 1}-da`);
                }}
              >
                ${t('summary.addSentence')}
              </button>
            </section>
            <section class="sr-section" aria-labelledby="answer-heading">
              <h2 id="answer-heading">${t('summary.answer')}</h2>
              ${this._answerFields()}
            </section>
            ${this._flashView()}
            <button type="submit" class="button button-primary" id="summary-save" ?disabled=${this._busy}>
              ${t('summary.save')}
            </button>
          </form>
          ${this._singleVoices()}
        </div>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-theme-summary': SrPageThemeSummary;
  }
}
