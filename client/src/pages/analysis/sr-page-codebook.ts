import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import {
  archiveTag,
  createTag,
  getCodebook,
  mergeTag,
  moveTag,
  unarchiveTag,
  updateTag,
  type Codebook,
  type CodebookTag,
} from '../../api/codebook.ts';
import { getConsultation } from '../../api/consultations.ts';
import { listScenarios } from '../../api/scenarios.ts';
import type { Consultation, ScenarioSummary } from '../../api/types.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, type AlertVariant } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import { codebookErrorAlert, isStale } from '../../components/analysis/codebook-errors.ts';
import '../../components/analysis/sr-codebook-exchange.ts';
import '../../components/analysis/sr-analysis-exchange.ts';
import '../../components/analysis/sr-codebook-tag-form.ts';
import type { SrCodebookTagSavedEvent, TagDraft } from '../../components/analysis/sr-codebook-tag-form.ts';
import { checkbox } from '../../components/fields.ts';
import { icon } from '../../components/icons.ts';
import '../../components/sr-breadcrumbs.ts';
import { analysisExchangeOps } from './analysis-exchange-ops.ts';
import { codebookExchangeOps } from './codebook-exchange-ops.ts';
import { tagNode, TOP, type CodebookHost, type Panel } from './codebook-tree-view.ts';
import { buildTree, neighbourPosition, pathOf, siblingsOf } from '../../data/codebook-tree.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

/**
 * `/admin/consultations/:consultationId/codebook`: the analysis codebook (issue 11 story 3). The
 * tags as a nested list, each with its name, level, codings and scenario, and its definition and
 * notes on request. Add a theme or a sub-tag, edit, move (to a new parent from a select, or up and
 * down among its siblings, by keyboard), archive and restore, merge into another tag (its codings
 * move, none are lost); copy a codebook from another consultation, export and import it as JSON.
 * A change made on a stale version is refused by the server: the page says so and reloads.
 */
@customElement('sr-page-codebook')
export class SrPageCodebook extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _book: Codebook | null = null;
  @state() private _scenarios: ScenarioSummary[] = [];
  @state() private _showArchived = false;
  @state() private _panel: Panel | null = null;
  @state() private _target = '';
  @state() private _targetError = '';
  @state() private _flash: { variant: AlertVariant; text: string } | null = null;
  @state() private _failure: unknown = null;
  @state() private _busy = false;

  private readonly _task = new Task(this, {
    task: async ([id], { signal }): Promise<Consultation> => {
      const [c, book, scenarios] = await Promise.all([
        getConsultation(id, signal),
        getCodebook(id, { archived: this._showArchived }, signal),
        listScenarios(id, signal),
      ]);
      this._book = book;
      this._scenarios = scenarios;
      return c;
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private get _tags(): CodebookTag[] {
    return this._book?.tags ?? [];
  }

  private get _maxDepth(): number {
    return this._book?.maxDepth ?? 5;
  }

  private _tag(id: string): CodebookTag | undefined {
    return this._tags.find((x) => x.id === id);
  }

  private async _reload(): Promise<void> {
    this._book = await getCodebook(this.consultationId, { archived: this._showArchived });
  }

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    // A form inside a child element renders a step later.
    await Promise.all([...this.querySelectorAll('sr-codebook-tag-form')].map((f) => f.updateComplete));
    const el = this.querySelector<HTMLElement>(selector);
    if (!el) return;
    if (!el.hasAttribute('tabindex') && !(el instanceof HTMLButtonElement || el instanceof HTMLInputElement))
      el.setAttribute('tabindex', '-1');
    el.focus();
  }

  /** A result: shown above the tree and announced; focus goes to `focus`, else to the message. */
  private _done(text: string, focus?: string): void {
    this._flash = { variant: 'success', text };
    this._failure = null;
    announce(text);
    void this._focus(focus ?? '#codebook-flash');
  }

  /** A refused change: a stale version reloads the codebook; anything else is shown at the top. */
  private async _fail(err: unknown): Promise<void> {
    this._flash = null;
    if (isStale(err)) {
      this._panel = null;
      try {
        await this._reload();
        this._flash = { variant: 'warning', text: t('codebook.stale') };
        void this._focus('#codebook-flash');
      } catch (reloadErr) {
        this._failure = reloadErr;
        void this._focus('#codebook-failure');
      }
      return;
    }
    this._failure = err;
    void this._focus('#codebook-failure');
  }

  private _open(panel: Panel): void {
    this._panel = panel;
    this._target = '';
    this._targetError = '';
    this._failure = null;
    this._flash = null;
    void this._focus(panel.kind === 'add' || panel.kind === 'edit' ? '#cbf-heading' : `#cb-${panel.kind}-heading`);
  }

  /** Closes what is open and returns focus to the button that opened it. */
  private _close(): void {
    const p = this._panel;
    this._panel = null;
    if (!p) return;
    if (p.kind === 'add') void this._focus(p.parentId ? `#cb-add-${p.parentId}` : '#codebook-add');
    else void this._focus(`#cb-${p.kind}-${p.id}`);
  }

  private readonly _save = (changes: Partial<TagDraft>): Promise<CodebookTag> => {
    const p = this._panel;
    if (p?.kind === 'edit') {
      const tag = this._tag(p.id)!;
      return updateTag(tag.id, { version: tag.version, ...changes });
    }
    const d = changes as TagDraft;
    return createTag(this.consultationId, {
      parentId: p?.kind === 'add' ? p.parentId : null,
      name: d.name,
      definition: d.definition,
      includeNote: d.includeNote,
      excludeNote: d.excludeNote,
      example: d.example,
      scenarioId: d.scenarioId,
    });
  };

  private async _onSaved(e: SrCodebookTagSavedEvent): Promise<void> {
    const created = this._panel?.kind === 'add';
    this._panel = null;
    await this._reload().catch(() => undefined);
    const name = loc(e.tag.name);
    this._done(created ? t('codebook.created', { name }) : t('codebook.saved', { name }), `#cb-tag-${e.tag.id}`);
  }

  private async _run(work: () => Promise<void>): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    try {
      await work();
    } catch (err) {
      await this._fail(err);
    } finally {
      this._busy = false;
    }
  }

  private _onMove(tag: CodebookTag): Promise<void> {
    if (!this._target) {
      this._targetError = t('errors.required', { field: t('codebook.moveParent') });
      void this._focus('#cb-move-parent');
      return Promise.resolve();
    }
    const parentId = this._target === TOP ? null : this._target;
    return this._run(async () => {
      await moveTag(tag.id, { version: tag.version, parentId, position: 100_000 });
      this._panel = null;
      await this._reload();
      const name = loc(tag.name);
      const parent = parentId ? this._tag(parentId) : undefined;
      this._done(
        parent ? t('codebook.movedUnder', { name, parent: loc(parent.name) }) : t('codebook.movedTop', { name }),
        `#cb-tag-${tag.id}`,
      );
    });
  }

  private _onStep(tag: CodebookTag, delta: -1 | 1): Promise<void> {
    const position = neighbourPosition(this._tags, tag.id, delta);
    if (position === null) return Promise.resolve();
    return this._run(async () => {
      await moveTag(tag.id, { version: tag.version, parentId: tag.parentId, position });
      await this._reload();
      const sibs = siblingsOf(this._tags, tag.id);
      const text = t('codebook.movedPlace', {
        name: loc(tag.name),
        position: sibs.findIndex((s) => s.id === tag.id) + 1,
        count: sibs.length,
      });
      this._flash = { variant: 'success', text };
      this._failure = null;
      announce(text);
      await this.updateComplete;
      const [same, other] = delta < 0 ? ['up', 'down'] : ['down', 'up'];
      const btn =
        this.querySelector<HTMLButtonElement>(`#cb-${same}-${tag.id}:not([disabled])`) ??
        this.querySelector<HTMLButtonElement>(`#cb-${other}-${tag.id}`);
      btn?.focus();
    });
  }

  private _onArchive(tag: CodebookTag, archive: boolean): Promise<void> {
    return this._run(async () => {
      await (archive ? archiveTag(tag.id, tag.version) : unarchiveTag(tag.id, tag.version));
      await this._reload();
      const name = loc(tag.name);
      const shown = !!this._tag(tag.id);
      this._done(
        archive ? t('codebook.archivedDone', { name }) : t('codebook.unarchivedDone', { name }),
        shown ? `#cb-tag-${tag.id}` : undefined,
      );
    });
  }

  private _onMerge(tag: CodebookTag): Promise<void> {
    if (!this._target) {
      this._targetError = t('errors.required', { field: t('codebook.mergeInto') });
      void this._focus('#cb-merge-into');
      return Promise.resolve();
    }
    const intoTagId = this._target;
    return this._run(async () => {
      const result = await mergeTag(tag.id, { version: tag.version, intoTagId });
      this._panel = null;
      await this._reload();
      this._done(
        t('codebook.mergedDone', {
          name: loc(tag.name),
          into: loc(result.into.name),
          count: result.movedCodings,
        }),
        `#cb-tag-${intoTagId}`,
      );
    });
  }

  private async _onToggleArchived(show: boolean): Promise<void> {
    this._showArchived = show;
    this._panel = null;
    await this._run(() => this._reload());
  }

  private async _onExchanged(e: CustomEvent<string>): Promise<void> {
    await this._reload().catch(() => undefined);
    announce(e.detail);
  }

  /** "Theme › Sub-theme › Code", in the current language. */
  private _pathLabel(id: string): string {
    return pathOf(this._tags, id)
      .map((x) => loc(x.name))
      .join(' › ');
  }

  private _scenarioLabel(id: string | null): string | null {
    const s = id ? this._scenarios.find((x) => x.id === id) : undefined;
    return s ? `${s.key} – ${loc(s.title)}` : null;
  }

  private _form(tag: CodebookTag | null, heading: string, level: number) {
    return html`<sr-codebook-tag-form
      .tag=${tag}
      .heading=${heading}
      .level=${level}
      .scenarios=${this._scenarios}
      .save=${this._save}
      @sr-codebook-tag-saved=${(e: SrCodebookTagSavedEvent) => void this._onSaved(e)}
      @sr-codebook-tag-cancel=${() => this._close()}
      @sr-codebook-tag-failed=${(e: CustomEvent<unknown>) => void this._fail(e.detail)}
    ></sr-codebook-tag-form>`;
  }

  /** The tree's view of this page (codebook-tree-view.ts). */
  private _host(): CodebookHost {
    return {
      tags: this._tags,
      maxDepth: this._maxDepth,
      panel: this._panel,
      busy: this._busy,
      target: this._target,
      targetError: this._targetError,
      tag: (id) => this._tag(id),
      pathLabel: (id) => this._pathLabel(id),
      scenarioLabel: (id) => this._scenarioLabel(id),
      form: (tag, heading, level) => this._form(tag, heading, level),
      setTarget: (value) => {
        this._target = value;
        this._targetError = '';
      },
      open: (panel) => this._open(panel),
      close: () => this._close(),
      move: (tag) => this._onMove(tag),
      merge: (tag) => this._onMerge(tag),
      step: (tag, delta) => this._onStep(tag, delta),
      archive: (tag, archive) => this._onArchive(tag, archive),
    };
  }

  private _render(c: Consultation) {
    const title = loc(c.title);
    const tree = buildTree(this._tags);
    const addingTheme = this._panel?.kind === 'add' && this._panel.parentId === null;
    return html` <sr-breadcrumbs
        .items=${[
          { href: '/admin', label: t('nav.admin') },
          { href: `/admin/consultations/${c.id}`, label: title },
          { label: t('codebook.title') },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${t('codebook.title')}</h1>
      <p class="font-lead" lang=${locLang(c.title)}>${title}</p>
      ${analysisNav(c.id, 'codebook')}
      <p>${t('codebook.intro')}</p>
      ${
        this._flash
          ? html`<div id="codebook-flash" tabindex="-1">
              ${alert(this._flash.variant, this._flash.text, { live: false })}
            </div>`
          : nothing
      }
      ${this._failure ? html`<div id="codebook-failure" tabindex="-1">${codebookErrorAlert(this._failure)}</div>` : nothing}
      ${checkbox({
        id: 'codebook-show-archived',
        label: t('codebook.showArchived'),
        checked: this._showArchived,
        onChange: (show) => void this._onToggleArchived(show),
      })}
      ${
        tree.length
          ? html`<ul class="sr-codebook-tree" id="codebook-tree" aria-label=${t('codebook.treeLabel')}>
              ${repeat(
                tree,
                (n) => n.tag.id,
                (n) => tagNode(this._host(), n),
              )}
            </ul>`
          : html`<p class="sr-empty">${t('codebook.empty')}</p>`
      }
      ${
        addingTheme
          ? this._form(null, t('codebook.form.addTheme'), 2)
          : html`<p class="sr-actions">
              <button
                type="button"
                class="button button-secondary sr-button-icon"
                id="codebook-add"
                @click=${() => this._open({ kind: 'add', parentId: null })}
              >
                ${icon('plus')}${t('codebook.addTheme')}
              </button>
            </p>`
      }
      <sr-codebook-exchange
        .ops=${codebookExchangeOps}
        .consultationId=${c.id}
        @sr-codebook-changed=${(e: CustomEvent<string>) => void this._onExchanged(e)}
      ></sr-codebook-exchange>
      <sr-analysis-exchange
        .ops=${analysisExchangeOps}
        .consultationId=${c.id}
        @sr-codebook-changed=${(e: CustomEvent<string>) => void this._onExchanged(e)}
      ></sr-analysis-exchange>`;
  }

  protected override render() {
    return renderPage(this._task, (c) => this._render(c));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-codebook': SrPageCodebook;
  }
}
