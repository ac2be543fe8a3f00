import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { alert, errorAlert } from '../alerts.ts';
import { loc, t } from '../../i18n/i18n.ts';

/** What the draw form holds; the page turns it into the request. */
export type SampleForm = {
  seed: string;
  size: string;
  kinds: ReadonlySet<'response' | 'comment'>;
  scenario: string;
  tag: string;
  coders: ReadonlySet<string>;
};
export const EMPTY_SAMPLE_FORM: SampleForm = {
  seed: '',
  size: '20',
  kinds: new Set(),
  scenario: '',
  tag: '',
  coders: new Set(),
};

export type SampleFormOpts = {
  form: SampleForm;
  scenarios: readonly { id: string; key: string; title: { da: string; en: string } }[];
  tags: readonly { id: string; name: { da: string; en: string }; depth: number }[];
  people: readonly { id: string; name: string }[];
  busy: boolean;
  /** null: nothing to say; `{ err: null }`: too few coders; else the request's error. */
  problem: { err: unknown } | null;
  onChange: (form: SampleForm) => void;
  onSubmit: () => void;
};

const toggled = <T>(set: ReadonlySet<T>, v: T, on: boolean): ReadonlySet<T> => {
  const next = new Set(set);
  if (on) next.add(v);
  else next.delete(v);
  return next;
};

function checkbox(id: string, label: string, checked: boolean, on: (c: boolean) => void) {
  return html`<div class="form-group-checkbox">
    <input
      type="checkbox"
      class="form-checkbox"
      id=${id}
      .checked=${live(checked)}
      @change=${(e: Event) => on((e.target as HTMLInputElement).checked)}
    />
    <label class="form-label" for=${id}>${label}</label>
  </div>`;
}

function select(
  id: string,
  label: string,
  value: string,
  options: { value: string; label: string }[],
  on: (v: string) => void,
) {
  return html`<div class="form-group">
    <label class="form-label" for=${id}>${label}</label>
    <select class="form-select" id=${id} @change=${(e: Event) => on((e.target as HTMLSelectElement).value)}>
      ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
    </select>
  </div>`;
}

/**
 * "Draw a sample" (issue 11 story 7): seed, size, the inbox filters it is drawn from, and the
 * coders as checkboxes. For admins; the page sends it.
 */
export function sampleDrawForm(o: SampleFormOpts) {
  const f = o.form;
  const set = (patch: Partial<SampleForm>) => o.onChange({ ...f, ...patch });
  return html`<form
    id="agreement-draw"
    novalidate
    aria-labelledby="agreement-draw-heading"
    @submit=${(e: Event) => {
      e.preventDefault();
      o.onSubmit();
    }}
  >
    <p class="form-hint">${t('agreement.draw.hint')}</p>
    <div class="form-group">
      <label class="form-label" for="agreement-seed">${t('agreement.seed')}</label>
      <span class="form-hint" id="agreement-seed-hint">${t('agreement.seed.hint')}</span>
      <input
        class="form-input"
        id="agreement-seed"
        maxlength="100"
        required
        aria-describedby="agreement-seed-hint"
        .value=${live(f.seed)}
        @input=${(e: Event) => set({ seed: (e.target as HTMLInputElement).value })}
      />
    </div>
    <div class="form-group">
      <label class="form-label" for="agreement-size">${t('agreement.size')}</label>
      <span class="form-hint" id="agreement-size-hint">${t('agreement.size.hint')}</span>
      <input
        class="form-input input-width-xs"
        id="agreement-size"
        type="number"
        min="1"
        max="5000"
        required
        aria-describedby="agreement-size-hint"
        .value=${live(f.size)}
        @input=${(e: Event) => set({ size: (e.target as HTMLInputElement).value })}
      />
    </div>
    <fieldset class="sr-fieldset" id="agreement-filters">
      <legend>${t('agreement.filters')}</legend>
      <fieldset class="form-group" id="agreement-kind">
        <legend class="form-label">${t('agreement.kind')}</legend>
        ${(['response', 'comment'] as const).map((k) =>
          checkbox(`agreement-kind-${k}`, t(`agreement.kind.${k}`), f.kinds.has(k), (on) =>
            set({ kinds: toggled(f.kinds, k, on) }),
          ),
        )}
      </fieldset>
      ${select(
        'agreement-scenario',
        t('agreement.scenario'),
        f.scenario,
        [
          { value: '', label: t('agreement.any') },
          ...o.scenarios.map((s) => ({ value: s.id, label: `${s.key}: ${loc(s.title)}` })),
        ],
        (v) => set({ scenario: v }),
      )}
      ${select(
        'agreement-tag',
        t('agreement.tag'),
        f.tag,
        [
          { value: '', label: t('agreement.any') },
          ...o.tags.map((g) => ({ value: g.id, label: `${'– '.repeat(g.depth)}${loc(g.name)}` })),
        ],
        (v) => set({ tag: v }),
      )}
    </fieldset>
    <fieldset class="sr-fieldset" id="agreement-coders" aria-describedby="agreement-coders-hint">
      <legend>${t('agreement.coders')}</legend>
      <span class="form-hint" id="agreement-coders-hint">${t('agreement.coders.hint')}</span>
      ${o.people.map((p) =>
        checkbox(`agreement-coder-${p.id}`, p.name, f.coders.has(p.id), (on) =>
          set({ coders: toggled(f.coders, p.id, on) }),
        ),
      )}
    </fieldset>
    ${
      o.problem === null
        ? nothing
        : o.problem.err === null
          ? alert('warning', t('agreement.chooseCoders'), { id: 'agreement-draw-problem' })
          : errorAlert(o.problem.err, { id: 'agreement-draw-problem' })
    }
    <p class="sr-actions">
      <button type="submit" class="button button-primary" id="agreement-draw-submit" ?disabled=${o.busy}>
        ${t('agreement.submit')}
      </button>
    </p>
  </form>`;
}
