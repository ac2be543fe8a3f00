import { html, nothing, type TemplateResult } from 'lit';
import { t } from '../i18n/i18n.ts';

/** The "Load more" button of a cursor-paged list; nothing when there is no next page. */
export function loadMoreButton(opts: {
  id: string;
  cursor: string | null;
  busy: boolean;
  onClick: () => void;
}): TemplateResult | typeof nothing {
  if (!opts.cursor) return nothing;
  return html`<button
    type="button"
    class="button button-secondary sr-load-more"
    id=${opts.id}
    ?disabled=${opts.busy}
    @click=${opts.onClick}
  >
    ${opts.busy ? t('common.loadingMore') : t('common.loadMore')}
  </button>`;
}
