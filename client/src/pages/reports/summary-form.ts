import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { type AgencyAnswer, ANSWERS, type Passage } from '../../api/summaries.ts';
import { checkbox, fieldsetGroup, radio, textField } from '../../components/fields.ts';
import { t } from '../../i18n/i18n.ts';
import { quoteText, sourceText } from './summary-parts.ts';

/** Form parts of the theme summary editor (issue 14 story 5); the page keeps the state. */

type Localized = { da: string; en: string };

/**
 * The citation picker's list: one checkbox per coded passage of the theme (quote, then source, and
 * whether a summary cites it already), ticked when sentence `n` cites it. Checkboxes, so Tab, Space
 * and a screen reader work as everywhere else.
 */
export function pickerList(o: {
  n: number;
  items: readonly Passage[];
  chosen: ReadonlySet<string>;
  onToggle: (p: Passage, on: boolean) => void;
}) {
  return fieldsetGroup(
    { id: 'picker-list', legend: t('summary.picker', { n: o.n }) },
    html`<ul class="sr-passages sr-plain-list">
      ${repeat(
        o.items,
        (p) => p.codingId,
        (p, k) =>
          html`<li class="form-group-checkbox">
            <input
              type="checkbox"
              class="form-checkbox"
              id="pick-${k}"
              .checked=${live(o.chosen.has(p.codingId))}
              @change=${(e: Event) => o.onToggle(p, (e.target as HTMLInputElement).checked)}
            />
            <label class="form-label" for="pick-${k}"
              >“${quoteText(p)}”
              <span class="weight-normal"
                >(${sourceText(p)}${p.cited ? html`; ${t('summary.citedElsewhere')}` : nothing})</span
              ></label
            >
          </li>`,
      )}
    </ul>`,
  );
}

/** The agency's answer (radios), its reason and the change made in both languages, and "ready". */
export function answerFields(o: {
  answer: AgencyAnswer | null;
  reason: Localized;
  change: Localized;
  ready: boolean;
  onAnswer: (a: AgencyAnswer) => void;
  onReason: (v: Partial<Localized>) => void;
  onChange: (v: Partial<Localized>) => void;
  onReady: (v: boolean) => void;
}) {
  const text = (id: string, label: string, lang: 'da' | 'en', value: string, set: (v: string) => void) =>
    textField({ id, label, lang, rows: 3, maxlength: 20_000, value, onInput: set });
  return html`${fieldsetGroup(
      { id: 'answer', legend: t('summary.answer'), hint: t('summary.answerHint') },
      ANSWERS.map((a) =>
        radio({
          id: `answer-${a}`,
          name: 'answer',
          value: a,
          label: t(`summaries.answer.${a}`),
          checked: o.answer === a,
          onSelect: () => o.onAnswer(a),
        }),
      ),
    )}
    ${text('reason-da', t('summary.reasonDa'), 'da', o.reason.da, (v) => o.onReason({ da: v }))}
    ${text('reason-en', t('summary.reasonEn'), 'en', o.reason.en, (v) => o.onReason({ en: v }))}
    ${text('change-da', t('summary.changeDa'), 'da', o.change.da, (v) => o.onChange({ da: v }))}
    ${text('change-en', t('summary.changeEn'), 'en', o.change.en, (v) => o.onChange({ en: v }))}
    ${checkbox({ id: 'summary-ready', label: t('summary.ready'), checked: o.ready, onChange: o.onReady })}
    <p class="form-hint">${t('summary.readyHint')}</p>`;
}
