import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getMyUsed, type UsedView } from '../../api/used.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { renderSection } from '../../app/page-state.ts';
import { alert } from '../../components/alerts.ts';
import { usedIntro, usedItems } from '../../components/reports/used-view.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

const consultationFromQuery = (): string => new URLSearchParams(location.search).get('consultation') ?? '';

/**
 * `/profile/used?consultation=…`: the participant's account page for one consultation's published
 * høringsnotat (issue 14 story 7), linked from the notice mail: their own comments' themes, where the
 * report quotes them, and the agency's answers.
 */
@customElement('sr-page-my-used')
export class SrPageMyUsed extends SrLightElement implements SrPage {
  @state() private _consultation = consultationFromQuery();

  private readonly _task = new Task(this, {
    task: async ([consultation], { signal }): Promise<UsedView | null | undefined> =>
      consultation ? getMyUsed(consultation, signal) : undefined,
    args: () => [this._consultation] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete
      .then(() => this._task.taskComplete.catch(() => undefined))
      .then(() => this.updateComplete);
  }

  private _view(v: UsedView) {
    return html`<p class="font-lead">
        <a href="/consultations/${encodeURIComponent(v.consultation.slug)}" lang=${locLang(v.consultation.title)}
          >${loc(v.consultation.title)}</a
        >
      </p>
      ${usedIntro(v)}
      <div class="sr-used" id="used">${usedItems(v, 2)}</div>`;
  }

  protected override render() {
    return html`<h1 tabindex="-1">${t('used.pageTitle')}</h1>
      ${renderSection(this._task, (v) =>
        v === undefined
          ? alert('info', t('used.noConsultation'), { live: false, id: 'used-no-consultation' })
          : v === null
            ? alert('info', t('used.notPublished'), { live: false, id: 'used-not-published' })
            : this._view(v),
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-my-used': SrPageMyUsed;
  }
}
