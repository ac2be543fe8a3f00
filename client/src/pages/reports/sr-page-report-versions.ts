import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import {
  generateReport,
  listReportVersions,
  publishReport,
  REPORT_FORMATS,
  type ReportVersion,
  type ReportVersionList,
  versionFileUrl,
} from '../../api/reports.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { SessionController, isAdmin } from '../../app/session.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { textField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { LOCALES, loc, locLang, t } from '../../i18n/i18n.ts';

type Flash = { ok: boolean; text: string; err?: unknown } | null;
const POLL_MS = 1000;
const FORMAT_LABEL: Record<string, string> = { html: 'HTML', docx: 'DOCX', md: 'Markdown', json: 'JSON' };

/**
 * `/admin/consultations/:consultationId/reports`: the høringsnotat's versions (issue 14 story 6).
 * Staff generate a version (a background job: its progress bar is polled each second until it is
 * done or failed), preview and download each version in Danish and English as HTML, DOCX, Markdown
 * and JSON; an admin publishes one, which then shows on the public consultation page.
 */
@customElement('sr-page-report-versions')
export class SrPageReportVersions extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _note = '';
  @state() private _flash: Flash = null;
  @state() private _busy = false;
  @state() private _list: ReportVersionList | null = null;
  private readonly _session = new SessionController(this);
  private _timer: ReturnType<typeof setTimeout> | undefined;
  /** Versions being generated when last seen: their end is announced. */
  private _watching = new Set<number>();

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => {
      const [consultation, list] = await Promise.all([getConsultation(id, signal), listReportVersions(id, signal)]);
      this._take(list);
      return { consultation };
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
    this._timer = undefined;
  }

  private _take(list: ReportVersionList) {
    for (const v of list.items) {
      if (!this._watching.has(v.number) || v.status === 'generating') continue;
      this._watching.delete(v.number);
      const text = t(v.status === 'failed' ? 'notat.generate.failed' : 'notat.generate.done', { n: v.number });
      this._flash = { ok: v.status !== 'failed', text };
      announce(text);
    }
    for (const v of list.items) if (v.status === 'generating') this._watching.add(v.number);
    this._list = list;
    clearTimeout(this._timer);
    if (list.items.some((v) => v.status === 'generating') && this.isConnected)
      this._timer = setTimeout(() => void this._poll(), POLL_MS);
  }

  private async _poll() {
    try {
      this._take(await listReportVersions(this.consultationId));
    } catch {
      this._timer = setTimeout(() => void this._poll(), POLL_MS * 3);
    }
  }

  private async _focus(selector: string) {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  private async _generate(e: Event) {
    e.preventDefault();
    this._busy = true;
    try {
      const v = await generateReport(this.consultationId, this._note.trim());
      this._note = '';
      this._watching.add(v.number);
      // Announced before the list is read: a job that is already done is announced as done after it.
      this._flash = { ok: true, text: t('notat.generate.started', { n: v.number }) };
      announce(this._flash.text);
      this._take(await listReportVersions(this.consultationId));
    } catch (err) {
      this._flash = { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
    return this._focus('#notat-flash');
  }

  private async _publish(v: ReportVersion) {
    this._busy = true;
    try {
      await publishReport(this.consultationId, v.number);
      // The list first, so what is announced is already on the page.
      this._take(await listReportVersions(this.consultationId));
      this._flash = { ok: true, text: t('notat.published', { n: v.number }) };
      announce(this._flash.text);
    } catch (err) {
      this._flash = { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
    return this._focus('#notat-flash');
  }

  private _status(v: ReportVersion) {
    if (v.status === 'generating')
      return html`<label class="form-label" for="notat-progress-${v.number}">${t('notat.status.generating')}</label>
        <progress
          id="notat-progress-${v.number}"
          max="1"
          .value=${v.progress}
          aria-label=${t('notat.progress', { n: v.number })}
        ></progress>`;
    return html`<span class="sr-status sr-status--${v.status}">${t(`notat.status.${v.status}`)}</span>
      ${v.status === 'failed' && v.error ? html`<p class="sr-muted">${v.error}</p>` : nothing}`;
  }

  private _files(v: ReportVersion) {
    if (v.status === 'generating' || v.status === 'failed') return nothing;
    return html`<ul class="sr-plain-list">
      ${LOCALES.map(
        (lang) =>
          html`<li>
            <a
              href=${versionFileUrl(this.consultationId, v.number, 'html', lang)}
              id="notat-preview-${v.number}-${lang}"
              >${t('notat.preview', { n: v.number, lang: t(`notat.lang.${lang}`) })}</a
            >:
            ${REPORT_FORMATS.map(
              (f, i) =>
                html`${i > 0 ? ', ' : ''}<a
                    href=${versionFileUrl(this.consultationId, v.number, f, lang, true)}
                    id="notat-file-${v.number}-${f}-${lang}"
                    download
                    aria-label=${t('notat.file', { n: v.number, format: FORMAT_LABEL[f]!, lang: t(`notat.lang.${lang}`) })}
                    >${FORMAT_LABEL[f]}</a
                  >`,
            )}
          </li>`,
      )}
    </ul>`;
  }

  private _row(v: ReportVersion, admin: boolean) {
    const took =
      v.tookMs !== null && v.peakRssBytes !== null
        ? t('notat.took', {
            s: formatNumber(Math.round(v.tookMs / 100) / 10),
            mb: formatNumber(Math.round(v.peakRssBytes / 1_048_576)),
          })
        : '';
    return html`<tr id="notat-version-${v.number}">
      <th scope="row">
        ${t('notat.version', { n: v.number })}${v.note ? html`<br /><span class="sr-muted">${v.note}</span>` : nothing}
      </th>
      <td>${this._status(v)}</td>
      <td>
        ${v.generatedAt ? html`${formatDateTime(v.generatedAt)}<br /><span class="sr-muted">${took}</span>` : nothing}
      </td>
      <td>${this._files(v)}</td>
      <td>
        ${
          admin && (v.status === 'draft' || v.status === 'superseded')
            ? html`<button
                type="button"
                class="button button-secondary"
                id="notat-publish-${v.number}"
                ?disabled=${this._busy}
                @click=${() => void this._publish(v)}
              >
                ${t('notat.publish', { n: v.number })}
              </button>`
            : nothing
        }
      </td>
    </tr>`;
  }

  override render() {
    return renderPage(this._task, ({ consultation: c }) => {
      const list = this._list;
      const admin = isAdmin(this._session.user);
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: loc(c.title) },
            { label: t('notat.versions.title') },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${t('notat.versions.title')}</h1>
        <p class="font-lead" lang=${locLang(c.title)}>${loc(c.title)}</p>
        <p>${t('notat.versions.intro')}</p>
        <section class="sr-section" aria-labelledby="notat-generate-heading">
          <h2 id="notat-generate-heading">${t('notat.generate.heading')}</h2>
          <form novalidate id="notat-generate-form" @submit=${(e: Event) => void this._generate(e)}>
            ${textField({
              id: 'notat-note',
              label: t('notat.generate.note'),
              hint: t('notat.generate.noteHint'),
              maxlength: 500,
              value: this._note,
              onInput: (v) => (this._note = v),
            })}
            <button type="submit" class="button button-primary" id="notat-generate" ?disabled=${this._busy}>
              ${t('notat.generate.button')}
            </button>
          </form>
        </section>
        <div id="notat-flash" tabindex="-1">
          ${
            this._flash
              ? this._flash.ok
                ? alert('success', this._flash.text, { live: false })
                : this._flash.err
                  ? errorAlert(this._flash.err)
                  : alert('error', this._flash.text)
              : nothing
          }
        </div>
        <section class="sr-section" aria-labelledby="notat-list-heading">
          <h2 id="notat-list-heading">${t('notat.list.heading')}</h2>
          ${
            !list || list.items.length === 0
              ? html`<p id="notat-none">${t('notat.list.none')}</p>`
              : html`<table class="table table--zebra table--responsive-headers" id="notat-versions">
                  <caption class="sr-only">
                    ${t('notat.list.caption')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">${t('notat.col.version')}</th>
                      <th scope="col">${t('notat.col.status')}</th>
                      <th scope="col">${t('notat.col.generated')}</th>
                      <th scope="col">${t('notat.col.files')}</th>
                      <th scope="col">${t('notat.col.actions')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${list.items.map((v) => this._row(v, admin))}
                  </tbody>
                </table>`
          }
        </section>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-report-versions': SrPageReportVersions;
  }
}
