import './used.css';
import { html, nothing, type TemplateResult } from 'lit';
import type { UsedItem, UsedTheme, UsedView } from '../../api/used.ts';
import { formatDate } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

/**
 * "How your input was used" (issue 14 story 7), rendered for the respondent's edit page and the
 * participant's account page: each own item with the themes it was coded with, where the report
 * quotes it, and the agency's answers. `level` is the heading level of the items (themes one below).
 */
type Level = 2 | 3;

/** A heading at a level the caller's page decides (the edit page nests one deeper than the account page). */
function heading(level: number, content: unknown, id?: string, lang?: string) {
  const a = { id: id ?? nothing, lang: lang ?? nothing };
  switch (level) {
    case 2:
      return html`<h2 id=${a.id} lang=${a.lang}>${content}</h2>`;
    case 3:
      return html`<h3 id=${a.id} lang=${a.lang}>${content}</h3>`;
    case 4:
      return html`<h4 id=${a.id} lang=${a.lang}>${content}</h4>`;
    default:
      return html`<h5 id=${a.id} lang=${a.lang}>${content}</h5>`;
  }
}

const ANSWER_VARIANT: Record<NonNullable<UsedTheme['answer']>, string> = {
  accommodated: 'badge-success',
  partly: 'badge-warning',
  not_accommodated: 'badge-error',
};

function answerBadge(answer: UsedTheme['answer']) {
  return answer
    ? html`<span class="badge ${ANSWER_VARIANT[answer]} sr-used-answer" data-answer=${answer}
        >${t(`used.answer.${answer}`)}</span
      >`
    : html`<span class="sr-used-answer sr-empty" data-answer="none">${t('used.answer.none')}</span>`;
}

const filled = (l: { da: string; en: string }) => l.da.trim() !== '' || l.en.trim() !== '';

function theme(th: UsedTheme, level: number) {
  return html`<li class="sr-used-theme" data-tag=${th.tagId}>
    ${heading(level, loc(th.name), undefined, locLang(th.name))}
    <p>${th.inReport ? answerBadge(th.answer) : html`<span class="sr-empty">${t('used.notInReport')}</span>`}</p>
    ${th.cited ? html`<p>${t('used.cited')}</p>` : nothing}
    ${
      th.quotes.length
        ? html`<p class="sr-used-quoted">${t('used.quoted')}:</p>
            ${th.quotes.map((q) => html`<blockquote class="sr-used-quote">${q.text}</blockquote>`)}`
        : nothing
    }
    ${
      filled(th.answerReason) || filled(th.changeMade)
        ? html`<dl class="sr-used-answer-text">
            ${
              filled(th.answerReason)
                ? html`<dt>${t('used.reason')}</dt>
                    <dd lang=${locLang(th.answerReason)}>${loc(th.answerReason)}</dd>`
                : nothing
            }
            ${
              filled(th.changeMade)
                ? html`<dt>${t('used.change')}</dt>
                    <dd lang=${locLang(th.changeMade)}>${loc(th.changeMade)}</dd>`
                : nothing
            }
          </dl>`
        : nothing
    }
  </li>`;
}

const themes = (list: readonly UsedTheme[], level: number) =>
  list.length
    ? html`<ul class="sr-used-themes nobullet-list">
        ${list.map((th) => theme(th, level))}
      </ul>`
    : html`<p class="sr-empty">${t('used.none')}</p>`;

function item(it: UsedItem, level: Level): TemplateResult {
  const title =
    it.kind === 'response' ? t('used.response', { code: it.label }) : t('used.comment', { label: it.label });
  return html`<article class="sr-used-item" data-item=${it.id} aria-labelledby="used-${it.id}">
    ${heading(level, title, `used-${it.id}`)}
    ${
      it.campaign
        ? html`<section class="sr-used-campaign" aria-labelledby="used-campaign-${it.id}">
              ${heading(level + 1, t('used.campaignHeading', { n: it.campaign.memberCount }), `used-campaign-${it.id}`)}
              <p>${t('used.campaignIntro')}</p>
              ${themes(it.campaign.themes, level + 2)}
            </section>
            <section class="sr-used-additions" aria-labelledby="used-additions-${it.id}">
              ${heading(level + 1, t('used.additionsHeading'), `used-additions-${it.id}`)}
              ${themes(it.themes, level + 2)}
            </section>`
        : themes(it.themes, level + 1)
    }
  </article>`;
}

/** The intro (which report, when) and a link to the published report on the consultation's page. */
export const usedIntro = (v: UsedView) =>
  html`<p>${t('used.intro', { n: v.report.number, date: formatDate(v.report.publishedAt) })}</p>
    <p>
      <a href="/consultations/${encodeURIComponent(v.consultation.slug)}" id="used-report-link">${t('used.report')}</a>
    </p>`;

/** The items, their headings at `level`. */
export const usedItems = (v: UsedView, level: Level) =>
  v.items.length ? v.items.map((it) => item(it, level)) : html`<p class="sr-empty">${t('used.noItems')}</p>`;

/** The edit page's section (an h2 under the page's h1). */
export const usedSection = (v: UsedView) =>
  html`<section class="sr-section sr-used" id="used" aria-labelledby="used-heading">
    <h2 id="used-heading">${t('used.heading')}</h2>
    ${usedIntro(v)} ${usedItems(v, 3)}
  </section>`;
