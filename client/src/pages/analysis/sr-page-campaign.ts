import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import {
  codeCampaign,
  getCampaign,
  listCampaigns,
  mergeCampaign,
  setCampaignStatus,
  splitCampaign,
  type CampaignDetail,
  type CampaignMember,
  type CampaignSummary,
} from '../../api/campaigns.ts';
import { getCodebook, type CodebookTag } from '../../api/codebook.ts';
import { getConsultation } from '../../api/consultations.ts';
import type { Consultation } from '../../api/types.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import { selectField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { pathOf } from '../../data/codebook-tree.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

const excerpt = (s: string) => (s.length <= 80 ? s : `${s.slice(0, 79).replace(/\s+\S*$/, '')}…`);

/**
 * A member's text with what it added to or changed in the template marked: each such sentence in a
 * `<mark>` with a text marker ("Added" / "Changed") before it, never colour alone. The text is shown
 * as received (never altered).
 */
function memberText(m: CampaignMember) {
  const parts: unknown[] = [];
  let at = 0;
  for (const s of [...m.spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at || s.end > m.text.length) continue;
    parts.push(m.text.slice(at, s.start));
    const label = s.kind === 'added' ? t('campaign.added') : t('campaign.changed');
    parts.push(
      html`<mark class="sr-campaign-${s.kind}"
        ><strong class="sr-campaign-marker">[${label}]</strong> ${m.text.slice(s.start, s.end)}</mark
      >`,
    );
    at = s.end;
  }
  parts.push(m.text.slice(at));
  return html`<p class="sr-campaign-text">${parts}</p>`;
}

/**
 * `/admin/consultations/:consultationId/campaigns/:campaignId`: one campaign (issue 12 story 1):
 * its template, each member with its additions highlighted; analysts split members out (a
 * checkbox each), merge the campaign into another, mark it "not a campaign", and code every
 * member with a tag at once (one coding per member). Each decision is announced and audited.
 */
@customElement('sr-page-campaign')
export class SrPageCampaign extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @property() campaignId = '';
  @state() private _detail: CampaignDetail | null = null;
  @state() private _others: CampaignSummary[] = [];
  @state() private _tags: CodebookTag[] = [];
  @state() private _selected = new Set<string>();
  @state() private _mergeInto = '';
  @state() private _tagId = '';
  @state() private _busy = false;
  @state() private _flash = '';
  @state() private _failure: unknown = null;

  private readonly _task = new Task(this, {
    task: async ([id, campaignId], { signal }): Promise<Consultation> => {
      const [consultation] = await Promise.all([
        getConsultation(id, signal),
        this._load(id, campaignId, signal),
        getCodebook(id, {}, signal).then((b) => (this._tags = b.tags)),
      ]);
      return consultation;
    },
    args: () => [this.consultationId, this.campaignId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _load(id = this.consultationId, campaignId = this.campaignId, signal?: AbortSignal) {
    const [detail, list] = await Promise.all([getCampaign(id, campaignId, signal), listCampaigns(id, signal)]);
    this._detail = detail;
    this._others = list.items.filter((x) => x.id !== campaignId && x.status !== 'merged');
    if (!this._others.some((x) => x.id === this._mergeInto)) this._mergeInto = this._others[0]?.id ?? '';
  }

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    const el = this.querySelector<HTMLElement>(selector);
    if (!el) return;
    if (!el.hasAttribute('tabindex') && !(el instanceof HTMLButtonElement)) el.setAttribute('tabindex', '-1');
    el.focus();
  }

  private async _act(fn: () => Promise<string>): Promise<void> {
    this._busy = true;
    try {
      this._flash = await fn();
      this._failure = null;
      announce(this._flash);
      void this._focus('#campaign-flash');
    } catch (err) {
      this._flash = '';
      this._failure = err;
      void this._focus('#campaign-failure');
    } finally {
      this._busy = false;
    }
  }

  private _split() {
    const members = this._detail!.members.filter((m) => this._selected.has(`${m.kind}:${m.id}`));
    if (members.length === 0) {
      this._failure = null;
      this._flash = '';
      announce(t('campaign.splitNone'));
      return;
    }
    void this._act(async () => {
      await splitCampaign(
        this.consultationId,
        this.campaignId,
        members.map((m) => ({ kind: m.kind, id: m.id })),
      );
      this._selected = new Set();
      await this._load();
      return t('campaign.splitDone', { count: members.length });
    });
  }

  private _tagPath = (id: string): string =>
    pathOf(this._tags, id)
      .map((x) => loc(x.name))
      .join(' › ');

  private _member(m: CampaignMember, c: Consultation, selectable: boolean) {
    const key = `${m.kind}:${m.id}`;
    const boxId = `campaign-select-${m.id}`;
    const sim = m.similarity >= 0.999 && m.spans.length === 0;
    return html`<li class="sr-card" id="campaign-member-${m.id}">
      <p class="sr-response-meta">
        ${t('campaign.author', { name: m.authorLabel })} ·
        ${
          m.isTemplate
            ? html`<strong>${t('campaign.isTemplate')}</strong>`
            : sim
              ? t('campaign.identical')
              : t('campaign.similarity', { pct: Math.round(m.similarity * 100) })
        }
        · <a href="/admin/consultations/${c.id}/inbox/${m.kind}/${m.id}">${t('campaign.openItem')}</a>
      </p>
      ${memberText(m)}
      ${
        selectable && !m.isTemplate
          ? html`<div class="form-group-checkbox">
              <input
                type="checkbox"
                class="form-checkbox"
                id=${boxId}
                .checked=${this._selected.has(key)}
                @change=${(e: Event) => {
                  const next = new Set(this._selected);
                  if ((e.target as HTMLInputElement).checked) next.add(key);
                  else next.delete(key);
                  this._selected = next;
                }}
              />
              <label class="form-label" for=${boxId}>${t('campaign.select', { name: m.authorLabel })}</label>
            </div>`
          : nothing
      }
    </li>`;
  }

  private _actions(d: CampaignDetail) {
    const active = d.campaign.status === 'active';
    return html`<section class="sr-section" aria-labelledby="campaign-actions-heading">
      <h2 id="campaign-actions-heading">${t('campaign.actions')}</h2>
      <div class="sr-actions">
        <button
          type="button"
          class="button button-secondary"
          id="campaign-status"
          ?disabled=${this._busy}
          @click=${() =>
            void this._act(async () => {
              const s = await setCampaignStatus(
                this.consultationId,
                this.campaignId,
                active ? 'not_a_campaign' : 'active',
              );
              await this._load();
              return t('campaign.statusDone', { status: t(`campaigns.status.${s.status}`) });
            })}
        >
          ${active ? t('campaign.notCampaign') : t('campaign.isCampaign')}
        </button>
      </div>
      ${
        this._others.length
          ? html`${selectField({
                id: 'campaign-merge-into',
                label: t('campaign.mergeInto'),
                value: this._mergeInto,
                options: this._others.map((x) => ({
                  value: x.id,
                  label: `${excerpt(x.templateText)} (${t('campaigns.count', { count: x.memberCount })})`,
                })),
                onChange: (v) => (this._mergeInto = v),
              })}
              <button
                type="button"
                class="button button-secondary"
                id="campaign-merge"
                ?disabled=${this._busy}
                @click=${() =>
                  void this._act(async () => {
                    const into = await mergeCampaign(this.consultationId, this.campaignId, this._mergeInto);
                    history.pushState(
                      history.state,
                      '',
                      `/admin/consultations/${this.consultationId}/campaigns/${into.id}`,
                    );
                    this.campaignId = into.id;
                    await this._load(this.consultationId, into.id);
                    return t('campaign.mergeDone', { count: into.memberCount });
                  })}
              >
                ${t('campaign.merge')}
              </button>`
          : html`<p>${t('campaign.mergeNone')}</p>`
      }
      ${
        active
          ? html`<h3 id="campaign-code-heading">${t('campaign.code')}</h3>
              ${
                this._tags.length
                  ? html`${selectField({
                        id: 'campaign-code-tag',
                        label: t('campaign.codeTag'),
                        value: this._tagId || this._tags[0]!.id,
                        options: this._tags
                          .filter((x) => !x.archivedAt)
                          .map((x) => ({ value: x.id, label: this._tagPath(x.id) })),
                        onChange: (v) => (this._tagId = v),
                      })}
                      <button
                        type="button"
                        class="button button-primary"
                        id="campaign-code"
                        ?disabled=${this._busy}
                        @click=${() =>
                          void this._act(async () => {
                            const r = await codeCampaign(this.consultationId, this.campaignId, {
                              tagId: this._tagId || this._tags[0]!.id,
                            });
                            return t('campaign.codeDone', { count: r.codingIds.length });
                          })}
                      >
                        ${t('campaign.codeSubmit')}
                      </button>`
                  : html`<p>${t('campaign.codeNoTags')}</p>`
              }`
          : nothing
      }
    </section>`;
  }

  protected override render() {
    return renderPage(this._task, (c) => {
      const d = this._detail!;
      const title = loc(c.title);
      const heading = t('campaign.title', { n: d.campaign.memberCount });
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: title },
            { href: `/admin/consultations/${c.id}/campaigns`, label: t('campaign.back') },
            { label: heading },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${heading}</h1>
        <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
        ${analysisNav(c.id, 'campaigns')}
        <p id="campaign-count">
          ${t('campaigns.count', { count: d.campaign.memberCount })} · ${t(`campaigns.status.${d.campaign.status}`)}
        </p>
        ${this._flash ? alert('success', this._flash, { id: 'campaign-flash' }) : nothing}
        ${this._failure ? errorAlert(this._failure, { id: 'campaign-failure' }) : nothing}
        <p>
          <a href="/admin/consultations/${c.id}/inbox?campaign=${d.campaign.id}" id="campaign-inbox"
            >${t('campaign.inboxLink')}</a
          >
        </p>
        <section class="sr-section" aria-labelledby="campaign-template-heading">
          <h2 id="campaign-template-heading">${t('campaign.template')}</h2>
          <blockquote class="sr-campaign-template"><p>${d.campaign.templateText}</p></blockquote>
        </section>
        ${this._actions(d)}
        <section class="sr-section" aria-labelledby="campaign-members-heading">
          <h2 id="campaign-members-heading">${t('campaign.members')}</h2>
          <p id="campaign-legend">${t('campaign.legend')}</p>
          <ul class="sr-card-list nobullet-list" id="campaign-members">
            ${repeat(
              d.members,
              (m) => m.id,
              (m) => this._member(m, c, d.campaign.status !== 'merged'),
            )}
          </ul>
          ${
            d.campaign.status !== 'merged' && d.members.length > 1
              ? html`<button
                  type="button"
                  class="button button-secondary"
                  id="campaign-split"
                  ?disabled=${this._busy}
                  @click=${() => this._split()}
                >
                  ${t('campaign.split')}
                </button>`
              : nothing
          }
        </section>
        ${
          d.split.length
            ? html`<section class="sr-section" aria-labelledby="campaign-split-heading">
                <h2 id="campaign-split-heading">${t('campaign.splitHeading')}</h2>
                <ul class="sr-card-list nobullet-list" id="campaign-split-list">
                  ${repeat(
                    d.split,
                    (m) => m.id,
                    (m) => this._member(m, c, false),
                  )}
                </ul>
              </section>`
            : nothing
        }`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-campaign': SrPageCampaign;
  }
}
