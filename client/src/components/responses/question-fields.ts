import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { Question } from '../../api/questions.ts';
import type { ScenarioSummary } from '../../api/types.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { activeScenarios, questionField, type AnswerInput } from '../../data/response-model.ts';
import { fieldError, radio } from '../fields.ts';

/**
 * One question of the questionnaire as form controls: a textarea, radios, checkboxes, a 1–5 scale
 * (radios), or a 1–5 scale per scenario (a fieldset with a legend per scenario row).
 */
export type QuestionFieldOpts = {
  question: Question;
  scenarios: readonly ScenarioSummary[];
  value: AnswerInput | undefined;
  error?: string | undefined;
  /** Nothing can be changed: choices disabled, a text answer read only (it can still be copied). */
  disabled?: boolean;
  onChange: (value: AnswerInput | undefined) => void;
};

const requiredMark = (required: boolean) =>
  required
    ? html`<span class="sr-required" aria-hidden="true"> *</span><span class="sr-only"> ${t('resp.requiredSr')}</span>`
    : html`<span class="weight-normal"> ${t('common.optional')}</span>`;

const SCALE = [1, 2, 3, 4, 5] as const;

export function questionFieldTemplate(o: QuestionFieldOpts): TemplateResult {
  const q = o.question;
  const id = questionField(q);
  const help = loc(q.help);
  const hintId = help || q.kind === 'scale' || q.kind === 'scenario_scale' ? `${id}-hint` : '';
  const described = [hintId, o.error ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const prompt = html`<span lang=${locLang(q.prompt)}>${loc(q.prompt)}</span>${requiredMark(q.required)}`;
  const hint = hintId
    ? html`<span class="form-hint" id=${hintId}
        >${help ? html`<span lang=${locLang(q.help)}>${help}</span> ` : nothing}${
          q.kind === 'scale' || q.kind === 'scenario_scale' ? t('resp.scaleHint') : nothing
        }</span
      >`
    : nothing;
  const groupClass = `form-group sr-question sr-question-${q.kind} ${o.error ? 'form-error' : ''}`;

  if (q.kind === 'text') {
    return html`<div class=${groupClass}>
      <label class="form-label" for=${id}>${prompt}</label>
      ${hint} ${fieldError(id, o.error)}
      <textarea
        class="form-input"
        id=${id}
        rows="5"
        ?required=${q.required}
        ?readonly=${!!o.disabled}
        aria-invalid=${o.error ? 'true' : nothing}
        aria-describedby=${described}
        .value=${live(typeof o.value === 'string' ? o.value : '')}
        @input=${(e: Event) => o.onChange((e.target as HTMLTextAreaElement).value)}
      ></textarea>
    </div>`;
  }

  if (q.kind === 'single' || q.kind === 'multi') {
    const selected = q.kind === 'multi' ? (Array.isArray(o.value) ? o.value : []) : [];
    return html`<div class=${groupClass}>
      <fieldset id=${id} aria-describedby=${described}>
        <legend class="form-label">${prompt}</legend>
        ${hint} ${fieldError(id, o.error)}
        ${q.options.map((opt) =>
          q.kind === 'single'
            ? radio({
                id: `${id}-${opt.id}`,
                name: id,
                value: opt.id,
                label: loc(opt.label),
                lang: locLang(opt.label),
                checked: o.value === opt.id,
                disabled: o.disabled,
                onSelect: () => o.onChange(opt.id),
              })
            : html`<div class="form-group-checkbox">
                <input
                  type="checkbox"
                  class="form-checkbox"
                  id="${id}-${opt.id}"
                  value=${opt.id}
                  ?disabled=${!!o.disabled}
                  .checked=${live(selected.includes(opt.id))}
                  @change=${(e: Event) => {
                    const on = (e.target as HTMLInputElement).checked;
                    const next = on
                      ? q.options.map((x) => x.id).filter((x) => x === opt.id || selected.includes(x))
                      : selected.filter((x) => x !== opt.id);
                    o.onChange(next.length ? next : undefined);
                  }}
                />
                <label class="form-label" for="${id}-${opt.id}" lang=${locLang(opt.label)}>${loc(opt.label)}</label>
              </div>`,
        )}
      </fieldset>
    </div>`;
  }

  if (q.kind === 'scale') {
    return html`<div class=${groupClass}>
      <fieldset id=${id} aria-describedby=${described}>
        <legend class="form-label">${prompt}</legend>
        ${hint} ${fieldError(id, o.error)}
        <div class="sr-scale">
          ${SCALE.map((n) =>
            radio({
              id: `${id}-${n}`,
              name: id,
              value: String(n),
              label: html`${n}<span class="sr-only"> ${t(`resp.scale.${n}`)}</span>`,
              checked: o.value === n,
              disabled: o.disabled,
              onSelect: () => o.onChange(n),
            }),
          )}
        </div>
      </fieldset>
    </div>`;
  }

  // scenario_scale: one row (fieldset) per scenario.
  const rows = o.value && typeof o.value === 'object' && !Array.isArray(o.value) ? o.value : {};
  return html`<div class=${groupClass}>
    <fieldset id=${id} aria-describedby=${described}>
      <legend class="form-label">${prompt}</legend>
      ${hint} ${fieldError(id, o.error)}
      <div class="sr-scenario-scale">
        <div class="sr-scenario-scale-head" aria-hidden="true">
          <span></span>${SCALE.map((n) => html`<span>${n}</span>`)}
        </div>
        ${activeScenarios(o.scenarios).map(
          (s) =>
            html`<fieldset class="sr-scenario-scale-row" id="${id}-${s.id}">
              <legend>
                <span class="sr-key">${s.key}</span> <span lang=${locLang(s.title)}>${loc(s.title)}</span>
              </legend>
              <div class="sr-scale">
                ${SCALE.map((n) =>
                  radio({
                    id: `${id}-${s.id}-${n}`,
                    name: `${id}-${s.id}`,
                    value: String(n),
                    label: html`<span class="sr-scale-number">${n}</span
                      ><span class="sr-only"> ${t(`resp.scale.${n}`)}</span>`,
                    checked: rows[s.id] === n,
                    disabled: o.disabled,
                    onSelect: () => o.onChange({ ...rows, [s.id]: n }),
                  }),
                )}
              </div>
            </fieldset>`,
        )}
      </div>
    </fieldset>
  </div>`;
}

/** An answer as text, for read-only views (the published list, the queue, the edit page). */
export function answerText(q: Question, value: unknown, scenarios: readonly ScenarioSummary[]): string {
  if (value === undefined || value === null) return t('resp.noAnswer');
  switch (q.kind) {
    case 'text':
      return String(value);
    case 'single': {
      const opt = q.options.find((x) => x.id === value);
      return opt ? loc(opt.label) : String(value);
    }
    case 'multi':
      return Array.isArray(value)
        ? value
            .map((v) => {
              const opt = q.options.find((x) => x.id === v);
              return opt ? loc(opt.label) : String(v);
            })
            .join(', ')
        : String(value);
    case 'scale':
      return t('resp.scaleValue', { n: Number(value) });
    case 'scenario_scale': {
      if (!value || typeof value !== 'object') return String(value);
      const rec = value as Record<string, number>;
      return scenarios
        .filter((s) => rec[s.id] !== undefined)
        .map((s) => `${s.key}: ${rec[s.id]}`)
        .join(', ');
    }
  }
}

/** The answers of a response as a description list. */
export function answerList(
  questions: readonly Question[],
  answers: readonly { questionId: string; value: unknown }[],
  scenarios: readonly ScenarioSummary[],
): TemplateResult | typeof nothing {
  const given = questions.filter((q) => answers.some((a) => a.questionId === q.id));
  if (given.length === 0) return nothing;
  return html`<dl class="sr-answers">
    ${given.map((q) => {
      const a = answers.find((x) => x.questionId === q.id);
      return html`<div>
        <dt lang=${locLang(q.prompt)}>${loc(q.prompt)}</dt>
        <dd class="sr-answer-text">${answerText(q, a?.value, scenarios)}</dd>
      </div>`;
    })}
  </dl>`;
}
