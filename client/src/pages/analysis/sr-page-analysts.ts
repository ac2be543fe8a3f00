import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { getTeam, setLimited, setOnTeam, type Team, type TeamMember } from '../../api/team.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import '../../components/sr-breadcrumbs.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

/**
 * `/admin/consultations/:consultationId/analysts`: the consultation's analysis team (issue 11
 * story 5). Every active analyst, whether on this consultation's team, and whether an admin has
 * limited them to the consultations whose team they are on. Admins change both with a checkbox
 * each (saved at once, the result announced); analysts see the team.
 */
@customElement('sr-page-analysts')
export class SrPageAnalysts extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _team: Team | null = null;
  @state() private _flash: { ok: boolean; text: string; err?: unknown } | null = null;
  @state() private _busy = false;

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => {
      const [consultation, team] = await Promise.all([getConsultation(id, signal), getTeam(id, signal)]);
      this._team = team;
      return consultation;
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _change(m: TeamMember, what: 'assigned' | 'limited', value: boolean, box: HTMLInputElement) {
    this._busy = true;
    try {
      if (what === 'assigned') {
        this._team = await setOnTeam(this.consultationId, m.id, value);
      } else {
        await setLimited(m.id, value);
        this._team = await getTeam(this.consultationId);
      }
      const key = `team.${what}.${value ? 'on' : 'off'}` as const;
      this._flash = { ok: true, text: t(key, { name: m.displayName }) };
      announce(this._flash.text);
    } catch (err) {
      box.checked = !value;
      this._flash = { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
    await this.updateComplete;
    box.focus();
  }

  private _cell(m: TeamMember, what: 'assigned' | 'limited', canManage: boolean) {
    const on = m[what];
    if (!canManage) return on ? t('team.yes') : t('team.no');
    const id = `team-${what}-${m.id}`;
    return html`<div class="form-group-checkbox">
      <input
        type="checkbox"
        class="form-checkbox"
        id=${id}
        .checked=${on}
        ?disabled=${this._busy}
        @change=${(e: Event) => {
          const box = e.target as HTMLInputElement;
          void this._change(m, what, box.checked, box);
        }}
      />
      <label class="form-label" for=${id}
        ><span class="sr-only">${t(`team.${what}.label`, { name: m.displayName })}</span
        ><span aria-hidden="true">${on ? t('team.yes') : t('team.no')}</span></label
      >
    </div>`;
  }

  private _table(team: Team) {
    if (team.items.length === 0) return html`<p id="team-none">${t('team.none')}</p>`;
    return html`<div class="table--responsive-scroll">
      <table class="table table--compact" id="team-table">
        <caption>
          ${t('team.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('team.col.name')}</th>
            <th scope="col">${t('team.col.assigned')}</th>
            <th scope="col">${t('team.col.limited')}</th>
          </tr>
        </thead>
        <tbody>
          ${repeat(
            team.items,
            (m) => m.id,
            (m) =>
              html`<tr>
                <th scope="row">${m.displayName}</th>
                <td>${this._cell(m, 'assigned', team.canManage)}</td>
                <td>${this._cell(m, 'limited', team.canManage)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  override render() {
    return renderPage(this._task, (c) => {
      const title = loc(c.title);
      const team = this._team!;
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: title },
            { href: `/admin/consultations/${c.id}/inbox`, label: t('inbox.title') },
            { label: t('team.title') },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${t('team.title')}</h1>
        <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
        ${analysisNav(c.id, 'analysts')}
        <p>${t('team.intro')}</p>
        ${team.canManage ? html`<p>${t('team.limitNote')}</p>` : nothing}
        <div id="team-flash">
          ${
            this._flash
              ? this._flash.ok
                ? alert('success', this._flash.text, { live: false })
                : errorAlert(this._flash.err)
              : nothing
          }
        </div>
        ${this._table(team)}`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-analysts': SrPageAnalysts;
  }
}
