import { html } from 'lit';
import { ApiError } from '../../api/http.ts';
import { tDynamic } from '../../i18n/i18n.ts';
import { alert, errorDetail, errorMessage } from '../alerts.ts';

/** A stale version: someone else changed the tag; the page reloads the codebook. */
export const isStale = (err: unknown): boolean => err instanceof ApiError && err.code === 'STALE_VERSION';

/** The server's reason for a refused codebook change (`details.reason`), translated when known. */
export function reasonText(err: unknown): string {
  const reason = err instanceof ApiError ? err.details?.['reason'] : undefined;
  return typeof reason === 'string' ? tDynamic(`codebook.reason.${reason}`, '') : '';
}

/** An error alert for a codebook change: the code's message and, when the server gave one, the reason. */
export function codebookErrorAlert(err: unknown, opts: { id?: string } = {}) {
  const reason = reasonText(err);
  return alert(
    'error',
    reason ? html`${errorMessage(err)} ${reason}` : html`${errorMessage(err)}${errorDetail(err)}`,
    opts,
  );
}
