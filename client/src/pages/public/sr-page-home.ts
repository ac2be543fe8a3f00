import { loadMoreButton } from '../../components/load-more.ts';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { listConsultations } from '../../api/consultations.ts';
import type { ConsultationSummary } from '../../api/types.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce, takeFlash } from '../../app/navigation.ts';
import { isStaff, SessionController } from '../../app/session.ts';
import { alert, errorAlert, loading } from '../../components/alerts.ts';
import '../../components/sr-consultation-card.ts';
import { t } from '../../i18n/i18n.ts';

type ListState = { items: ConsultationSummary[]; cursor: string | null; busy: boolean; error: unknown };

const PAGE_SIZE = 20;

/**
 * `/`: open consultations first, then closed, under analysis and concluded ones, each list with
 * "Load more" through the API's cursor. Drafts are left to the staff overview.
 */
@customElement('sr-page-home')
export class SrPageHome extends SrLightElement implements SrPage {
  private readonly _session = new SessionController(this);
  private readonly _flash = takeFlash();
  @state() private _open: ListState = { items: [], cursor: null, busy: false, error: null };
  @state() private _other: ListState = { items: [], cursor: null, busy: false, error: null };
  private _now = new Date();

  private readonly _task = new Task(this, {
    task: async (_args, { signal }) => {
      const [open, all] = await Promise.all([
        listConsultations({ phase: 'open', limit: PAGE_SIZE }, signal),
        listConsultations({ limit: PAGE_SIZE }, signal),
      ]);
      this._now = new Date();
      this._open = { items: open.items, cursor: open.nextCursor, busy: false, error: null };
      this._other = { items: all.items.filter(isEarlier), cursor: all.nextCursor, busy: false, error: null };
    },
    args: () => [],
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _loadMore(which: 'open' | 'other'): Promise<void> {
    const list = which === 'open' ? this._open : this._other;
    if (!list.cursor || list.busy) return;
    const set = (s: ListState) => (which === 'open' ? (this._open = s) : (this._other = s));
    set({ ...list, busy: true, error: null });
    try {
      const page = await listConsultations({
        phase: which === 'open' ? 'open' : undefined,
        cursor: list.cursor,
        limit: PAGE_SIZE,
      });
      const added = which === 'open' ? page.items : page.items.filter(isEarlier);
      set({ items: [...list.items, ...added], cursor: page.nextCursor, busy: false, error: null });
      await this.updateComplete;
      const first = added[0];
      if (first) this.querySelector<HTMLElement>(`#home-${which} [data-slug="${first.slug}"] a`)?.focus();
      announce(t('common.shown', { shown: list.items.length + added.length, more: !!page.nextCursor }));
    } catch (error) {
      set({ ...list, busy: false, error });
    }
  }

  private _renderList(which: 'open' | 'other', heading: string, empty: string) {
    const list = which === 'open' ? this._open : this._other;
    return html`<section class="sr-section" id="home-${which}" aria-labelledby="home-${which}-heading">
      <h2 id="home-${which}-heading">${heading}</h2>
      ${
        list.items.length === 0 && !list.cursor
          ? html`<p class="sr-empty">${empty}</p>`
          : html`<ul class="sr-card-list sr-consultation-list">
              ${list.items.map(
                (c) =>
                  html`<li class="sr-consultation-item">
                    <sr-consultation-card .consultation=${c} .now=${this._now}></sr-consultation-card>
                  </li>`,
              )}
            </ul>`
      }
      ${list.error ? errorAlert(list.error) : nothing}
      ${loadMoreButton({
        id: `home-${which}-more`,
        cursor: list.cursor,
        busy: list.busy,
        onClick: () => void this._loadMore(which),
      })}
    </section>`;
  }

  protected override render() {
    return html`<h1 tabindex="-1">${t('home.title')}</h1>
      ${this._flash ? alert('success', this._flash()) : nothing}
      <p class="font-lead">${t('home.intro')}</p>
      ${isStaff(this._session.user) ? html`<p><a href="/admin">${t('home.staffHint')}</a></p>` : nothing}
      ${this._task.render({
        pending: () => loading(),
        error: (e) =>
          html`${errorAlert(e)}<button
              type="button"
              class="button button-secondary"
              @click=${() => void this._task.run()}
            >
              ${t('common.retry')}
            </button>`,
        complete: () =>
          html`${this._renderList('open', t('home.openHeading'), t('home.openEmpty'))}
          ${this._renderList('other', t('home.otherHeading'), t('home.otherEmpty'))}`,
      })}`;
  }
}

/** Closed, under analysis or concluded: everything public that no longer takes input. */
const isEarlier = (c: ConsultationSummary) => c.phase !== 'open' && c.phase !== 'draft';

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-home': SrPageHome;
  }
}
