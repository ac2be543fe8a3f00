import { html, nothing } from 'lit';
import type { Comment } from '../../api/comments.ts';
import { getLocale, t } from '../../i18n/i18n.ts';

// The parts of a comment that depend on the comment alone, split from sr-comment.ts (issue 9 item 4:
// components stay under about 400 lines).

/** The paragraph a comment was written about, when the text has changed since (else nothing). */
export function commentQuote(c: Comment) {
  const a = c.anchor;
  if (!a || !a.outdated) return nothing;
  const locale = getLocale();
  const text = a.text[locale] ?? a.text[locale === 'da' ? 'en' : 'da'];
  const lang = a.text[locale] ? locale : locale === 'da' ? 'en' : 'da';
  return html`<figure class="sr-comment-quote">
    <figcaption class="sr-muted">${t('comments.earlierVersion', { version: a.version })}</figcaption>
    ${text ? html`<blockquote lang=${lang}>${text}</blockquote>` : nothing}
  </figure>`;
}

/** The comment's text (plain text, never HTML), or why it is gone; staff also see a hidden text. */
export function commentBody(c: Comment) {
  if (c.status === 'deleted') return html`<p class="sr-comment-removed">${t('comments.deletedNotice')}</p>`;
  if (c.status === 'hidden') {
    return html`<p class="sr-comment-removed">${t('comments.removedByModerator', { reason: c.hiddenReason ?? '' })}</p>
      ${
        c.body
          ? html`<p class="sr-comment-body sr-comment-body-hidden">
              <span class="sr-muted">${t('comments.hiddenTextForStaff')}</span> ${c.body}
            </p>`
          : nothing
      }`;
  }
  return html`<p class="sr-comment-body">${c.body}</p>`;
}
