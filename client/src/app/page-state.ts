import { html } from 'lit';
import type { Task } from '@lit/task';
import { ApiError } from '../api/http.ts';
import { errorAlert, loading } from '../components/alerts.ts';
import { t } from '../i18n/i18n.ts';
import '../pages/public/sr-page-not-found.ts';

/**
 * One way for a page to show the state of the data it loads (issue 9 item 3): a spinner while it
 * loads, the not-found page when the address names nothing, a failed page otherwise. Each page
 * passes its @lit/task and what to render with the data.
 */

/** The address names nothing: 404, or 400 for an id that is not even well formed. */
export const isNotFound = (e: unknown): boolean => e instanceof ApiError && (e.status === 404 || e.status === 400);

/** The page that failed to load: a heading (it takes focus like any page's) and the error. */
export const loadFailed = (e: unknown) =>
  html`<h1 tabindex="-1">${t('errors.loadFailed')}</h1>
    ${errorAlert(e)}`;

/** A whole page from its task: loading, not found, failed, or `complete(data)`. */
export function renderPage<A extends readonly unknown[], T>(
  task: Task<A, T>,
  complete: (value: T) => unknown,
  opts: { pending?: () => unknown } = {},
): unknown {
  return task.render({
    pending: opts.pending ?? loading,
    error: (e) => (isNotFound(e) ? html`<sr-page-not-found></sr-page-not-found>` : loadFailed(e)),
    complete,
  });
}

/** A part of a page (a list, a table) from its task: loading, the error in place, or `complete(data)`. */
export function renderSection<A extends readonly unknown[], T>(
  task: Task<A, T>,
  complete: (value: T) => unknown,
  opts: { pending?: () => unknown } = {},
): unknown {
  return task.render({ pending: opts.pending ?? loading, error: (e) => errorAlert(e), complete });
}
