import { html, nothing, type ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { errorAlert } from '../components/alerts.ts';
import { loadMoreButton } from '../components/load-more.ts';
import { t } from '../i18n/i18n.ts';
import { announce } from './navigation.ts';

/** One page of a cursor-paged list, as every list route answers. */
export type PageOf<T> = { items: T[]; nextCursor: string | null };

export type PagedListOptions<A extends readonly unknown[], T> = {
  /** Fetches one page: the first (cursor null) or the one after `cursor`. */
  fetch: (args: A, cursor: string | null, signal?: AbortSignal) => Promise<PageOf<T>>;
  /** The list's parameters (filters); a change loads the first page again. */
  args: () => A;
  /**
   * After "Load more": the element of the first new item to focus (`index` is its place in the
   * list), so keyboard users go on where the new items start.
   */
  focusNew?: (index: number) => HTMLElement | null | undefined;
};

/**
 * A "Load more" list (issue 9 item 3): the first page through a @lit/task (so the page shows it
 * with renderSection), the next ones on demand, appended, with the button's busy state, its
 * error in place, focus on the first new item and the count announced.
 */
export class PagedListController<A extends readonly unknown[], T> {
  items: T[] = [];
  cursor: string | null = null;
  busy = false;
  moreError: unknown = null;
  readonly task: Task<A, PageOf<T>>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: PagedListOptions<A, T>,
  ) {
    this.task = new Task(host, {
      task: async (args, { signal }) => {
        const page = await opts.fetch(args, null, signal);
        this.items = page.items;
        this.cursor = page.nextCursor;
        this.moreError = null;
        return page;
      },
      args: opts.args,
    });
  }

  /** Replaces the items shown (after a save that adds, changes or removes one). */
  setItems(items: T[]): void {
    this.items = items;
    this.host.requestUpdate();
  }

  /** Loads the next page and appends it; a second call while one is under way does nothing. */
  async more(): Promise<void> {
    if (!this.cursor || this.busy) return;
    this.busy = true;
    this.moreError = null;
    this.host.requestUpdate();
    try {
      const before = this.items.length;
      const page = await this.opts.fetch(this.opts.args(), this.cursor);
      this.items = [...this.items, ...page.items];
      this.cursor = page.nextCursor;
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.opts.focusNew?.(before)?.focus();
      announce(t('common.shown', { shown: this.items.length, more: !!this.cursor }));
    } catch (err) {
      this.moreError = err;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The error of the last "Load more" (if any) and the button (none on the last page). */
  renderMore(id: string) {
    return html`${this.moreError ? errorAlert(this.moreError) : nothing}
    ${loadMoreButton({ id, cursor: this.cursor, busy: this.busy, onClick: () => void this.more() })}`;
  }
}
