import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { getReviewers, inviteReviewer, removeReviewer, type Reviewer } from '../../api/reviews.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { selectField, textField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

type Form = { email: string; displayName: string; authority: string; locale: 'da' | 'en' };
const EMPTY: Form = { email: '', displayName: '', authority: '', locale: 'da' };

/**
 * `/admin/consultations/:consultationId/reviewers`: a consultation's reviewers (issue 14 story 1).
 * The admin invites a public authority's people by e-mail and removes them; the list shows who has
 * not chosen a password yet. The invitation link itself is never shown here.
 */
@customElement('sr-page-admin-reviewers')
export class SrPageAdminReviewers extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _reviewers: Reviewer[] = [];
  @state() private _form: Form = { ...EMPTY };
  @state() private _errors: Partial<Record<'email' | 'authority', string>> = {};
  @state() private _flash: { ok: boolean; text: string; err?: unknown } | null = null;
  @state() private _busy = false;

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => {
      const [consultation, list] = await Promise.all([getConsultation(id, signal), getReviewers(id, signal)]);
      this._reviewers = list.items;
      return consultation;
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _settle(focus: string) {
    await this.updateComplete;
    this.querySelector<HTMLElement>(focus)?.focus();
  }

  private async _invite(e: Event) {
    e.preventDefault();
    const f = this._form;
    this._errors = {
      ...(f.email.trim() ? {} : { email: t('reviewers.errors.email') }),
      ...(f.authority.trim() ? {} : { authority: t('reviewers.errors.authority') }),
    };
    if (this._errors.email || this._errors.authority) {
      return this._settle(this._errors.email ? '#reviewer-email' : '#reviewer-authority');
    }
    this._busy = true;
    try {
      const added = await inviteReviewer(this.consultationId, {
        email: f.email.trim(),
        authority: f.authority.trim(),
        locale: f.locale,
        ...(f.displayName.trim() ? { displayName: f.displayName.trim() } : {}),
      });
      this._reviewers = (await getReviewers(this.consultationId)).items;
      this._form = { ...EMPTY };
      const text = added.created
        ? t('reviewers.invited', { email: added.email })
        : t('reviewers.added', { email: added.email });
      this._flash = { ok: true, text };
      announce(text);
    } catch (err) {
      this._flash = { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
    await this._settle('#reviewers-flash');
  }

  private async _remove(r: Reviewer) {
    this._busy = true;
    try {
      await removeReviewer(this.consultationId, r.userId);
      this._reviewers = this._reviewers.filter((x) => x.userId !== r.userId);
      const text = t('reviewers.removed', { name: r.displayName });
      this._flash = { ok: true, text };
      announce(text);
    } catch (err) {
      this._flash = { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
    await this._settle('#reviewers-flash');
  }

  private _table() {
    if (this._reviewers.length === 0) return html`<p id="reviewers-none">${t('reviewers.none')}</p>`;
    return html`<div class="table--responsive-scroll">
      <table class="table table--compact" id="reviewers-table">
        <caption>
          ${t('reviewers.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('reviewers.col.name')}</th>
            <th scope="col">${t('reviewers.col.email')}</th>
            <th scope="col">${t('reviewers.col.authority')}</th>
            <th scope="col">${t('reviewers.col.status')}</th>
            <th scope="col">${t('reviewers.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            this._reviewers,
            (r) => r.userId,
            (r) =>
              html`<tr>
                <th scope="row">${r.displayName}</th>
                <td>${r.email}</td>
                <td>${r.authority}</td>
                <td>${r.hasPassword ? t('reviewers.status.active') : t('reviewers.status.invited')}</td>
                <td>
                  <button
                    type="button"
                    class="button button-tertiary"
                    id="reviewer-remove-${r.userId}"
                    ?disabled=${this._busy}
                    @click=${() => void this._remove(r)}
                  >
                    ${t('reviewers.remove', { name: r.displayName })}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _inviteForm() {
    const f = this._form;
    const set = (change: Partial<Form>) => (this._form = { ...this._form, ...change });
    return html`<section class="sr-section" aria-labelledby="reviewer-invite-heading">
      <h2 id="reviewer-invite-heading">${t('reviewers.invite')}</h2>
      <form novalidate id="reviewer-invite" @submit=${(e: Event) => void this._invite(e)}>
        ${textField({
          id: 'reviewer-email',
          label: t('reviewers.email'),
          type: 'email',
          autocomplete: 'off',
          required: true,
          error: this._errors.email,
          value: f.email,
          onInput: (v) => set({ email: v }),
        })}
        ${textField({
          id: 'reviewer-name',
          label: t('reviewers.name'),
          hint: t('reviewers.nameHint'),
          optional: true,
          value: f.displayName,
          onInput: (v) => set({ displayName: v }),
        })}
        ${textField({
          id: 'reviewer-authority',
          label: t('reviewers.authority'),
          hint: t('reviewers.authorityHint'),
          required: true,
          error: this._errors.authority,
          maxlength: 200,
          value: f.authority,
          onInput: (v) => set({ authority: v }),
        })}
        ${selectField({
          id: 'reviewer-locale',
          label: t('reviewers.language'),
          value: f.locale,
          options: [
            { value: 'da', label: 'Dansk' },
            { value: 'en', label: 'English' },
          ],
          onChange: (v) => set({ locale: v as Form['locale'] }),
        })}
        <button type="submit" class="button button-primary" id="reviewer-send" ?disabled=${this._busy}>
          ${t('reviewers.send')}
        </button>
      </form>
    </section>`;
  }

  override render() {
    return renderPage(this._task, (c) => {
      const title = loc(c.title);
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: title },
            { label: t('reviewers.title') },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${t('reviewers.title')}</h1>
        <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
        <p>${t('reviewers.intro')}</p>
        <p><a href="/admin/consultations/${c.id}/review-rounds" id="reviewers-rounds-link">${t('rounds.link')}</a></p>
        <div id="reviewers-flash" tabindex="-1">
          ${
            this._flash
              ? this._flash.ok
                ? alert('success', this._flash.text, { live: false })
                : errorAlert(this._flash.err)
              : nothing
          }
        </div>
        ${this._table()} ${this._inviteForm()}`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-reviewers': SrPageAdminReviewers;
  }
}
