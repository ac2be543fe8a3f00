import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { deleteBallot, getBallot, putBallot, type Ballot } from '../../api/ballots.ts';
import type { RankEntry } from '../../data/ballot-model.ts';
import { getConsultation } from '../../api/consultations.ts';

import { ACTING_AS, getProfile, updateProfile, type ActingAs, type Profile } from '../../api/participants.ts';
import { listScenarios } from '../../api/scenarios.ts';
import type { Consultation, ScenarioSummary } from '../../api/types.ts';
import { renderPage } from '../../app/page-state.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { hasRole, SessionController } from '../../app/session.ts';
import { alert, errorMessage } from '../../components/alerts.ts';
import { radio, textField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import '../../components/debate/sr-ballot-editor.ts';
import type { SrBallotChangedEvent } from '../../components/debate/events.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import '../public/sr-page-not-found.ts';

type Data = {
  consultation: Consultation;
  scenarios: ScenarioSummary[];
  profile: Profile | null;
  ballot: Ballot | null;
};

/** Whether the consultation takes ballots now (the server decides; this only picks the view). */
export function consultationOpen(c: Consultation): boolean {
  const now = new Date(c.serverTime).getTime();
  return (
    c.phase === 'open' &&
    (!c.opensAt || new Date(c.opensAt).getTime() <= now) &&
    (!c.closesAt || new Date(c.closesAt).getTime() > now)
  );
}

/**
 * `/consultations/:slug/ranking`: a participant ranks the consultation's scenarios. The segment
 * (acting as) is asked once first when the profile has none; a closed consultation is read-only.
 */
@customElement('sr-page-ranking')
export class SrPageRanking extends SrLightElement implements SrPage {
  @property() slug = '';
  private readonly _session = new SessionController(this);
  @state() private _actingAs: ActingAs | '' = '';
  @state() private _organisation = '';
  @state() private _segmentError = '';
  @state() private _segmentBusy = false;

  private readonly _task = new Task(this, {
    task: async ([slug], { signal }): Promise<Data> => {
      const participant = hasRole(this._session.user, 'participant');
      const [consultation, scenarios, profile, ballot] = await Promise.all([
        getConsultation(slug, signal),
        listScenarios(slug, signal),
        participant ? getProfile(signal) : Promise.resolve(null),
        participant ? getBallot(slug, signal) : Promise.resolve(null),
      ]);
      return { consultation, scenarios: scenarios.filter((s) => s.status !== 'eliminated'), profile, ballot };
    },
    args: () => [this.slug] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _onSegment(e: Event, data: Data): Promise<void> {
    e.preventDefault();
    if (this._segmentBusy) return;
    if (!this._actingAs) {
      this._segmentError = t('ranking.segmentRequired');
      await this.updateComplete;
      this.querySelector<HTMLElement>(`#segment-${ACTING_AS[0]}`)?.focus();
      return;
    }
    this._segmentBusy = true;
    this._segmentError = '';
    try {
      const org = this._organisation.trim();
      data.profile = await updateProfile({
        actingAs: this._actingAs,
        organisationName: this._actingAs === 'citizen' ? null : org || null,
      });
      announce(t('ranking.segmentSaved'));
      this.requestUpdate();
      await this.updateComplete;
      this.querySelector<HTMLElement>('#ballot-heading')?.focus();
    } catch (err) {
      this._segmentError = errorMessage(err);
    } finally {
      this._segmentBusy = false;
    }
  }

  private _segmentForm(data: Data) {
    const err = this._segmentError;
    return html`<form
      id="segment-form"
      class="sr-form"
      novalidate
      @submit=${(e: Event) => void this._onSegment(e, data)}
    >
      <div class="form-group ${err ? 'form-error' : ''}">
        <fieldset aria-describedby="segment-hint${err ? ' segment-error' : ''}">
          <legend class="form-label h3">${t('ranking.segmentLegend')}</legend>
          <span class="form-hint" id="segment-hint">${t('ranking.segmentHint')}</span>
          ${
            err
              ? html`<span class="form-error-message" id="segment-error" role="alert"
                  ><span class="sr-only">${t('errors.prefix')} </span>${err}</span
                >`
              : nothing
          }
          ${ACTING_AS.map((a) =>
            radio({
              id: `segment-${a}`,
              name: 'actingAs',
              value: a,
              label: t(`actingAs.${a}`),
              checked: this._actingAs === a,
              onSelect: () => (this._actingAs = a),
            }),
          )}
        </fieldset>
      </div>
      ${
        this._actingAs && this._actingAs !== 'citizen'
          ? textField({
              id: 'segment-organisation',
              label: t('profile.organisation'),
              optional: true,
              autocomplete: 'organization',
              value: this._organisation,
              onInput: (v) => (this._organisation = v),
            })
          : nothing
      }
      <div class="sr-actions">
        <button type="submit" class="button button-primary" id="segment-submit" ?disabled=${this._segmentBusy}>
          ${t('ranking.segmentSubmit')}
        </button>
      </div>
    </form>`;
  }

  private _body(data: Data) {
    const { consultation: c } = data;
    const user = this._session.user;
    if (!hasRole(user, 'participant')) {
      return alert('info', t('ranking.participantsOnly'), { live: false });
    }
    if (!data.scenarios.length) return html`<p class="sr-empty">${t('consultation.noScenarios')}</p>`;
    const open = data.ballot ? data.ballot.acceptsInput : consultationOpen(c);
    if (open && !data.profile?.actingAs) return this._segmentForm(data);
    return html`${open ? nothing : alert('info', t('ranking.closedNotice'), { live: false })}
      ${
        data.profile?.actingAs
          ? html`<p class="sr-muted" id="ranking-segment">
              ${t('ranking.countsAs', { segment: t(`actingAs.${data.profile.actingAs}`) })}
              <a href="/profile">${t('ranking.changeSegment')}</a>
            </p>`
          : nothing
      }
      ${
        !open && !data.ballot
          ? html`<p class="sr-empty">${t('ranking.noBallotClosed')}</p>`
          : html`<sr-ballot-editor
              .saveBallot=${(ranks: RankEntry[], key: string) => putBallot(c.id, ranks, key)}
              .deleteBallot=${() => deleteBallot(c.id)}
              .scenarios=${data.scenarios.map((s) => ({ id: s.id, key: s.key, title: s.title }))}
              .ballot=${data.ballot}
              ?readOnly=${!open}
              @sr-ballot-changed=${(e: SrBallotChangedEvent) => (data.ballot = e.ballot)}
            ></sr-ballot-editor>`
      }
      <p>
        <a href="/consultations/${encodeURIComponent(c.slug)}/results" id="ranking-results-link"
          >${t('ranking.resultsLink')}</a
        >
      </p>`;
  }

  private _render(data: Data) {
    const c = data.consultation;
    return html`<sr-breadcrumbs
        .items=${[
          { href: '/', label: t('nav.home') },
          { href: `/consultations/${encodeURIComponent(c.slug)}`, label: loc(c.title) },
          { label: t('ranking.title') },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${t('ranking.title')}</h1>
      <p class="font-lead">${t('ranking.lead')} <span lang=${locLang(c.title)}>${loc(c.title)}</span></p>
      <p>${t('ranking.intro')}</p>
      ${this._body(data)}`;
  }

  protected override render() {
    return renderPage(this._task, (data) => this._render(data));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-ranking': SrPageRanking;
  }
}
