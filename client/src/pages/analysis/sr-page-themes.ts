import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import { getCodebook, type CodebookTag } from '../../api/codebook.ts';
import { getConsultation } from '../../api/consultations.ts';
import { listScenarios } from '../../api/scenarios.ts';
import {
  acceptCandidate,
  confirmProposed,
  dismissCandidate,
  getThemeRun,
  listProposed,
  listThemeRuns,
  rejectProposed,
  startThemeRun,
  type ProposedCoding,
  type ThemeRunDetail,
} from '../../api/themes.ts';
import type { Consultation, ScenarioSummary } from '../../api/types.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import {
  NEW_ACCEPT,
  proposedCodingList,
  themeCandidateCard,
  type AcceptDraft,
  type AcceptErrors,
} from '../../components/analysis/theme-candidate.ts';
import {
  NEW_RUN,
  themeRunForm,
  themeRunStatus,
  type ThemeRunDraft,
  type ThemeRunErrors,
} from '../../components/analysis/theme-run.ts';
import { selectField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { pathOf } from '../../data/codebook-tree.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';

const POLL_MS = 1000;
type Base = { consultation: Consultation; scenarios: ScenarioSummary[] };

/**
 * `/admin/consultations/:consultationId/themes`: suggested themes (issue 11 story 8). Start a run
 * (seed, k, kinds, scenario); follow it by a labelled progress bar (polled each second); read its
 * candidates (top terms, quotes, member count, single voices); accept one as a codebook tag (names
 * in Danish and English, a parent, proposed codings of its members) or dismiss it; confirm or
 * reject the proposed codings one by one or all of a tag. The run shown stands in the address (?run=).
 */
@customElement('sr-page-themes')
export class SrPageThemes extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _draft: ThemeRunDraft = NEW_RUN;
  @state() private _draftErrors: ThemeRunErrors = {};
  @state() private _runId = new URLSearchParams(location.search).get('run') ?? '';
  @state() private _detail: ThemeRunDetail | null = null;
  @state() private _tags: CodebookTag[] = [];
  @state() private _accepting: string | null = null;
  @state() private _accept: AcceptDraft = NEW_ACCEPT;
  @state() private _acceptErrors: AcceptErrors = {};
  @state() private _busy = false;
  @state() private _flash = '';
  @state() private _failure: unknown = null;
  @state() private _proposedTag = '';
  @state() private _proposed: ProposedCoding[] = [];
  @state() private _proposedMore: string | null = null;
  @state() private _busyId: string | null = null;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  /** A run started here is being followed until it ends. */
  private _watching = false;

  private readonly _task = new Task(this, {
    task: async ([id], { signal }): Promise<Base> => {
      const [consultation, scenarios, runs] = await Promise.all([
        getConsultation(id, signal),
        listScenarios(id, signal),
        listThemeRuns(id, signal),
        this._loadTags(id, signal),
      ]);
      this._runId ||= runs.items[0]?.id ?? '';
      if (this._runId) await this._loadRun();
      return { consultation, scenarios };
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
  }

  private async _loadTags(id = this.consultationId, signal?: AbortSignal): Promise<void> {
    this._tags = (await getCodebook(id, {}, signal)).tags;
    const withProposed = this._tags.filter((x) => x.proposedCount > 0);
    if (!withProposed.some((x) => x.id === this._proposedTag)) this._proposedTag = withProposed[0]?.id ?? '';
    await this._loadProposed();
  }

  private async _loadProposed(more = false): Promise<void> {
    if (!this._proposedTag) {
      [this._proposed, this._proposedMore] = [[], null];
      return;
    }
    const cursor = more ? (this._proposedMore ?? undefined) : undefined;
    const page = await listProposed(this.consultationId, { tagId: this._proposedTag, cursor, limit: 50 });
    this._proposed = more ? [...this._proposed, ...page.items] : page.items;
    this._proposedMore = page.nextCursor;
  }

  /** Loads the run shown; while it is queued or running, again in a second. */
  private async _loadRun(): Promise<void> {
    clearTimeout(this._timer);
    this._detail = await getThemeRun(this.consultationId, this._runId);
    const s = this._detail.run.status;
    if (s === 'queued' || s === 'running') {
      this._timer = setTimeout(() => void this._loadRun().catch((e: unknown) => (this._failure = e)), POLL_MS);
    } else if (this._watching) {
      // A run started on this page: its end is announced (a run opened by address is not).
      this._watching = false;
      announce(
        s === 'done'
          ? t('themes.run.doneAnnounced', { count: this._detail.candidates.length })
          : t('themes.run.failedAnnounced'),
      );
    }
  }

  private _tagPath = (id: string): string =>
    pathOf(this._tags, id)
      .map((x) => loc(x.name))
      .join(' › ') || t('themes.card.unknownTag');

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    const el = this.querySelector<HTMLElement>(selector);
    if (!el) return;
    if (!el.hasAttribute('tabindex') && !(el instanceof HTMLButtonElement || el instanceof HTMLInputElement))
      el.setAttribute('tabindex', '-1');
    el.focus();
  }

  private _done(text: string, focus = '#themes-flash'): void {
    this._flash = text;
    this._failure = null;
    announce(text);
    void this._focus(focus);
  }

  private _fail(err: unknown): void {
    this._flash = '';
    this._failure = err;
    void this._focus('#themes-failure');
  }

  private async _start(): Promise<void> {
    const d = this._draft;
    const errors: ThemeRunErrors = {};
    if (!/^\d{1,9}$/.test(d.seed.trim())) errors.seed = t('themes.form.seedError');
    if (d.k.trim() && !(/^\d{1,3}$/.test(d.k.trim()) && +d.k >= 2 && +d.k <= 100)) errors.k = t('themes.form.kError');
    if (!d.kinds.length) errors.kinds = t('themes.form.kindsError');
    this._draftErrors = errors;
    const first = Object.keys(errors)[0];
    if (first) return void this._focus(first === 'kinds' ? '#themes-kinds-response' : `#themes-${first}`);
    this._busy = true;
    try {
      const run = await startThemeRun(this.consultationId, {
        seed: +d.seed,
        ...(d.k.trim() ? { k: +d.k } : {}),
        ...(d.kinds.length < 2 ? { kinds: d.kinds } : {}),
        ...(d.scenarioId ? { scenarioId: d.scenarioId } : {}),
      });
      this._runId = run.id;
      this._watching = true;
      history.replaceState(history.state, '', `?run=${run.id}`);
      this._done(t('themes.run.queued'), '#themes-run-heading');
      await this._loadRun();
    } catch (err) {
      this._fail(err);
    } finally {
      this._busy = false;
    }
  }

  private _openAccept(id: string): void {
    this._accepting = id;
    this._accept = NEW_ACCEPT;
    this._acceptErrors = {};
    void this._focus(`#theme-${id}-accept-heading`);
  }

  private _cancelAccept(): void {
    const id = this._accepting;
    this._accepting = null;
    if (id) void this._focus(`#theme-${id}-accept`);
  }

  private async _acceptIt(id: string): Promise<void> {
    const d = this._accept;
    const errors: AcceptErrors = {};
    if (!d.da.trim()) errors.da = t('themes.accept.nameMissing');
    if (!d.en.trim()) errors.en = t('themes.accept.nameMissing');
    this._acceptErrors = errors;
    if (errors.da || errors.en) return void this._focus(`#theme-${id}-name-${errors.da ? 'da' : 'en'}`);
    this._busy = true;
    try {
      const c = await acceptCandidate(this.consultationId, this._runId, id, {
        name: { da: d.da.trim(), en: d.en.trim() },
        parentId: d.parentId || null,
        proposeCodings: d.propose,
      });
      this._accepting = null;
      if (c.proposedCount > 0) this._proposedTag = c.tagId!;
      await Promise.all([this._loadRun(), this._loadTags()]);
      this._done(
        t('themes.accept.done', { tag: this._tagPath(c.tagId!), count: c.proposedCount }),
        `#theme-${id}-title`,
      );
    } catch (err) {
      this._fail(err);
    } finally {
      this._busy = false;
    }
  }

  private async _dismiss(id: string): Promise<void> {
    this._busy = true;
    try {
      await dismissCandidate(this.consultationId, this._runId, id);
      await this._loadRun();
      this._done(t('themes.card.dismissedAnnounced'), `#theme-${id}-title`);
    } catch (err) {
      this._fail(err);
    } finally {
      this._busy = false;
    }
  }

  private async _decide(how: 'confirm' | 'reject', ids: string[] | 'all'): Promise<void> {
    this._busyId = ids === 'all' ? 'all' : ids[0]!;
    try {
      const body = ids === 'all' ? { tagId: this._proposedTag } : { codingIds: ids };
      const r = await (how === 'confirm' ? confirmProposed : rejectProposed)(this.consultationId, body);
      await this._loadTags();
      this._done(
        t(how === 'confirm' ? 'themes.proposed.confirmed' : 'themes.proposed.rejected', { count: r.codingIds.length }),
      );
    } catch (err) {
      this._fail(err);
    } finally {
      this._busyId = null;
    }
  }

  private _runSection() {
    const d = this._detail;
    if (!d) return html`<p class="sr-empty" id="themes-no-run">${t('themes.run.none')}</p>`;
    const parents = this._tags.map((x) => ({ id: x.id, label: this._tagPath(x.id) }));
    return html`${themeRunStatus(d.run)}
    ${
      d.run.status === 'done'
        ? d.candidates.length
          ? html`<ol class="sr-card-list nobullet-list" id="themes-candidates">
              ${repeat(
                d.candidates,
                (c) => c.id,
                (c, i) =>
                  html`<li>
                    ${themeCandidateCard(c, {
                      consultationId: this.consultationId,
                      n: i + 1,
                      accepting: this._accepting === c.id,
                      draft: this._accept,
                      errors: this._acceptErrors,
                      busy: this._busy,
                      parents,
                      tagName: this._tagPath,
                      onOpen: () => this._openAccept(c.id),
                      onCancel: () => this._cancelAccept(),
                      onDraft: (draft) => (this._accept = draft),
                      onAccept: () => void this._acceptIt(c.id),
                      onDismiss: () => void this._dismiss(c.id),
                    })}
                  </li>`,
              )}
            </ol>`
          : html`<p class="sr-empty">${t('themes.run.noCandidates')}</p>`
        : nothing
    }`;
  }

  private _proposedSection() {
    const tags = this._tags.filter((x) => x.proposedCount > 0);
    if (!tags.length) return html`<p class="sr-empty" id="themes-proposed-empty">${t('themes.proposed.none')}</p>`;
    const tag = tags.find((x) => x.id === this._proposedTag);
    return html`${selectField({
        id: 'themes-proposed-tag',
        label: t('themes.proposed.tag'),
        value: this._proposedTag,
        options: tags.map((x) => ({ value: x.id, label: `${this._tagPath(x.id)} (${x.proposedCount})` })),
        onChange: (v) => {
          this._proposedTag = v;
          void this._loadProposed().catch((e: unknown) => this._fail(e));
        },
      })}
      <div class="sr-actions">
        <button
          type="button"
          class="button button-primary"
          id="themes-confirm-all"
          ?disabled=${this._busyId !== null}
          @click=${() => void this._decide('confirm', 'all')}
        >
          ${t('themes.proposed.confirmAll', { count: tag?.proposedCount ?? 0 })}
        </button>
      </div>
      ${proposedCodingList(this._proposed, {
        consultationId: this.consultationId,
        busyId: this._busyId,
        onConfirm: (id) => void this._decide('confirm', [id]),
        onReject: (id) => void this._decide('reject', [id]),
      })}
      ${
        this._proposedMore
          ? html`<button
              type="button"
              class="button button-secondary"
              id="themes-proposed-more"
              @click=${() => void this._loadProposed(true).catch((e: unknown) => this._fail(e))}
            >
              ${t('themes.proposed.more')}
            </button>`
          : nothing
      }`;
  }

  private _render(base: Base) {
    const c = base.consultation;
    const title = loc(c.title);
    const scenarios = base.scenarios.map((s) => ({ id: s.id, label: `${s.key} ${loc(s.title)}` }));
    return html`<sr-breadcrumbs
        .items=${[
          { href: '/admin', label: t('nav.admin') },
          { href: `/admin/consultations/${c.id}`, label: title },
          { href: `/admin/consultations/${c.id}/inbox`, label: t('themes.inbox') },
          { label: t('themes.title') },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${t('themes.title')}</h1>
      <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
      ${analysisNav(c.id, 'themes')}
      <p>${t('themes.intro')}</p>
      ${this._flash ? alert('success', this._flash, { id: 'themes-flash' }) : nothing}
      ${this._failure ? errorAlert(this._failure, { id: 'themes-failure' }) : nothing}
      <section class="sr-section" aria-labelledby="themes-start-heading">
        <h2 id="themes-start-heading">${t('themes.form.heading')}</h2>
        ${themeRunForm({
          draft: this._draft,
          errors: this._draftErrors,
          scenarios,
          busy: this._busy,
          onChange: (d) => (this._draft = d),
          onSubmit: () => void this._start(),
        })}
      </section>
      <section class="sr-section" aria-labelledby="themes-run-heading">
        <h2 id="themes-run-heading" tabindex="-1">${t('themes.run.heading')}</h2>
        ${this._runSection()}
      </section>
      <section class="sr-section" aria-labelledby="themes-proposed-heading">
        <h2 id="themes-proposed-heading">${t('themes.proposed.heading')}</h2>
        <p>${t('themes.proposed.intro')}</p>
        ${this._proposedSection()}
      </section>`;
  }

  protected override render() {
    return renderPage(this._task, (base) => this._render(base));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-themes': SrPageThemes;
  }
}
