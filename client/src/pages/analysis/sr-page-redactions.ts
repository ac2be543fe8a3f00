import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import {
  decideRedaction,
  listRedactions,
  scanNow,
  setTextVersion,
  type Finding,
  type FindingPage,
  type FindingStatus,
} from '../../api/redactions.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import { selectField, textField } from '../../components/fields.ts';
import { loadMoreButton } from '../../components/load-more.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatNumber } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

type Filter = FindingStatus | 'all';

/**
 * `/admin/consultations/:consultationId/redactions`: the redaction queue (issue 12 story 2). The
 * personal data the scanner found in the consultation's input, each with the words around it; an
 * analyst or admin redacts it or keeps it, always with a reason. Keyboard only: each finding is a
 * form with a reason field and two buttons; after a decision the focus moves to the next finding's
 * reason (or to the list's heading when none is left), and the result is announced.
 */
@customElement('sr-page-redactions')
export class SrPageRedactions extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _page: FindingPage | null = null;
  @state() private _filter: Filter = 'pending';
  @state() private _reasons: Record<string, string> = {};
  @state() private _errors: Record<string, string> = {};
  @state() private _flash: { ok: boolean; text: string; err?: unknown } | null = null;
  @state() private _busy = false;
  /** `?response=<id>`: only the findings on one response and its files (linked from the inbox item view). */
  private readonly _responseId = (() => {
    const id = new URLSearchParams(location.search).get('response');
    return id && /^[0-9a-f-]{36}$/i.test(id) ? id : undefined;
  })();

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => {
      const [consultation, page] = await Promise.all([
        getConsultation(id, signal),
        listRedactions(id, { status: 'pending', responseId: this._responseId }, signal),
      ]);
      this._page = page;
      return consultation;
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _reload() {
    const status = this._filter === 'all' ? undefined : this._filter;
    this._page = await listRedactions(this.consultationId, { status, responseId: this._responseId });
  }

  private async _more() {
    if (!this._page?.nextCursor) return;
    this._busy = true;
    try {
      const status = this._filter === 'all' ? undefined : this._filter;
      const next = await listRedactions(this.consultationId, {
        status,
        responseId: this._responseId,
        cursor: this._page.nextCursor,
      });
      this._page = { ...next, items: [...this._page.items, ...next.items] };
    } catch (err) {
      this._flash = { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
  }

  private async _scan() {
    this._busy = true;
    try {
      const r = await scanNow(this.consultationId);
      await this._reload();
      this._flash = { ok: true, text: t('privacy.scanned', { count: r.findings }) };
      announce(this._flash.text);
    } catch (err) {
      this._flash = { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
  }

  private async _publishText(f: Finding) {
    this._busy = true;
    try {
      await setTextVersion(this.consultationId, f.itemId, true);
      this._flash = { ok: true, text: t('privacy.textPublished') };
      announce(this._flash.text);
    } catch (err) {
      this._flash = { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
  }

  private async _decide(f: Finding, decision: 'accept' | 'reject') {
    const reason = (this._reasons[f.id] ?? '').trim();
    if (reason === '') {
      this._errors = { ...this._errors, [f.id]: t('privacy.reasonMissing') };
      await this.updateComplete;
      this.querySelector<HTMLInputElement>(`#reason-${f.id}`)?.focus();
      return;
    }
    this._busy = true;
    const items = this._page?.items ?? [];
    const at = items.findIndex((x) => x.id === f.id);
    try {
      await decideRedaction(this.consultationId, f.id, decision, reason);
      const { [f.id]: _r, ...reasons } = this._reasons;
      const { [f.id]: _e, ...errors } = this._errors;
      this._reasons = reasons;
      this._errors = errors;
      await this._reload();
      const what = t(`privacy.kind.${f.kind}`);
      this._flash = {
        ok: true,
        text: decision === 'accept' ? t('privacy.accepted', { what }) : t('privacy.rejected', { what }),
      };
      announce(this._flash.text);
    } catch (err) {
      this._flash = { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
    await this.updateComplete;
    const rest = this._page?.items ?? [];
    const next =
      rest.find((x, i) => i >= Math.max(0, at) && x.status === 'pending') ?? rest.find((x) => x.status === 'pending');
    const target = next
      ? this.querySelector<HTMLElement>(`#reason-${next.id}`)
      : this.querySelector<HTMLElement>('#redactions-heading');
    target?.focus();
  }

  private _finding(cid: string, f: Finding) {
    const id = `finding-${f.id}`;
    const itemHref =
      f.itemKind === 'comment'
        ? `/admin/consultations/${cid}/inbox/comment/${f.itemId}`
        : `/admin/consultations/${cid}/inbox/response/${f.responseId ?? f.itemId}`;
    return html`<li class="sr-panel" id=${id}>
      <h3 class="h5" id="${id}-heading">
        ${t(`privacy.kind.${f.kind}`)} ${t(`privacy.where.${f.itemKind}`)}
        <span class="badge">${t(`privacy.status.${f.status}`)}</span>
      </h3>
      <p>
        <span class="sr-only">${t('privacy.quote')}</span
        >${f.context.before}<mark>${f.context.quote}</mark>${f.context.after}
      </p>
      <p><a href=${itemHref}>${t('privacy.open')}</a></p>
      ${
        f.status !== 'pending' && f.reason
          ? html`<p>${t('privacy.decidedBy', { name: f.decidedByName ?? '–', reason: f.reason })}</p>`
          : nothing
      }
      ${
        f.itemKind === 'attachment' && f.status !== 'pending'
          ? html`<p>
              <button
                type="button"
                class="button button-secondary"
                id="text-version-${f.id}"
                ?disabled=${this._busy}
                @click=${() => void this._publishText(f)}
              >
                ${t('privacy.publishText')}
              </button>
            </p>`
          : nothing
      }
      <form
        novalidate
        aria-labelledby="${id}-heading"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault();
          const which = (e.submitter as HTMLButtonElement | null)?.value === 'reject' ? 'reject' : 'accept';
          void this._decide(f, which);
        }}
      >
        ${textField({
          id: `reason-${f.id}`,
          label: t('privacy.reason'),
          hint: t('privacy.reasonHint'),
          required: true,
          maxlength: 500,
          value: this._reasons[f.id] ?? '',
          error: this._errors[f.id],
          onInput: (v) => {
            this._reasons = { ...this._reasons, [f.id]: v };
          },
        })}
        <button type="submit" class="button button-primary" value="accept" id="accept-${f.id}" ?disabled=${this._busy}>
          ${t('privacy.accept')}
        </button>
        <button
          type="submit"
          class="button button-secondary"
          value="reject"
          id="reject-${f.id}"
          ?disabled=${this._busy}
        >
          ${t('privacy.reject')}
        </button>
      </form>
    </li>`;
  }

  override render() {
    return renderPage(this._task, (c) => {
      const title = loc(c.title);
      const page = this._page!;
      const n = (k: keyof FindingPage['counts']) => formatNumber(page.counts[k]);
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: title },
            { href: `/admin/consultations/${c.id}/inbox`, label: t('inbox.title') },
            { label: t('privacy.title') },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${t('privacy.title')}</h1>
        <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
        ${analysisNav(c.id, 'redactions')}
        <p>${t('privacy.intro')}</p>
        <p id="redactions-counts">
          ${t('privacy.counts', { pending: n('pending'), accepted: n('accepted'), rejected: n('rejected') })}
        </p>
        <form
          class="sr-toolbar"
          @submit=${(e: Event) => {
            e.preventDefault();
            void this._reload();
          }}
        >
          ${selectField({
            id: 'redactions-filter',
            label: t('privacy.filter.label'),
            value: this._filter,
            options: (['pending', 'accepted', 'rejected', 'all'] as const).map((v) => ({
              value: v,
              label: t(`privacy.filter.${v}`),
            })),
            onChange: (v) => {
              this._filter = v as Filter;
              void this._reload();
            },
          })}
          <button
            type="button"
            class="button button-secondary"
            id="redactions-scan"
            ?disabled=${this._busy}
            @click=${() => void this._scan()}
          >
            ${t('privacy.scan')}
          </button>
        </form>
        <div id="redactions-flash">
          ${
            this._flash
              ? this._flash.ok
                ? alert('success', this._flash.text, { live: false })
                : errorAlert(this._flash.err)
              : nothing
          }
        </div>
        <h2 id="redactions-heading" tabindex="-1">${t('privacy.list')}</h2>
        ${
          page.items.length === 0
            ? html`<p id="redactions-none">${t('privacy.none')}</p>`
            : html`<ul class="sr-plain-list" id="redactions-list">
                ${repeat(
                  page.items,
                  (f) => f.id,
                  (f) => this._finding(c.id, f),
                )}
              </ul>`
        }
        ${loadMoreButton({
          id: 'redactions-more',
          cursor: page.nextCursor,
          busy: this._busy,
          onClick: () => void this._more(),
        })}`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-redactions': SrPageRedactions;
  }
}
