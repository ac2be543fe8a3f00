import '../identity/sr-response-verify.ts';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getCodebook } from '../../api/codebook.ts';
import { itemSamples } from '../../api/agreement.ts';
import { createCoding, deleteCoding, itemCodings, updateCoding, type ItemCoding } from '../../api/codings.ts';
import { getConsultation } from '../../api/consultations.ts';
import { getInboxItem, type InboxItemDetail } from '../../api/inbox-item.ts';
import { updateWorkflow } from '../../api/inbox.ts';
import { markPassage } from '../../api/redactions.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce, navigate } from '../../app/navigation.ts';
import { renderPage, renderSection } from '../../app/page-state.ts';
import { SessionController } from '../../app/session.ts';
import { alert, errorAlert, loading } from '../../components/alerts.ts';
import { codingTarget, itemCodingList } from '../../components/analysis/item-codings.ts';
import {
  itemAuthor,
  itemChoices,
  itemEarlierVersions,
  itemFacts,
  itemFiles,
} from '../../components/analysis/item-details.ts';
import { textField } from '../../components/fields.ts';
import '../../components/analysis/sr-coding-picker.ts';
import type { PickerResult } from '../../components/analysis/sr-coding-picker.ts';
import '../../components/analysis/sr-coding-text.ts';
import type { CodeRequest, SrCodingText } from '../../components/analysis/sr-coding-text.ts';
import '../../components/sr-breadcrumbs.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { inboxKeysOn, setInboxKeys } from './inbox-keys.ts';
import { fromParam, itemHref, loadNeighbours, pickableTags, type Neighbours } from './item-model.ts';
import { itemKeysToggle, itemWorkflow, type WorkflowChange } from './item-workflow.ts';

/** What the picker codes: a passage, a whole text, the whole item; or a coding to change. */
type PickerTarget =
  | { mode: 'create'; field: string | null; start?: number; end?: number; target: string; returnTo: string }
  | { mode: 'edit'; coding: ItemCoding; target: string; returnTo: string };

type Result = { ok: true; message: string } | { ok: false; err: unknown } | null;

/** A passage being marked as personal data by hand (issue 12 story 2), on text number `index`. */
type Redaction = { index: number; field: string; start: number; end: number; quote: string };

/** The privacy module's name for a text field: a question's id for an answer, `text` for a comment. */
const privacyField = (kind: string, field: string) =>
  kind === 'comment' ? 'text' : field.startsWith('answer:') ? field.slice('answer:'.length) : field;

/**
 * `/admin/consultations/:consultationId/inbox/:kind/:itemId`: one input item, read and coded
 * (issue 11 stories 2, 4 and 6). The respondent's details (staff only), each text with every coding
 * highlighted in place and numbered, the closed answers and files; beside it the list of codings
 * to change or remove. A passage is coded by mouse or keyboard (see sr-coding-text), a whole text
 * or the whole item with a button; the tag picker searches tags by name. Status and assignment,
 * and next/previous when the item was opened from the inbox; single-key shortcuts (j, k, a, c)
 * act only while focus is in the workspace and can be turned off (WCAG 2.1.4).
 */
@customElement('sr-page-inbox-item')
export class SrPageInboxItem extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @property() kind = '';
  @property() itemId = '';
  @state() private _version = 0;
  @state() private _picker: PickerTarget | null = null;
  @state() private _busy = false;
  @state() private _busyId: string | null = null;
  @state() private _result: Result = null;
  @state() private _workflow: InboxItemDetail['workflow'] | undefined = undefined;
  @state() private _workflowResult: Result = null;
  @state() private _keys = inboxKeysOn();
  @state() private _redaction: Redaction | null = null;
  @state() private _redactionReason = '';
  @state() private _redactionError: string | undefined = undefined;
  @state() private _redactionResult: { index: number; result: NonNullable<Result> } | null = null;
  private readonly _session = new SessionController(this);

  private readonly _base = new Task(this, {
    task: async ([id, kind, itemId], { signal }) => {
      this._workflow = undefined;
      this._picker = null;
      this._redaction = null;
      this._redactionResult = null;
      this._result = null;
      this._workflowResult = null;
      const [consultation, item, codebook] = await Promise.all([
        getConsultation(id, signal),
        getInboxItem(id, kind, itemId, signal),
        getCodebook(id, { archived: true }, signal),
      ]);
      const neighbours = await loadNeighbours(id, item, signal);
      return { consultation, item, ...pickableTags(codebook.tags), neighbours };
    },
    args: () => [this.consultationId, this.kind, this.itemId] as const,
  });

  private readonly _codings = new Task(this, {
    task: async ([id, kind, itemId], { signal }) => (await itemCodings(id, kind, itemId, signal)).codings,
    args: () => [this.consultationId, this.kind, this.itemId, this._version] as const,
  });

  /** Open agreement samples this item is in that the actor codes blind (issue 11 story 7). */
  private readonly _blind = new Task(this, {
    task: async ([id, kind, itemId], { signal }) =>
      (await itemSamples(id, kind, itemId, signal).catch(() => ({ samples: [] }))).samples.filter((s) => s.blind),
    args: () => [this.consultationId, this.kind, this.itemId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete
      .then(() => Promise.all([this._base.taskComplete, this._codings.taskComplete, this._blind.taskComplete]))
      .then(() => this.updateComplete);
  }

  private _inboxHref(): string {
    const from = fromParam();
    return `/admin/consultations/${encodeURIComponent(this.consultationId)}/inbox${from ?? ''}`;
  }

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    const el = this.querySelector<HTMLElement>(selector);
    if (el?.tagName === 'SR-CODING-TEXT') (el as SrCodingText).focus();
    else el?.focus();
  }

  /** Loads the codings again; the list stays in place meanwhile, so focus can stay in it. */
  private async _reloadCodings(): Promise<void> {
    this._version++;
    await this.updateComplete;
    await this._codings.taskComplete.catch(() => undefined);
    await this.updateComplete;
  }

  private async _openPicker(p: PickerTarget): Promise<void> {
    this._picker = p;
    this._result = null;
    await this._focus('sr-coding-picker');
  }

  private async _closePicker(): Promise<void> {
    const back = this._picker?.returnTo;
    this._picker = null;
    if (back) await this._focus(back);
  }

  private async _confirm(r: PickerResult, paths: ReadonlyMap<string, string>): Promise<void> {
    const p = this._picker;
    if (!p) return;
    this._busy = true;
    try {
      if (p.mode === 'create') {
        await createCoding(this.consultationId, {
          tagId: r.tagId,
          itemKind: this.kind as 'response' | 'comment' | 'finding' | 'stakeholder_input',
          itemId: this.itemId,
          field: p.field,
          ...(p.start !== undefined && p.end !== undefined ? { startOffset: p.start, endOffset: p.end } : {}),
          stance: r.stance,
          note: r.note,
        });
      } else {
        await updateCoding(this.consultationId, p.coding.id, { tagId: r.tagId, stance: r.stance, note: r.note });
      }
      const tag = paths.get(r.tagId) ?? '';
      const message = p.mode === 'create' ? t('item.coded', { tag }) : t('item.changed', { tag });
      this._result = { ok: true, message };
      await this._reloadCodings();
      await this._closePicker();
      announce(message);
    } catch (err) {
      this._result = { ok: false, err };
    } finally {
      this._busy = false;
    }
  }

  private async _remove(c: ItemCoding, paths: ReadonlyMap<string, string>): Promise<void> {
    this._busyId = c.id;
    this._picker = null;
    try {
      await deleteCoding(this.consultationId, c.id);
      const message = t('item.removed', { tag: paths.get(c.tagId) ?? '' });
      this._result = { ok: true, message };
      await this._reloadCodings();
      await this._focus('#item-codings-heading');
      announce(message);
    } catch (err) {
      this._result = { ok: false, err };
    } finally {
      this._busyId = null;
    }
  }

  /** Opens the form that marks the selected passage of text `index` as personal data. */
  private async _startRedaction(index: number): Promise<void> {
    const p = this.querySelector<SrCodingText>(`#item-text-${index}`)?.takeSelection();
    if (!p) {
      await this._focus(`#item-text-${index}`);
      return;
    }
    this._redaction = { index, field: p.field, start: p.start, end: p.end, quote: p.quote };
    this._redactionReason = '';
    this._redactionError = undefined;
    this._redactionResult = null;
    await this._focus('#item-redact-reason');
  }

  private async _cancelRedaction(): Promise<void> {
    const index = this._redaction?.index;
    this._redaction = null;
    if (index !== undefined) await this._focus(`#item-redact-selection-${index}`);
  }

  private async _redact(item: InboxItemDetail): Promise<void> {
    const r = this._redaction;
    if (!r) return;
    const reason = this._redactionReason.trim();
    if (reason === '') {
      this._redactionError = t('privacy.reasonMissing');
      await this._focus('#item-redact-reason');
      return;
    }
    this._busy = true;
    try {
      await markPassage(this.consultationId, {
        itemKind: item.kind as 'response' | 'comment',
        itemId: item.id,
        field: privacyField(item.kind, r.field),
        start: r.start,
        end: r.end,
        reason,
      });
      const message = t('item.redacted', { quote: r.quote });
      this._redaction = null;
      this._redactionResult = { index: r.index, result: { ok: true, message } };
      await this._focus(`#item-redact-selection-${r.index}`);
      announce(message);
    } catch (err) {
      this._redactionResult = { index: r.index, result: { ok: false, err } };
    } finally {
      this._busy = false;
    }
  }

  private _redactionForm(item: InboxItemDetail, index: number) {
    const r = this._redaction;
    const done = this._redactionResult?.index === index ? this._redactionResult.result : null;
    return html`${
      r && r.index === index
        ? html`<form
            class="sr-item-redact"
            id="item-redact-form"
            novalidate
            aria-labelledby="item-redact-heading"
            @submit=${(e: SubmitEvent) => {
              e.preventDefault();
              void this._redact(item);
            }}
          >
            <h4 class="h5" id="item-redact-heading">${t('item.redactHeading')}</h4>
            <p>${t('privacy.quote')} <mark>${r.quote}</mark></p>
            ${textField({
              id: 'item-redact-reason',
              label: t('privacy.reason'),
              hint: t('item.redactHint'),
              required: true,
              maxlength: 500,
              value: this._redactionReason,
              error: this._redactionError,
              onInput: (v) => {
                this._redactionReason = v;
              },
            })}
            <div class="sr-actions">
              <button type="submit" class="button button-primary" id="item-redact-confirm" ?disabled=${this._busy}>
                ${t('privacy.accept')}
              </button>
              <button
                type="button"
                class="button button-tertiary"
                id="item-redact-cancel"
                @click=${() => void this._cancelRedaction()}
              >
                ${t('common.cancel')}
              </button>
            </div>
          </form>`
        : nothing
    }
    ${
      done
        ? done.ok
          ? alert(
              'success',
              html`${done.message}
                <a
                  href="/admin/consultations/${encodeURIComponent(this.consultationId)}/redactions?response=${item.kind === 'response' ? item.id : ''}"
                  >${t('analysisNav.redactions')}</a
                >`,
              { live: false, id: 'item-redact-result' },
            )
          : errorAlert(done.err)
        : nothing
    }`;
  }

  private async _setWorkflow(item: InboxItemDetail, change: WorkflowChange): Promise<void> {
    const current = this._workflow ?? item.workflow;
    if (!current) return;
    this._busy = true;
    this._workflowResult = null;
    try {
      await updateWorkflow(this.consultationId, { itemIds: [item.id], ...change });
      this._workflow = { ...current, ...change };
      const message = change.status
        ? t('item.workflow.statusSet', { status: t(`inbox.status.${change.status}`) })
        : t('item.workflow.assigned');
      this._workflowResult = { ok: true, message };
    } catch (err) {
      this._workflowResult = { ok: false, err };
    } finally {
      this._busy = false;
    }
  }

  /** The workspace's single-key shortcuts: j next, k previous, a mark analysed, ? the list (c is the text's). */
  private _onWorkspaceKey(e: KeyboardEvent, item: InboxItemDetail, n: Neighbours): void {
    if (!this._keys || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    const target = e.target instanceof HTMLElement ? e.target : null;
    if (!target || target.closest('input, textarea, select, [role="combobox"], sr-coding-picker')) return;
    const go = e.key === 'j' ? n.next : e.key === 'k' ? n.previous : null;
    if (go) {
      e.preventDefault();
      navigate(itemHref(this.consultationId, go));
    } else if (e.key === '?') {
      e.preventDefault();
      const help = this.querySelector<HTMLDetailsElement>('#item-keys-help');
      if (help) help.open = !help.open;
      help?.querySelector('summary')?.focus();
    } else if (e.key === 'a' && (this._workflow ?? item.workflow)) {
      e.preventDefault();
      void this._setWorkflow(item, { status: 'analysed' });
    }
  }

  private _texts(item: InboxItemDetail, codings: readonly ItemCoding[], paths: ReadonlyMap<string, string>) {
    return item.texts.map((text, i) => {
      const label = text.label ? loc(text.label) : t('item.bodyLabel');
      const marks = codings
        .map((c, k) => ({ c, n: k + 1 }))
        .filter(({ c }) => c.field === text.field && c.startOffset !== null && c.endOffset !== null)
        .map(({ c, n }) => ({ id: c.id, start: c.startOffset!, end: c.endOffset!, n, tag: paths.get(c.tagId) ?? '' }));
      const whole = codings
        .map((c, k) => ({ c, n: k + 1 }))
        .filter(({ c }) => c.field === text.field && c.startOffset === null);
      const wholeButton = `item-code-text-${i}`;
      return html`<section class="sr-section sr-item-text" aria-labelledby="item-text-${i}-label">
        <h3 class="h4" id="item-text-${i}-label" lang=${text.label ? locLang(text.label) : nothing}>${label}</h3>
        ${whole.length ? html`<p class="sr-response-meta" id="item-text-${i}-whole">${t('item.wholeTextCoded')}: ${whole.map(({ c, n }) => html`<span class="badge">[${n}] ${paths.get(c.tagId) ?? ''}</span> `)}</p>` : nothing}
        ${
          text.codable
            ? html`<sr-coding-text
                id="item-text-${i}"
                blockId="item-text-${i}-block"
                labelId="item-text-${i}-label"
                .field=${text.field}
                .text=${text.text}
                .marks=${marks}
                ?keys=${this._keys}
                @sr-code-request=${(e: CustomEvent<CodeRequest>) =>
                  void this._openPicker({
                    mode: 'create',
                    field: e.detail.field,
                    start: e.detail.start,
                    end: e.detail.end,
                    target: t('item.picker.quote', { quote: e.detail.quote }),
                    returnTo: `#item-text-${i}`,
                  })}
              ></sr-coding-text>`
            : html`<p class="sr-response-body" id="item-text-${i}-block">${text.text}</p>`
        }
        <div class="sr-actions">
          ${
            text.codable
              ? html`<button
                  type="button"
                  class="button button-secondary"
                  id="item-code-selection-${i}"
                  @click=${() => this.querySelector<SrCodingText>(`#item-text-${i}`)?.requestCode()}
                >
                  ${t('item.codeSelection')}<span class="sr-only">: ${label}</span>
                </button>`
              : nothing
          }
          ${
            // Issue 12 story 2: a passage the scanner missed, marked as personal data by hand.
            text.codable && (item.kind === 'response' || item.kind === 'comment')
              ? html`<button
                  type="button"
                  class="button button-tertiary"
                  id="item-redact-selection-${i}"
                  @click=${() => void this._startRedaction(i)}
                >
                  ${t('item.redactSelection')}<span class="sr-only">: ${label}</span>
                </button>`
              : nothing
          }
          <button
            type="button"
            class="button button-tertiary"
            id=${wholeButton}
            @click=${() =>
              void this._openPicker({
                mode: 'create',
                field: text.field,
                target: t('item.target.text', { label }),
                returnTo: `#${wholeButton}`,
              })}
          >
            ${t('item.codeText')}<span class="sr-only">: ${label}</span>
          </button>
        </div>
        ${this._redactionForm(item, i)}
      </section>`;
    });
  }

  private _pickerView(base: NonNullable<typeof this._base.value>) {
    const p = this._picker;
    if (!p) return nothing;
    return html`<sr-coding-picker
      .tags=${base.tags}
      .heading=${p.mode === 'create' ? t('item.picker.heading') : t('item.picker.changeHeading')}
      .target=${p.target}
      .confirmLabel=${p.mode === 'create' ? t('item.picker.confirm') : t('item.picker.save')}
      .busy=${this._busy}
      .initial=${p.mode === 'edit' ? { tagId: p.coding.tagId, stance: p.coding.stance, note: p.coding.note } : null}
      @sr-picker-confirm=${(e: CustomEvent<PickerResult>) => void this._confirm(e.detail, base.paths)}
      @sr-picker-cancel=${() => void this._closePicker()}
    ></sr-coding-picker>`;
  }

  private _codingList(item: InboxItemDetail, paths: ReadonlyMap<string, string>, codings: readonly ItemCoding[]) {
    return itemCodingList(codings, {
      item,
      paths,
      meId: this._session.user?.id,
      busyId: this._busyId,
      onChange: (coding) =>
        void this._openPicker({
          mode: 'edit',
          coding,
          target: codingTarget(coding, item) + (coding.quote ? `: “${coding.quote}”` : ''),
          returnTo: `#item-coding-${coding.id}-change`,
        }),
      onRemove: (coding) => void this._remove(coding, paths),
    });
  }

  private _render(base: NonNullable<typeof this._base.value>) {
    const { consultation: c, item, paths, neighbours } = base;
    const title = loc(c.title);
    const heading = t('item.heading', { kind: t(`inbox.kind.${item.kind}`), author: item.author.name });
    return html` <sr-breadcrumbs
        .items=${[
          { href: '/admin', label: t('nav.admin') },
          { href: `/admin/consultations/${c.id}`, label: title },
          { href: this._inboxHref(), label: t('inbox.title') },
          { label: heading },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${heading}</h1>
      <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
      ${item.kind === 'response' ? html`<sr-staff-verification .responseId=${item.id}></sr-staff-verification>` : nothing}
      ${(this._blind.value ?? []).map((s) =>
        alert('info', t('agreement.blindNotice', { number: s.number }), { id: `item-blind-${s.number}`, live: false }),
      )}
      ${
        neighbours.previous || neighbours.next
          ? html`<nav class="sr-item-nav" aria-label=${t('item.nav')}>
              ${neighbours.previous ? html`<a id="item-previous" href=${itemHref(c.id, neighbours.previous)}>${t('item.previous')}</a>` : nothing}
              ${neighbours.next ? html`<a id="item-next" href=${itemHref(c.id, neighbours.next)}>${t('item.next')}</a>` : nothing}
            </nav>`
          : nothing
      }
      <div id="item-workspace" @keydown=${(e: KeyboardEvent) => this._onWorkspaceKey(e, item, neighbours)}>
        ${itemKeysToggle(this._keys, (on) => (this._keys = setInboxKeys(on)))}
        ${itemWorkflow({
          workflow: this._workflow ?? item.workflow,
          meId: this._session.user?.id,
          busy: this._busy,
          result: this._workflowResult,
          onChange: (change) => void this._setWorkflow(item, change),
        })}
        <div class="row">
          <div class="col-12 col-lg-7">
            <section class="sr-section" aria-labelledby="item-author-heading">
              <h2 id="item-author-heading">${t('item.author')}</h2>
              ${itemAuthor(item)}
            </section>
            ${itemFacts(item, c.id)}
            <section class="sr-section" aria-labelledby="item-texts-heading">
              <h2 id="item-texts-heading">${t('item.texts')}</h2>
              ${item.texts.length ? this._texts(item, this._codings.value ?? [], paths) : html`<p class="sr-empty">${t('item.noText')}</p>`}
            </section>
            ${itemChoices(item)} ${itemFiles(item)} ${itemEarlierVersions(item)}
            ${
              // Issue 12 story 2: this response's personal-data findings in the redaction queue.
              item.kind === 'response'
                ? html`<p>
                    <a id="item-redactions" href="/admin/consultations/${c.id}/redactions?response=${item.id}"
                      >${t('analysisNav.redactions')}</a
                    >
                  </p>`
                : item.kind === 'stakeholder_input'
                  ? html`<p>
                      <a id="item-open-input" href="/admin/consultations/${c.id}/stakeholder-inputs/${item.id}"
                        >${t('item.openInput')}</a
                      >
                    </p>`
                  : nothing
            }
          </div>
          <section class="col-12 col-lg-5 sr-section" aria-labelledby="item-codings-heading">
            <h2 id="item-codings-heading" tabindex="-1">${t('item.codings')}</h2>
            <div class="sr-actions">
              <button
                type="button"
                class="button button-secondary"
                id="item-code-item"
                @click=${() => void this._openPicker({ mode: 'create', field: null, target: t('item.target.item'), returnTo: '#item-code-item' })}
              >
                ${t('item.codeItem')}
              </button>
            </div>
            <div id="item-result">
              ${
                this._result?.ok
                  ? alert('success', this._result.message, { live: false })
                  : this._result
                    ? errorAlert(this._result.err)
                    : nothing
              }
            </div>
            ${this._pickerView(base)}
            ${renderSection(this._codings, (codings) => this._codingList(item, paths, codings), {
              pending: () => (this._codings.value ? this._codingList(item, paths, this._codings.value) : loading()),
            })}
          </section>
        </div>
      </div>`;
  }

  override render() {
    return renderPage(this._base, (base) => this._render(base));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-inbox-item': SrPageInboxItem;
  }
}
