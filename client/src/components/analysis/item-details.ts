import { html, nothing } from 'lit';
import type { InboxItemDetail } from '../../api/inbox-item.ts';
import { formatDate, formatDateTime } from '../../i18n/format.ts';
import { sourceLabel } from './source-label.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

/** A closed answer's value as words (a choice's value, a list of them, a number, yes or no). */
function answerText(value: unknown): string {
  if (value === null || value === undefined || value === '') return t('common.notSet');
  if (Array.isArray(value)) return value.map(answerText).join(', ');
  if (typeof value === 'boolean') return value ? t('item.yes') : t('item.no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number);
}

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} kB`;

/** Who sent the item, for staff only: name, e-mail, acting as, organisation, how it came in, when. */
export function itemAuthor(item: InboxItemDetail) {
  const a = item.author;
  const source = item.sourceStatus === 'submitted' || item.sourceStatus === 'visible' ? null : item.sourceStatus;
  const row = (label: string, value: unknown) =>
    html`<dt>${label}</dt>
      <dd>${value}</dd>`;
  // A stakeholder input (issue 13 story 4): its parties, and the day of the meeting.
  const input = item.kind === 'stakeholder_input';
  return html`<dl class="sr-item-author" id="item-author">
    ${row(input ? t('item.author.parties') : t('item.author.name'), a.name)}
    ${a.email ? row(t('item.author.email'), a.email) : nothing}
    ${a.actingAs ? row(t('item.author.actingAs'), t(`inbox.actingAs.${a.actingAs}`)) : nothing}
    ${a.organisationName ? row(t('item.author.organisation'), a.organisationName) : nothing}
    ${a.cvr ? row(t('item.author.cvr'), a.cvr) : nothing}
    ${a.invited === null ? nothing : row(t('item.author.invited'), a.invited ? t('item.yes') : t('item.no'))}
    ${a.channel && a.channel !== 'web' ? row(t('item.author.channel'), t(`inbox.channel.${a.channel}`)) : nothing}
    ${
      input
        ? row(t('item.heldOn'), html`<time datetime=${item.receivedAt}>${formatDate(item.receivedAt)}</time>`)
        : row(t('item.received'), html`<time datetime=${item.receivedAt}>${formatDateTime(item.receivedAt)}</time>`)
    }
    ${
      item.editedAt
        ? row(
            t('item.edited'),
            html`<time datetime=${item.editedAt}>${formatDateTime(item.editedAt)}</time>
              (${t('item.version', { version: item.version })})`,
          )
        : nothing
    }
    ${source ? row(t('item.source'), sourceLabel(item.kind, source)) : nothing}
  </dl>`;
}

/**
 * Further facts of an item (issue 13: a user-test finding's severity, frequency, status and
 * sessions), with a link to the finding's own page.
 */
export function itemFacts(item: InboxItemDetail, consultationId: string) {
  const facts = item.facts ?? [];
  if (!facts.length) return nothing;
  return html`<section class="sr-section" aria-labelledby="item-facts-heading">
    <h2 id="item-facts-heading">${t('item.facts')}</h2>
    <dl class="sr-item-author" id="item-facts">
      ${facts.map(
        (f) =>
          html`<dt>${loc(f.label)}</dt>
            <dd>${loc(f.value)}</dd>`,
      )}
    </dl>
    ${
      item.kind === 'finding' && item.sourceStatus !== 'deleted'
        ? html`<p>
            <a id="item-open-finding" href="/admin/consultations/${consultationId}/findings/${item.id}"
              >${t('item.openFinding')}</a
            >
          </p>`
        : nothing
    }
  </section>`;
}

/** The answers to the closed questions, read-only. */
export function itemChoices(item: InboxItemDetail) {
  if (!item.choices.length) return nothing;
  return html`<section class="sr-section" aria-labelledby="item-choices-heading">
    <h2 id="item-choices-heading">${t('item.choices')}</h2>
    <dl class="sr-item-choices" id="item-choices">
      ${item.choices.map(
        (c) =>
          html`<dt lang=${locLang(c.prompt)}>${loc(c.prompt)}</dt>
            <dd>${answerText(c.value)}</dd>`,
      )}
    </dl>
  </section>`;
}

/** The attached files, each a download, with whether its text could be read for coding. */
export function itemFiles(item: InboxItemDetail) {
  if (!item.files.length) return nothing;
  return html`<section class="sr-section" aria-labelledby="item-files-heading">
    <h2 id="item-files-heading">${t('item.files')}</h2>
    <ul id="item-files">
      ${item.files.map(
        (f) =>
          html`<li>
            <a href=${f.url} download=${f.filename}>${f.filename}</a> (${kb(f.sizeBytes)}) ·
            ${t(`item.extraction.${f.extraction}`)}
          </li>`,
      )}
    </ul>
  </section>`;
}

/**
 * A response's earlier versions, newest first, each closed until opened (a native disclosure, so
 * keyboard and screen readers need nothing more): the texts as they were when saved. Codings made on
 * one say which version they were made on.
 */
export function itemEarlierVersions(item: InboxItemDetail) {
  if (!item.earlierVersions.length) return nothing;
  return html`<section class="sr-section" aria-labelledby="item-versions-heading">
    <h2 id="item-versions-heading">${t('item.versions.heading', { count: item.earlierVersions.length })}</h2>
    <p>${t('item.versions.intro')}</p>
    ${item.earlierVersions.map(
      (v) =>
        html`<details class="sr-item-version" id="item-version-${v.version}">
          <summary>
            ${t('item.versions.summary', { version: v.version })} ·
            <time datetime=${v.savedAt}>${formatDateTime(v.savedAt)}</time>
          </summary>
          ${v.texts.map(
            (x) =>
              html`<h3 class="h5">
                  ${x.label ? html`<span lang=${locLang(x.label)}>${loc(x.label)}</span>` : t('item.bodyLabel')}
                </h3>
                <p class="sr-item-version-text">${x.text}</p>`,
          )}
        </details>`,
    )}
  </section>`;
}
