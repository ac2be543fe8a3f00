import { html, nothing } from 'lit';
import type { ItemCoding } from '../../api/codings.ts';
import type { InboxItemDetail } from '../../api/inbox-item.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { loc, t } from '../../i18n/i18n.ts';

export type CodingListOpts = {
  item: InboxItemDetail;
  /** The tags' paths by id, in the page's language. */
  paths: ReadonlyMap<string, string>;
  meId: string | undefined;
  busyId: string | null;
  onChange: (c: ItemCoding) => void;
  onRemove: (c: ItemCoding) => void;
};

/** Where a coding points: the whole item, a whole text, or a quote. */
export function codingTarget(c: ItemCoding, item: InboxItemDetail): string {
  if (c.field === null) return t('item.target.item');
  const text = item.texts.find((x) => x.field === c.field);
  const label = text?.label ? loc(text.label) : t('item.bodyLabel');
  if (c.startOffset === null) return t('item.target.text', { label });
  return t('item.target.passage', { label });
}

/**
 * The codings of an item, oldest first, each with its number (the marker in the text), its tag's
 * path, what it points at (with the quote), stance, note, coder and date, whether it was made on an
 * earlier version of the response, and buttons to change or remove it.
 */
export function itemCodingList(codings: readonly ItemCoding[], o: CodingListOpts) {
  if (!codings.length) return html`<p class="sr-empty" id="item-codings-empty">${t('item.codings.none')}</p>`;
  return html`<ol class="sr-card-list nobullet-list sr-item-codings" id="item-codings">
    ${codings.map((c, i) => {
      const n = i + 1;
      const path = o.paths.get(c.tagId) ?? t('item.codings.unknownTag');
      return html`<li id="item-coding-${c.id}" data-coding=${c.id}>
        <article class="sr-card" aria-labelledby="item-coding-${c.id}-title">
          <h3 class="h5 sr-card-title" id="item-coding-${c.id}-title">
            <span class="sr-coding-number">[${n}]</span> ${path}
          </h3>
          <p class="sr-response-meta">
            ${codingTarget(c, o.item)}
            ${c.stance ? html` · ${t('item.codings.stance')}: ${t(`inbox.stance.${c.stance}`)}` : nothing}
            ${c.outdated ? html` <span class="badge badge-warning">${t('item.codings.outdated')}</span>` : nothing}
            ${c.status === 'proposed' ? html` <span class="badge badge-info">${t('item.codings.proposed')}</span>` : nothing}
          </p>
          ${c.quote ? html`<blockquote class="sr-coding-quote">${c.quote}</blockquote>` : nothing}
          ${c.note ? html`<p class="sr-coding-note"><strong>${t('item.codings.note')}:</strong> ${c.note}</p>` : nothing}
          <p class="sr-response-meta">
            ${
              c.coderId === o.meId
                ? t('item.codings.byYou')
                : c.coderName
                  ? t('item.codings.byName', { name: c.coderName })
                  : t('item.codings.byOther')
            }
            ·
            <time datetime=${c.updatedAt}>${formatDateTime(c.updatedAt)}</time>
          </p>
          <div class="sr-actions">
            <button
              type="button"
              class="button button-secondary"
              id="item-coding-${c.id}-change"
              ?disabled=${o.busyId === c.id}
              @click=${() => o.onChange(c)}
            >
              ${t('item.codings.change')}<span class="sr-only"> [${n}] ${path}</span>
            </button>
            <button
              type="button"
              class="button button-tertiary"
              id="item-coding-${c.id}-remove"
              ?disabled=${o.busyId === c.id}
              @click=${() => o.onRemove(c)}
            >
              ${t('item.codings.remove')}<span class="sr-only"> [${n}] ${path}</span>
            </button>
          </div>
        </article>
      </li>`;
    })}
  </ol>`;
}
