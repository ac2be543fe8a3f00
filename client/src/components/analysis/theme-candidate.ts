import { html, nothing } from 'lit';
import type { ThemeCandidate } from '../../api/themes.ts';
import { formatNumber } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import { checkbox, selectField, textField } from '../fields.ts';

/** The names and the place an analyst gives a candidate when accepting it as a tag. */
export type AcceptDraft = { da: string; en: string; parentId: string; propose: boolean };
export const NEW_ACCEPT: AcceptDraft = { da: '', en: '', parentId: '', propose: true };
export type AcceptErrors = Partial<Record<'da' | 'en', string>>;

export type CandidateCardOpts = {
  consultationId: string;
  /** The number shown in its heading, from 1. */
  n: number;
  /** The accept form is open on this card. */
  accepting: boolean;
  draft: AcceptDraft;
  errors: AcceptErrors;
  busy: boolean;
  /** Tags a new tag may go under, as paths in the page's language. */
  parents: { id: string; label: string }[];
  tagName: (id: string) => string;
  onOpen: () => void;
  onCancel: () => void;
  onDraft: (d: AcceptDraft) => void;
  onAccept: () => void;
  onDismiss: () => void;
};

const itemHref = (cid: string, kind: string, id: string) =>
  `/admin/consultations/${encodeURIComponent(cid)}/inbox/${kind}/${id}`;

function acceptForm(c: ThemeCandidate, o: CandidateCardOpts) {
  const d = o.draft;
  const id = `theme-${c.id}`;
  return html`<form
    id="${id}-accept-form"
    class="sr-panel"
    novalidate
    aria-labelledby="${id}-accept-heading"
    @submit=${(e: Event) => {
      e.preventDefault();
      o.onAccept();
    }}
    @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && o.onCancel()}
  >
    <h4 class="h5" id="${id}-accept-heading" tabindex="-1">${t('themes.accept.heading', { n: o.n })}</h4>
    ${textField({
      id: `${id}-name-da`,
      label: t('themes.accept.nameDa'),
      lang: 'da',
      required: true,
      value: d.da,
      error: o.errors.da,
      maxlength: 200,
      onInput: (da) => o.onDraft({ ...d, da }),
    })}
    ${textField({
      id: `${id}-name-en`,
      label: t('themes.accept.nameEn'),
      lang: 'en',
      required: true,
      value: d.en,
      error: o.errors.en,
      maxlength: 200,
      onInput: (en) => o.onDraft({ ...d, en }),
    })}
    ${selectField({
      id: `${id}-parent`,
      label: t('themes.accept.parent'),
      optional: true,
      value: d.parentId,
      placeholder: t('themes.accept.noParent'),
      options: o.parents.map((p) => ({ value: p.id, label: p.label })),
      onChange: (parentId) => o.onDraft({ ...d, parentId }),
    })}
    ${checkbox({
      id: `${id}-propose`,
      label: t('themes.accept.propose', { count: c.memberCount }),
      checked: d.propose,
      onChange: (propose) => o.onDraft({ ...d, propose }),
    })}
    <div class="sr-actions">
      <button type="submit" class="button button-primary" id="${id}-accept-submit" ?disabled=${o.busy}>
        ${t('themes.accept.submit')}
      </button>
      <button type="button" class="button button-tertiary" id="${id}-accept-cancel" @click=${o.onCancel}>
        ${t('common.cancel')}
      </button>
    </div>
  </form>`;
}

/**
 * A candidate theme (issue 11 story 8): its top terms, its member count, quotes of its most
 * central items (each linked to the item), "single voice" in words when it is one, and what was
 * decided; while open, buttons to accept it as a tag (a form) or dismiss it. No I/O.
 */
export function themeCandidateCard(c: ThemeCandidate, o: CandidateCardOpts) {
  const id = `theme-${c.id}`;
  const terms = c.terms.slice(0, 5).map((x) => x.term);
  const title =
    c.kind === 'unmatched'
      ? t('themes.card.unmatched', { n: o.n })
      : t('themes.card.title', { n: o.n, terms: terms.join(', ') });
  return html`<article class="sr-card" id=${id} aria-labelledby="${id}-title">
    <h3 class="h4 sr-card-title" id="${id}-title">${title}</h3>
    <p class="sr-response-meta">
      ${t('themes.card.members', { count: c.memberCount, n: formatNumber(c.memberCount) })}
      ${c.singleVoice ? html` · <span class="badge badge-info">${t('themes.card.singleVoice')}</span>` : nothing}
      ${
        c.status === 'accepted'
          ? html` ·
              <strong>${t('themes.card.accepted', { tag: c.tagId ? o.tagName(c.tagId) : '' })}</strong>
              ${c.proposedCount ? t('themes.card.proposed', { count: c.proposedCount }) : nothing}`
          : c.status === 'dismissed'
            ? html` · <strong>${t('themes.card.dismissed')}</strong>`
            : nothing
      }
    </p>
    ${
      c.terms.length
        ? html`<p><strong>${t('themes.card.terms')}:</strong> ${c.terms.map((x) => x.term).join(' · ')}</p>`
        : nothing
    }
    <h4 class="h6">${t('themes.card.quotes')}</h4>
    <ul class="nobullet-list">
      ${c.quotes.map(
        (q) =>
          html`<li>
            <blockquote class="sr-coding-quote">${q.quote}</blockquote>
            <a href=${itemHref(o.consultationId, q.itemKind, q.itemId)}>${t('themes.card.openItem')}</a>
          </li>`,
      )}
    </ul>
    ${
      c.status === 'open' && !o.accepting
        ? html`<div class="sr-actions">
            <button type="button" class="button button-secondary" id="${id}-accept" @click=${o.onOpen}>
              ${t('themes.card.accept')}<span class="sr-only"> ${title}</span>
            </button>
            <button
              type="button"
              class="button button-tertiary"
              id="${id}-dismiss"
              ?disabled=${o.busy}
              @click=${o.onDismiss}
            >
              ${t('themes.card.dismiss')}<span class="sr-only"> ${title}</span>
            </button>
          </div>`
        : nothing
    }
    ${c.status === 'open' && o.accepting ? acceptForm(c, o) : nothing}
  </article>`;
}

export type ProposedListOpts = {
  consultationId: string;
  busyId: string | null;
  onConfirm: (id: string) => void;
  onReject: (id: string) => void;
};

/** Proposed codings of one tag, each with its item's excerpt and buttons to confirm or reject it. No I/O. */
export function proposedCodingList(
  items: readonly { id: string; itemKind: string; itemId: string; excerpt: string; author: string }[],
  o: ProposedListOpts,
) {
  if (!items.length) return html`<p class="sr-empty" id="themes-proposed-empty">${t('themes.proposed.none')}</p>`;
  return html`<ol class="sr-card-list nobullet-list" id="themes-proposed-list">
    ${items.map(
      (p, i) =>
        html`<li id="proposed-${p.id}">
          <article class="sr-card" aria-labelledby="proposed-${p.id}-title">
            <h4 class="h6 sr-card-title" id="proposed-${p.id}-title">
              <a href=${itemHref(o.consultationId, p.itemKind, p.itemId)}
                >${t('themes.proposed.item', { n: i + 1, author: p.author || t('themes.proposed.anonymous') })}</a
              >
            </h4>
            <p>${p.excerpt}</p>
            <div class="sr-actions">
              <button
                type="button"
                class="button button-secondary"
                id="proposed-${p.id}-confirm"
                ?disabled=${o.busyId !== null}
                @click=${() => o.onConfirm(p.id)}
              >
                ${t('themes.proposed.confirm')}<span class="sr-only"> ${i + 1}</span>
              </button>
              <button
                type="button"
                class="button button-tertiary"
                id="proposed-${p.id}-reject"
                ?disabled=${o.busyId !== null}
                @click=${() => o.onReject(p.id)}
              >
                ${t('themes.proposed.reject')}<span class="sr-only"> ${i + 1}</span>
              </button>
            </div>
          </article>
        </li>`,
    )}
  </ol>`;
}
