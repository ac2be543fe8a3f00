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
import type { FieldErrors } from '../../app/form-errors.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { hasRole, loadSession, SessionController } from '../../app/session.ts';
import { alert, errorAlert, errorMessage, loading } from '../../components/alerts.ts';
import { selectField, textField } from '../../components/fields.ts';
import '../../components/sr-error-summary.ts';
import { loc, locLang, setLocale, t } from '../../i18n/i18n.ts';
import '../../i18n/parts/debate.ts';
import { formatDateTime } from '../../i18n/format.ts';

/** `/profile`: a participant's display name, language and segment, and their own comments and ballots. */
@customElement('sr-page-profile')
export class SrPageProfile extends SrLightElement implements SrPage {
  private readonly _session = new SessionController(this);
  @state() private _form: { displayName: string; locale: 'da' | 'en'; actingAs: ActingAs | ''; org: string } | null =
    null;
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: string[] = [];
  @state() private _busy = false;

  private readonly _task = new Task(this, {
    task: async (_args, { signal }): Promise<{ profile: Profile; activity: Activity } | null> => {
      if (!hasRole(this._session.user, 'participant')) return null;
      const [profile, activity] = await Promise.all([getProfile(signal), getActivity(signal)]);
      this._form = {
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
    const f = this._form;
    if (!f || this._busy) return;
    this._general = [];
    this._errors = f.displayName.trim()
      ? new Map()
      : new Map([['profile-name', t('errors.required', { field: t('register.displayName') })]]);
    if (this._errors.size) return;
    this._busy = true;
    try {
      await updateProfile({
        displayName: f.displayName.trim(),
        locale: f.locale,
        actingAs: f.actingAs || null,
        organisationName: f.actingAs === 'citizen' || !f.org.trim() ? null : f.org.trim(),
      });
      await loadSession(true);
      setLocale(f.locale);
      announce(t('profile.saved'));
    } catch (err) {
      this._general = [errorMessage(err)];
    } finally {
      this._busy = false;
    }
  }

  private _profileForm() {
    const f = this._form!;
    return html`<sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
      <form id="profile-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${textField({
          id: 'profile-name',
          label: t('register.displayName'),
          hint: t('register.displayNameHint'),
          autocomplete: 'name',
          required: true,
          maxlength: 200,
          value: f.displayName,
          error: this._errors.get('profile-name'),
          onInput: (v) => (this._form = { ...f, displayName: v }),
        })}
        ${selectField({
          id: 'profile-locale',
          label: t('register.locale'),
          value: f.locale,
          options: [
            { value: 'da', label: t('common.languageDa') },
            { value: 'en', label: t('common.languageEn') },
          ],
          onChange: (v) => (this._form = { ...f, locale: v === 'en' ? 'en' : 'da' }),
        })}
        ${selectField({
          id: 'profile-acting-as',
          label: t('profile.actingAs'),
          hint: t('ranking.segmentHint'),
          value: f.actingAs,
          placeholder: t('profile.actingAsNone'),
          options: ACTING_AS.map((a) => ({ value: a, label: t(`actingAs.${a}`) })),
          onChange: (v) =>
            (this._form = { ...f, actingAs: (ACTING_AS as readonly string[]).includes(v) ? (v as ActingAs) : '' }),
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
                onInput: (v) => (this._form = { ...f, org: v }),
              })
            : nothing
        }
        <div class="sr-actions">
          <button type="submit" class="button button-primary" id="profile-submit" ?disabled=${this._busy}>
            ${t('profile.save')}
          </button>
        </div>
      </form>`;
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
      ${this._task.render({
        pending: () => loading(),
        error: (e) => errorAlert(e),
        complete: (d) =>
          d
            ? html`<p>${t('profile.email', { email: d.profile.email })}</p>
                ${this._profileForm()} ${this._activity(d.activity)}`
            : html`<p>${t('auth.signedInAs', { name: user?.displayName ?? '' })}</p>
                ${alert('info', t('profile.staffOnly'), { live: false })}`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-profile': SrPageProfile;
  }
}
