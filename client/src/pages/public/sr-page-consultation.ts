import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';

import { type Decision, getPublicDecision } from '../../api/reviews.ts';
import { getPublishedVersion, type PublishedVersion } from '../../api/reports.ts';
import { listScenarios } from '../../api/scenarios.ts';
import { listPublishedInputs } from '../../api/stakeholder-inputs.ts';
import { type ConsultedParties, getConsultedParties } from '../../api/parties.ts';
import type { Consultation, ConsultationDocument, ScenarioSummary } from '../../api/types.ts';
import { DeadlineController } from '../../app/deadline.ts';
import { renderPage } from '../../app/page-state.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { isAdmin, SessionController } from '../../app/session.ts';
import { alert } from '../../components/alerts.ts';
import { phaseBadge, statusBadge } from '../../components/badges.ts';
import { icon } from '../../components/icons.ts';
import { publishedInputsSection } from '../../components/stakeholder-inputs/input-view.ts';
import { getLocale, loc, locLang, t } from '../../i18n/i18n.ts';
import { formatBytes, formatDateTime, formatRelative } from '../../i18n/format.ts';
import '../public/sr-page-not-found.ts';

/**
 * `/consultations/:slug`: the consultation's facts, its body (HTML rendered and sanitised by the
 * server from Markdown), its documents and its scenarios.
 */
@customElement('sr-page-consultation')
export class SrPageConsultation extends SrLightElement implements SrPage {
  @property() slug = '';
  private readonly _session = new SessionController(this);

  /** The server's clock minus this browser's, at load: "now" is judged as the server would. */
  private _offset = 0;
  // The time left counts down while the page is open, and at the deadline the invitation to
  // respond goes (the server refuses after it anyway).
  private readonly _deadline = new DeadlineController(this, () => this._onDeadline());

  private readonly _task = new Task(this, {
    task: async ([slug], { signal }) => {
      const [consultation, scenarios, consulted] = await Promise.all([
        getConsultation(slug, signal),
        listScenarios(slug, signal),
        // The list of consulted parties (issue 13) is an extra: the page shows without it.
        getConsultedParties(slug, signal).catch((): ConsultedParties => ({ items: [] })),
      ]);
      this._offset = new Date(consultation.serverTime).getTime() - Date.now();
      this._deadline.watch(consultation, this._offset);
      // The scenario decision (issue 14 story 4) exists only once a hearing has closed.
      const decided = consultation.phase === 'analysis' || consultation.phase === 'concluded';
      const [decision, report] = decided
        ? await Promise.all([
            getPublicDecision(consultation.id, signal),
            // The published høringsnotat (issue 14 story 6) is an extra too.
            getPublishedVersion(consultation.id, signal).catch(() => null),
          ])
        : [null, null];
      return { consultation, scenarios, consulted, decision, report };
    },
    args: () => [this.slug] as const,
  });

  // Issue 13 story 4: the published meetings and written inputs load apart, after the page's own
  // data, so they never hold up its first paint; a failure leaves the section out.
  private readonly _inputs = new Task(this, {
    task: async ([slug], { signal }) => listPublishedInputs(slug, signal).catch(() => undefined),
    args: () => [this.slug] as const,
  });

  private _now(): Date {
    return new Date(Date.now() + this._offset);
  }

  /** Focus inside the invitation that is about to go moves to the page's heading. */
  private async _onDeadline() {
    const hadFocus = this.querySelector('.sr-respond-cta')?.contains(document.activeElement) ?? false;
    await this.updateComplete;
    if (hadFocus) this.querySelector<HTMLElement>('h1')?.focus();
  }

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private _facts(c: Consultation) {
    const now = this._now();
    const closes = c.closesAt ? new Date(c.closesAt) : null;
    const opens = c.opensAt ? new Date(c.opensAt) : null;
    let timeLeft: string | null = null;
    if (c.phase === 'open' && closes) {
      if (opens && opens > now) timeLeft = t('consultation.opensIn', { relative: formatRelative(opens, now) });
      else
        timeLeft =
          closes > now
            ? t('consultation.closesIn', { relative: formatRelative(closes, now) })
            : t('consultation.deadlinePassed');
    }
    const time = (iso: string) => html`<time datetime=${iso}>${formatDateTime(iso)}</time>`;
    return html`<dl class="sr-facts">
      <div>
        <dt>${t('consultation.phase')}</dt>
        <dd>${phaseBadge(c.phase)}</dd>
      </div>
      ${
        c.opensAt && c.closesAt
          ? html`<div>
              <dt>${t('consultation.period')}</dt>
              <dd>${time(c.opensAt)} – ${time(c.closesAt)}</dd>
            </div>`
          : nothing
      }
      <div>
        <dt>${t('consultation.deadline')}</dt>
        <dd>${c.closesAt ? time(c.closesAt) : t('common.notSet')}</dd>
      </div>
      ${
        timeLeft
          ? html`<div>
              <dt>${t('consultation.timeLeft')}</dt>
              <dd class="sr-time-left"><strong>${timeLeft}</strong></dd>
            </div>`
          : nothing
      }
      <div>
        <dt>${t('stage.label')}</dt>
        <dd>${t(`stage.${c.itStage}`)}</dd>
      </div>
    </dl>`;
  }

  /** "Give your response" while the consultation takes responses (server clock), and the published responses. */
  /** Whether the consultation takes responses and rankings now (by the server's clock). */
  private _accepting(c: Consultation): boolean {
    const now = this._now();
    return (
      c.phase === 'open' && (!c.opensAt || new Date(c.opensAt) <= now) && (!c.closesAt || new Date(c.closesAt) > now)
    );
  }

  private _respond(c: Consultation) {
    const now = this._now();
    const open = this._accepting(c);
    const slug = encodeURIComponent(c.slug);
    return html`${
      open
        ? html`<section class="sr-section sr-respond-cta" aria-labelledby="respond-heading">
            <h2 id="respond-heading">${t('resp.ctaHeading')}</h2>
            <p>${t('resp.ctaText')}</p>
            ${
              c.closesAt
                ? html`<p class="sr-time-left">
                    <strong>${t('consultation.closesIn', { relative: formatRelative(c.closesAt, now) })}</strong>
                  </p>`
                : nothing
            }
            <p>
              <a href="/consultations/${slug}/respond" class="button button-primary" id="respond-link"
                >${t('resp.cta')}</a
              >
            </p>
          </section>`
        : nothing
    }
    ${
      c.phase !== 'draft'
        ? html`<p><a href="/consultations/${slug}/responses" id="published-link">${t('resp.publishedLink')}</a></p>`
        : nothing
    }`;
  }

  private _document(d: ConsultationDocument) {
    const type = d.mediaType ? mediaTypeLabel(d.mediaType) : null;
    const meta =
      type && d.sizeBytes !== null
        ? t('document.meta', { type, size: formatBytes(d.sizeBytes) })
        : (type ?? (d.sizeBytes !== null ? formatBytes(d.sizeBytes) : null));
    return html`<li class="sr-document">
      ${icon('document')}
      <span>
        <a href=${d.url} class="sr-document-link" lang=${locLang(d.title)}>${loc(d.title)}</a>
        ${meta ? html`<span class="sr-document-meta">(${meta})</span>` : nothing}
      </span>
    </li>`;
  }

  private _scenario(s: ScenarioSummary) {
    const summary = loc(s.summary);
    return html`<li class="sr-scenario-item">
      <article class="sr-card" data-key=${s.key}>
        <h3 class="h4 sr-card-title">
          <a href="/scenarios/${s.id}" class="sr-scenario-link"
            ><span class="sr-key">${s.key}</span> <span lang=${locLang(s.title)}>${loc(s.title)}</span></a
          >
        </h3>
        ${summary ? html`<p class="sr-card-summary" lang=${locLang(s.summary)}>${summary}</p>` : nothing}
        <p class="sr-card-status">${statusBadge(s.status, s.statusRound)}</p>
      </article>
    </li>`;
  }

  /** The consulted parties (høringsliste) and whether each answered, as Høringsportalen lists them. */
  private _consulted(p: ConsultedParties) {
    if (p.items.length === 0) return nothing;
    return html`<section class="sr-section" aria-labelledby="consulted-heading">
      <h2 id="consulted-heading">${t('consulted.heading')}</h2>
      <p>${t('consulted.intro')}</p>
      <div
        class="table--responsive-scroll sr-table-scroll"
        tabindex="0"
        role="region"
        aria-label=${t('consulted.caption')}
      >
        <table class="table table--compact" id="consulted-parties">
          <caption class="sr-only">
            ${t('consulted.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('consulted.col.party')}</th>
              <th scope="col">${t('consulted.col.kind')}</th>
              <th scope="col">${t('consulted.col.answered')}</th>
            </tr>
          </thead>
          <tbody>
            ${p.items.map(
              (x) =>
                html`<tr>
                  <th scope="row">${x.name}</th>
                  <td>${t(`partyKind.${x.kind}`)}</td>
                  <td>${x.answered ? t('consulted.answered') : t('consulted.notAnswered')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  /** The published høringsnotat (issue 14 story 6): its page, with the print-ready and downloadable files. */
  private _report(c: Consultation, r: PublishedVersion) {
    return html`<section class="sr-section" id="consultation-report" aria-labelledby="report-heading">
      <h2 id="report-heading">${t('reportPublic.heading')}</h2>
      <p>${t('reportPublic.intro', { n: r.number, date: formatDateTime(r.publishedAt) })}</p>
      <p>
        <a href="/consultations/${encodeURIComponent(c.slug)}/report" id="consultation-report-link"
          >${t('reportPublic.read')}</a
        >
      </p>
    </section>`;
  }

  /** The scenario decision and its political approval, once recorded and the round closed (issue 14 story 4). */
  private _decision(d: Decision) {
    return html`<section class="sr-section" id="consultation-decision" aria-labelledby="decision-heading">
      <h2 id="decision-heading">${t('decisionPublic.heading')}</h2>
      <p>${t('decisionPublic.intro', { n: d.roundNumber })}</p>
      <dl class="sr-decision-list">
        ${d.outcomes.map(
          (o) =>
            html`<dt>
                <span>${o.key}:</span> <span lang=${locLang(o.title)}>${loc(o.title)}</span>
                ${statusBadge(o.outcome)}
              </dt>
              <dd>
                <p>${o.reasons}</p>
                ${
                  o.evidence.length
                    ? html`<p>
                        ${t('decisionPublic.evidence')}:
                        ${o.evidence.map(
                          (e, i) =>
                            html`${i ? ', ' : ''}${
                              (e.kind === 'ranking' || e.kind === 'document') && /^(\/|https?:\/\/)/.test(e.ref)
                                ? html`<a href=${e.ref}>${e.label}</a>`
                                : e.label
                            }`,
                        )}
                      </p>`
                    : nothing
                }
              </dd>`,
        )}
      </dl>
      ${
        d.approval
          ? html`<p id="decision-approval">
              ${t('decisionPublic.approved', { by: d.approval.approvedBy, date: formatDateTime(d.approval.approvedAt) })}
              ${
                /^(\/|https?:\/\/)/.test(d.approval.documentRef)
                  ? html`<a href=${d.approval.documentRef}>${t('decisionPublic.document')}</a>`
                  : html`${t('decisionPublic.document')}: ${d.approval.documentRef}`
              }
            </p>`
          : nothing
      }
    </section>`;
  }

  private _render({
    consultation: c,
    scenarios,
    consulted,
    decision,
    report,
  }: {
    consultation: Consultation;
    scenarios: ScenarioSummary[];
    consulted: ConsultedParties;
    decision: Decision | null;
    report: PublishedVersion | null;
  }) {
    const locale = getLocale();
    const body = c.bodyHtml[locale] || c.bodyHtml[locale === 'da' ? 'en' : 'da'];
    const summary = loc(c.summary);
    return html`<h1 tabindex="-1" lang=${locLang(c.title)}>${loc(c.title)}</h1>
      ${c.phase === 'draft' ? alert('warning', t('consultation.draftNotice'), { live: false }) : nothing}
      ${summary ? html`<p class="font-lead" lang=${locLang(c.summary)}>${summary}</p>` : nothing} ${this._facts(c)}
      ${this._respond(c)}
      ${
        isAdmin(this._session.user)
          ? html`<p><a href="/admin/consultations/${c.id}" class="sr-manage-link">${t('consultation.manage')}</a></p>`
          : nothing
      }
      ${
        body
          ? html`<section
              class="sr-prose sr-body"
              aria-label=${t('consultation.aboutHeading')}
              lang=${locLang(c.bodyHtml)}
            >
              ${unsafeHTML(body)}
            </section>`
          : nothing
      }
      <section class="sr-section" aria-labelledby="documents-heading">
        <h2 id="documents-heading">${t('consultation.documentsHeading')}</h2>
        ${
          c.documents.length
            ? html`<ul class="sr-document-list nobullet-list">
                ${c.documents.map((d) => this._document(d))}
              </ul>`
            : html`<p class="sr-empty">${t('consultation.noDocuments')}</p>`
        }
      </section>
      <section class="sr-section" aria-labelledby="scenarios-heading">
        <h2 id="scenarios-heading">${t('consultation.scenariosHeading')}</h2>
        ${
          scenarios.length
            ? html`<ul class="sr-card-list sr-scenario-list">
                ${scenarios.map((s) => this._scenario(s))}
              </ul>`
            : html`<p class="sr-empty">${t('consultation.noScenarios')}</p>`
        }
        ${
          scenarios.length && c.phase !== 'draft'
            ? html`<ul class="sr-debate-links">
                <li>
                  <a href="/consultations/${encodeURIComponent(c.slug)}/compare" id="consultation-compare-link"
                    >${t('consultation.compareLink')}</a
                  >
                </li>
                ${
                  // A closed or concluded hearing no longer invites a ranking (issue 10 item 13).
                  this._accepting(c)
                    ? html`<li>
                        <a href="/consultations/${encodeURIComponent(c.slug)}/ranking" id="consultation-rank-link"
                          >${t('consultation.rankLink')}</a
                        >
                      </li>`
                    : nothing
                }
                <li>
                  <a href="/consultations/${encodeURIComponent(c.slug)}/results" id="consultation-results-link"
                    >${t('consultation.resultsLink')}</a
                  >
                </li>
              </ul>`
            : nothing
        }
      </section>
      ${publishedInputsSection(
        this._inputs.value,
        new Map(scenarios.map((s) => [s.id, { key: s.key, title: loc(s.title) }])),
      )}
      ${this._consulted(consulted)} ${decision ? this._decision(decision) : nothing}
      ${report ? this._report(c, report) : nothing}`;
  }

  protected override render() {
    return renderPage(this._task, (data) => this._render(data));
  }
}

/** A short, readable name for a media type: "PDF", "DOCX", else the subtype. */
export function mediaTypeLabel(mediaType: string): string {
  const known: Record<string, string> = {
    'application/pdf': 'PDF',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
    'application/vnd.oasis.opendocument.text': 'ODT',
    'application/msword': 'DOC',
    'text/html': 'HTML',
    'text/csv': 'CSV',
  };
  return known[mediaType] ?? (mediaType.split('/')[1] ?? mediaType).toUpperCase();
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-consultation': SrPageConsultation;
  }
}
