import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import {
  ACTING_AS,
  getActivity,
  getProfile,
  updateProfile,
  type Activity,
  type ActingAs,
  type Profile,
} from '../../api/participants.ts';
import { FormController } from '../../app/form-controller.ts';
import { renderSection } from '../../app/page-state.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { hasRole, loadSession, SessionController } from '../../app/session.ts';
import { alert } from '../../components/alerts.ts';
import { selectField, submitButton, textField } from '../../components/fields.ts';
import { loc, locLang, setLocale, t } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { displayNameField, localeField } from './account-fields.ts';
import './sr-second-factor.ts';

/** `/profile`: a participant's display name, language and segment, and their own comments and ballots. */
@customElement('sr-page-profile')
export class SrPageProfile extends SrLightElement implements SrPage {
  private readonly _session = new SessionController(this);
  @state() private _values: { displayName: string; locale: 'da' | 'en'; actingAs: ActingAs | ''; org: string } | null =
    null;
  private readonly _form = new FormController(this);

  private readonly _task = new Task(this, {
    task: async (_args, { signal }): Promise<{ profile: Profile; activity: Activity } | null> => {
      if (!hasRole(this._session.user, 'participant')) return null;
      const [profile, activity] = await Promise.all([getProfile(signal), getActivity(signal)]);
      this._values = {
        displayName: profile.displayName,
        locale: profile.locale,
        actingAs: profile.actingAs ?? '',
        org: profile.organisationName ?? '',
      };
      return { profile, activity };
    },
    args: () => [] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete
      .then(() => this._task.taskComplete.catch(() => undefined))
      .then(() => this.updateComplete);
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const f = this._values;
    if (!f) return;
    await this._form.submit(
      () =>
        f.displayName.trim()
          ? new Map()
          : new Map([['profile-name', t('errors.required', { field: t('register.displayName') })]]),
      async () => {
        await updateProfile({
          displayName: f.displayName.trim(),
          locale: f.locale,
          actingAs: f.actingAs || null,
          organisationName: f.actingAs === 'citizen' || !f.org.trim() ? null : f.org.trim(),
        });
        await loadSession(true);
        setLocale(f.locale);
        announce(t('profile.saved'));
      },
    );
  }

  private _profileForm() {
    const f = this._values!;
    return html`${this._form.summary()}
      <form id="profile-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${displayNameField(this._form, 'profile-name', f.displayName, (v) => (this._values = { ...f, displayName: v }))}
        ${localeField({ id: 'profile-locale', value: f.locale, onChange: (v) => (this._values = { ...f, locale: v }) })}
        ${selectField({
          id: 'profile-acting-as',
          label: t('profile.actingAs'),
          hint: t('ranking.segmentHint'),
          value: f.actingAs,
          placeholder: t('profile.actingAsNone'),
          options: ACTING_AS.map((a) => ({ value: a, label: t(`actingAs.${a}`) })),
          onChange: (v) =>
            (this._values = { ...f, actingAs: (ACTING_AS as readonly string[]).includes(v) ? (v as ActingAs) : '' }),
        })}
        ${
          f.actingAs && f.actingAs !== 'citizen'
            ? textField({
                id: 'profile-organisation',
                label: t('profile.organisation'),
                optional: true,
                autocomplete: 'organization',
                maxlength: 200,
                value: f.org,
                onInput: (v) => (this._values = { ...f, org: v }),
              })
            : nothing
        }
        ${submitButton('profile-submit', t('profile.save'), this._form.busy)}
      </form>`;
  }

  /**
   * Issue 14 story 7: per consultation commented on, its page of how the comments were used in the
   * published høringsnotat (the page says when the report is not out yet; the notice mail links it too).
   */
  private _used(a: Activity) {
    const seen = new Map(a.comments.map((c) => [c.consultation.slug, c.consultation]));
    if (seen.size === 0) return nothing;
    return html`<section class="sr-section" aria-labelledby="my-used-heading">
      <h2 id="my-used-heading">${t('used.heading')}</h2>
      <ul class="sr-my-used">
        ${[...seen.values()].map(
          (c) =>
            html`<li>
              <a href="/profile/used?consultation=${encodeURIComponent(c.slug)}" id="my-used-${c.slug}"
                ><span lang=${locLang(c.title)}>${loc(c.title)}</span></a
              >
            </li>`,
        )}
      </ul>
    </section>`;
  }

  private _activity(a: Activity) {
    return html`<section class="sr-section" aria-labelledby="my-comments-heading">
        <h2 id="my-comments-heading">${t('profile.commentsHeading')}</h2>
        ${
          a.comments.length
            ? html`<ul class="sr-my-comments">
                ${a.comments.map(
                  (c) =>
                    html`<li>
                      <a href="/scenarios/${c.scenario.id}#comment-${c.id}"
                        ><span class="sr-key">${c.scenario.key}</span>
                        <span lang=${locLang(c.scenario.title)}>${loc(c.scenario.title)}</span></a
                      >
                      – <time datetime=${c.createdAt}>${formatDateTime(c.createdAt)}</time>
                      ${
                        c.status === 'hidden'
                          ? html`<br /><em>${t('comments.removedByModerator', { reason: c.hiddenReason ?? '' })}</em>`
                          : nothing
                      }
                      <p class="sr-comment-body">${c.body}</p>
                    </li>`,
                )}
              </ul>`
            : html`<p class="sr-empty">${t('profile.noComments')}</p>`
        }
      </section>
      ${this._used(a)}
      <section class="sr-section" aria-labelledby="my-ballots-heading">
        <h2 id="my-ballots-heading">${t('profile.ballotsHeading')}</h2>
        ${
          a.ballots.length
            ? html`<ul class="sr-my-ballots">
                ${a.ballots.map(
                  (b) =>
                    html`<li>
                      <a href="/consultations/${encodeURIComponent(b.consultation.slug)}/ranking"
                        ><span lang=${locLang(b.consultation.title)}>${loc(b.consultation.title)}</span></a
                      >
                      – ${t('profile.ballotSaved', { time: formatDateTime(b.updatedAt), count: b.ranks.length })}
                    </li>`,
                )}
              </ul>`
            : html`<p class="sr-empty">${t('profile.noBallots')}</p>`
        }
      </section>`;
  }

  protected override render() {
    const user = this._session.user;
    return html`<h1 tabindex="-1">${t('profile.title')}</h1>
      ${renderSection(this._task, (d) =>
        d
          ? html`<p class="sr-break-anywhere" id="profile-email">${t('profile.email', { email: d.profile.email })}</p>
              ${this._profileForm()} ${this._activity(d.activity)}
              <sr-second-factor></sr-second-factor>`
          : html`<p class="sr-break-anywhere">${t('auth.signedInAs', { name: user?.displayName ?? '' })}</p>
              ${alert('info', t('profile.staffOnly'), { live: false })}
              <sr-second-factor></sr-second-factor>`,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-profile': SrPageProfile;
  }
}
