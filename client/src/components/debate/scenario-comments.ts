import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import type { CommentList, Thread } from '../../api/comments.ts';
import { announce } from '../../app/navigation.ts';
import { currentUser } from '../../app/session.ts';
import { t } from '../../i18n/i18n.ts';
import { errorAlert, loading } from '../alerts.ts';
import type { CommentOps } from './comment-ops.ts';
import { SrCommentsChangedEvent } from './events.ts';
import './sr-comment-threads.ts';
import './sr-paragraph-comments.ts';
import './debate.css';

/**
 * The comments of a scenario page (issue #5 story 2), as a controller the page adds: it loads the
 * threads, renders the "N comments" disclosure under each paragraph and the section for comments
 * on the whole scenario, and reloads, refocuses and announces after every change.
 */
export class ScenarioComments implements ReactiveController {
  readonly task: Task<readonly [string], CommentList>;
  private _opened: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    scenarioId: () => string,
    /** The server operations (the page's), threaded down to every comment and form. */
    private readonly ops: CommentOps,
  ) {
    host.addController(this);
    this.task = new Task(host, {
      task: ([id], { signal }) => this.ops.list(id, signal),
      args: () => [scenarioId()] as const,
    });
  }

  hostConnected(): void {
    this.host.addEventListener(SrCommentsChangedEvent.eventName, this._onChanged);
  }

  hostDisconnected(): void {
    this.host.removeEventListener(SrCommentsChangedEvent.eventName, this._onChanged);
  }

  /** Resolves when the comments are loaded (or failed), so a `#comment-…` link finds its target. */
  get ready(): Promise<unknown> {
    return this.task.taskComplete.catch(() => undefined).then(() => this._settle());
  }

  private async _settle(): Promise<void> {
    // Nested elements render in the microtasks after the host: wait for them before focusing.
    await this.host.updateComplete;
    for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }

  private readonly _onChanged = (e: SrCommentsChangedEvent) => {
    const origin = e.target as HTMLElement;
    const fallback =
      origin.closest('.sr-paragraph-comments')?.querySelector<HTMLElement>('.sr-comments-toggle')?.id ??
      'scenario-comments-heading';
    void (async () => {
      await this.task.run();
      await this._settle();
      const target = (e.focusId && document.getElementById(e.focusId)) || document.getElementById(fallback);
      target?.focus();
      if (e.message) announce(e.message);
    })();
  };

  private get _list(): CommentList | undefined {
    return this.task.value;
  }

  /** The paragraph a `#comment-<id>` address points into, opened on first load. */
  private _openedByHash(list: CommentList): string | null {
    if (this._opened !== null) return this._opened;
    const m = /^#comment-(.+)$/.exec(location.hash);
    let pid = '';
    if (m) {
      const id = decodeURIComponent(m[1]!);
      const thread = list.items.find((th) => th.id === id || th.replies.some((r) => r.id === id));
      if (thread?.anchor && !thread.anchor.outdated) pid = thread.anchor.paragraphId;
    }
    this._opened = pid;
    return pid;
  }

  private _threadsOn(pid: string): Thread[] {
    return (this._list?.items ?? []).filter((th) => th.anchor?.paragraphId === pid && !th.anchor.outdated);
  }

  /** How many visible comments a paragraph has (0 until the comments are loaded). */
  countOn(pid: string): number {
    return this._list?.paragraphCounts[pid] ?? 0;
  }

  /** Under paragraph `n` (1-based): its comment count and thread. */
  paragraph(pid: string, n: number) {
    const list = this._list;
    if (!list) return nothing;
    return html`<sr-paragraph-comments
      .comments=${this.ops}
      .scenarioId=${list.scenarioId}
      .paragraphId=${pid}
      .number=${n}
      .count=${list.paragraphCounts[pid] ?? 0}
      .threads=${this._threadsOn(pid)}
      .currentVersion=${list.currentVersion}
      ?open=${this._openedByHash(list) === pid}
      ?acceptsInput=${list.acceptsInput}
      ?canModerate=${list.canModerate}
      ?signedIn=${!!currentUser()}
    ></sr-paragraph-comments>`;
  }

  /** The section for comments on the whole scenario (and those on paragraphs no longer shown). */
  section(shownParagraphs: ReadonlySet<string>) {
    const list = this._list;
    const body = () => {
      if (!list) {
        return this.task.render({ pending: () => loading(), error: (e) => errorAlert(e) });
      }
      const threads = list.items.filter(
        (th) => !th.anchor || th.anchor.outdated || !shownParagraphs.has(th.anchor.paragraphId),
      );
      return html`<p class="sr-muted" id="comments-total">${t('comments.total', { count: list.total })}</p>
        <sr-comment-threads
          .comments=${this.ops}
          .scenarioId=${list.scenarioId}
          .threads=${threads}
          .currentVersion=${list.currentVersion}
          ?acceptsInput=${list.acceptsInput}
          ?canModerate=${list.canModerate}
          ?signedIn=${!!currentUser()}
          .formLabel=${t('comments.scenarioFormLabel')}
          .emptyText=${t('comments.noneOnScenario')}
        ></sr-comment-threads>`;
    };
    return html`<section
      class="sr-section sr-comments-section"
      id="scenario-comments"
      aria-labelledby="scenario-comments-heading"
    >
      <h2 id="scenario-comments-heading" tabindex="-1">${t('comments.scenarioHeading')}</h2>
      <p>${t('comments.scenarioIntro')}</p>
      ${body()}
    </section>`;
  }
}
