import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { listAccounts } from '../../api/accounts.ts';
import { drawSample, listSamples, type AgreementSample } from '../../api/agreement.ts';
import { getConsultation } from '../../api/consultations.ts';
import { codebookTags } from '../../api/inbox.ts';
import { listScenarios } from '../../api/scenarios.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { navigate } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { isAdmin, SessionController } from '../../app/session.ts';
import { EMPTY_SAMPLE_FORM, sampleDrawForm, type SampleForm } from '../../components/analysis/agreement-form.ts';
import { alert } from '../../components/alerts.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';

/**
 * `/admin/consultations/:consultationId/agreement`: coder agreement (issue 11 story 7). The
 * consultation's samples with each coder's progress, and for admins the form that draws one.
 */
@customElement('sr-page-agreement')
export class SrPageAgreement extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _form: SampleForm = EMPTY_SAMPLE_FORM;
  @state() private _busy = false;
  @state() private _problem: { err: unknown } | null = null;
  private readonly _session = new SessionController(this);

  private readonly _base = new Task(this, {
    task: async ([id], { signal }) => {
      const admin = isAdmin(this._session.user);
      const [consultation, samples, scenarios, tags, people] = await Promise.all([
        getConsultation(id, signal),
        listSamples(id, signal),
        admin ? listScenarios(id, signal) : Promise.resolve([]),
        admin ? codebookTags(id, signal).catch(() => []) : Promise.resolve([]),
        admin
          ? listAccounts({ limit: 100 }, signal).then((p) =>
              p.items.filter((a) => !a.disabled && (a.roles.includes('analyst') || a.roles.includes('admin'))),
            )
          : Promise.resolve([]),
      ]);
      return {
        consultation,
        samples: samples.items,
        scenarios,
        tags,
        people: people.map((a) => ({ id: a.id, name: a.displayName })),
      };
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._base.taskComplete).then(() => this.updateComplete);
  }

  private async _draw(): Promise<void> {
    const f = this._form;
    if (f.coders.size < 2) {
      this._problem = { err: null };
      return;
    }
    this._busy = true;
    this._problem = null;
    try {
      const seed = f.seed.trim();
      const s = await drawSample(this.consultationId, {
        seed: /^-?\d{1,9}$/.test(seed) ? Number(seed) : seed,
        size: Number(f.size),
        coderIds: [...f.coders],
        filters: {
          ...(f.kinds.size ? { kind: [...f.kinds] } : {}),
          ...(f.scenario ? { scenario: f.scenario } : {}),
          ...(f.tag ? { tag: f.tag } : {}),
        },
      });
      navigate(`/admin/consultations/${this.consultationId}/agreement/${s.id}`);
    } catch (err) {
      this._problem = { err };
    } finally {
      this._busy = false;
    }
  }

  private _samples(cid: string, samples: readonly AgreementSample[]) {
    if (!samples.length) return html`<p class="sr-empty" id="agreement-none">${t('agreement.none')}</p>`;
    return html`<div
      class="table--responsive-scroll sr-table-scroll"
      tabindex="0"
      role="region"
      aria-labelledby="agreement-samples-heading"
    >
      <table class="table table--compact" id="agreement-samples">
        <thead>
          <tr>
            <th scope="col">${t('agreement.col.sample')}</th>
            <th scope="col">${t('agreement.col.status')}</th>
            <th scope="col">${t('agreement.col.items')}</th>
            <th scope="col">${t('agreement.col.progress')}</th>
            <th scope="col">${t('agreement.col.drawn')}</th>
          </tr>
        </thead>
        <tbody>
          ${samples.map(
            (s) =>
              html`<tr>
                <th scope="row">
                  <a href="/admin/consultations/${cid}/agreement/${s.id}"
                    >${t('agreement.sampleName', { number: s.number })}</a
                  >
                </th>
                <td>${t(`agreement.status.${s.status}`)}</td>
                <td>${formatNumber(s.items)}</td>
                <td>
                  <ul class="nobullet-list">
                    ${s.coders.map((c) => html`<li>${t('agreement.progressOf', { name: c.name, done: c.done, items: s.items })}</li>`)}
                  </ul>
                </td>
                <td>${formatDateTime(s.createdAt)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  private _render(base: NonNullable<typeof this._base.value>) {
    const c = base.consultation;
    const title = loc(c.title);
    return html`<sr-breadcrumbs
        .items=${[
          { href: '/admin', label: t('nav.admin') },
          { href: `/admin/consultations/${c.id}`, label: title },
          { label: t('agreement.title') },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${t('agreement.title')}</h1>
      <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
      ${analysisNav(c.id, 'agreement')}
      <p>${t('agreement.intro')}</p>
      <section class="sr-section" aria-labelledby="agreement-samples-heading">
        <h2 id="agreement-samples-heading">${t('agreement.samples')}</h2>
        ${this._samples(c.id, base.samples)}
      </section>
      <section class="sr-section" aria-labelledby="agreement-draw-heading">
        <h2 id="agreement-draw-heading">${t('agreement.draw')}</h2>
        ${
          isAdmin(this._session.user)
            ? sampleDrawForm({
                form: this._form,
                scenarios: base.scenarios,
                tags: base.tags,
                people: base.people,
                busy: this._busy,
                problem: this._problem,
                onChange: (f) => (this._form = f),
                onSubmit: () => void this._draw(),
              })
            : alert('info', t('agreement.adminOnly'), { live: false })
        }
      </section>`;
  }

  override render() {
    return renderPage(this._base, (base) => this._render(base));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-agreement': SrPageAgreement;
  }
}
