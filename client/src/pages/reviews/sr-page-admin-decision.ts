import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getCodebook } from '../../api/codebook.ts';
import {
  EVIDENCE_KINDS,
  type Decision,
  type Evidence,
  getDecision,
  getRound,
  type Outcome,
  OUTCOMES,
  recordApproval,
  recordDecision,
  type RoundDetail,
} from '../../api/reviews.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { selectField, textField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatDateTime, fromDateTimeLocal, toDateTimeLocal } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

type Row = { outcome: Outcome; reasons: string; evidence: Evidence[] };
type Flash = { ok: boolean; text: string; err?: unknown } | null;
type Options = { value: string; label: string }[];

/**
 * `/admin/consultations/:consultationId/review-rounds/:roundId/decision`: the decision record of a
 * round (issue 14 story 4). Per scenario an outcome, reasons and the evidence cited (a theme or a
 * review is chosen from this consultation's; other kinds take an address or id), then the political
 * approval. Once approved, the decision is shown, no longer edited.
 */
@customElement('sr-page-admin-decision')
export class SrPageAdminDecision extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @property() roundId = '';
  @state() private _rows = new Map<string, Row>();
  @state() private _approval = { approvedBy: '', approvedAt: '', documentRef: '' };
  @state() private _decisionFlash: Flash = null;
  @state() private _approvalFlash: Flash = null;
  @state() private _busy = false;

  private readonly _task = new Task(this, {
    task: async ([id, roundId], { signal }) => {
      const [round, decision, codebook] = await Promise.all([
        getRound(id, roundId, signal),
        getDecision(id, roundId, signal),
        getCodebook(id, {}, signal),
      ]);
      this._fill(round, decision);
      const themes: Options = codebook.tags.map((g) => ({ value: g.id, label: loc(g.name) }));
      const reviews: Options = round.reviews.map((r) => ({
        value: r.id,
        label: `${round.scenarios.find((s) => s.id === r.scenarioId)?.key ?? ''} — ${r.authority}`,
      }));
      return { round, decision, themes, reviews };
    },
    args: () => [this.consultationId, this.roundId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private _fill(round: RoundDetail, d: Decision) {
    this._rows = new Map(
      round.scenarios.map((s) => {
        const o = d.outcomes.find((x) => x.scenarioId === s.id);
        return [
          s.id,
          o
            ? { outcome: o.outcome, reasons: o.reasons, evidence: o.evidence.map((e) => ({ ...e })) }
            : { outcome: 'shortlisted' as Outcome, reasons: '', evidence: [] },
        ];
      }),
    );
    this._approval = d.approval
      ? {
          approvedBy: d.approval.approvedBy,
          approvedAt: toDateTimeLocal(d.approval.approvedAt),
          documentRef: d.approval.documentRef,
        }
      : { approvedBy: '', approvedAt: '', documentRef: '' };
  }

  private _set(id: string, change: Partial<Row>) {
    const next = new Map(this._rows);
    next.set(id, { ...next.get(id)!, ...change });
    this._rows = next;
  }

  private _setEvidence(id: string, i: number, change: Partial<Evidence>) {
    const row = this._rows.get(id)!;
    this._set(id, { evidence: row.evidence.map((e, j) => (j === i ? { ...e, ...change } : e)) });
  }

  private async _focus(selector: string) {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  private async _saveDecision(e: Event, round: RoundDetail) {
    e.preventDefault();
    const missing = round.scenarios.find((s) => !this._rows.get(s.id)!.reasons.trim());
    const badEvidence = round.scenarios.find((s) =>
      this._rows.get(s.id)!.evidence.some((x) => !x.ref.trim() || !x.label.trim()),
    );
    if (missing || badEvidence) {
      const text = missing ? t('decision.errors.reasons', { key: missing.key }) : t('decision.errors.evidence');
      this._decisionFlash = { ok: false, text };
      return this._focus(missing ? `#reasons-${missing.id}` : '#decision-flash');
    }
    this._busy = true;
    try {
      const outcomes = round.scenarios.map((s) => {
        const r = this._rows.get(s.id)!;
        return { scenarioId: s.id, outcome: r.outcome, reasons: r.reasons.trim(), evidence: r.evidence };
      });
      await recordDecision(this.consultationId, this.roundId, { outcomes });
      this._decisionFlash = { ok: true, text: t('decision.saved') };
      announce(t('decision.saved'));
      await this._task.run();
    } catch (err) {
      this._decisionFlash = { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
    return this._focus('#decision-flash');
  }

  private async _saveApproval(e: Event) {
    e.preventDefault();
    const a = this._approval;
    const at = fromDateTimeLocal(a.approvedAt);
    if (!a.approvedBy.trim() || !a.documentRef.trim() || !at) {
      this._approvalFlash = { ok: false, text: t('decision.errors.approval') };
      return this._focus('#approval-flash');
    }
    this._busy = true;
    try {
      await recordApproval(this.consultationId, this.roundId, {
        approvedBy: a.approvedBy.trim(),
        approvedAt: at,
        documentRef: a.documentRef.trim(),
      });
      this._approvalFlash = { ok: true, text: t('decision.approvedSaved') };
      announce(t('decision.approvedSaved'));
      await this._task.run();
    } catch (err) {
      this._approvalFlash = { ok: false, text: '', err };
    } finally {
      this._busy = false;
    }
    return this._focus('#approval-flash');
  }

  private _flash(id: string, f: Flash) {
    return html`<div id=${id} tabindex="-1">
      ${f ? (f.ok ? alert('success', f.text, { live: false }) : f.err ? errorAlert(f.err) : alert('error', f.text)) : nothing}
    </div>`;
  }

  private _evidenceRow(
    s: RoundDetail['scenarios'][number],
    i: number,
    e: Evidence,
    opts: { themes: Options; reviews: Options },
  ) {
    const id = `ev-${s.id}-${i}`;
    const choices = e.kind === 'theme' ? opts.themes : e.kind === 'review' ? opts.reviews : null;
    return html`<li>
      <fieldset class="sr-evidence" aria-labelledby="${id}-legend">
        <legend class="form-label" id="${id}-legend">${t('decision.evidenceItem', { key: s.key, n: i + 1 })}</legend>
        ${selectField({
          id: `${id}-kind`,
          label: t('decision.kind'),
          value: e.kind,
          options: EVIDENCE_KINDS.map((k) => ({ value: k, label: t(`decision.kind.${k}`) })),
          onChange: (v) => this._setEvidence(s.id, i, { kind: v as Evidence['kind'], ref: '' }),
        })}
        ${
          choices
            ? selectField({
                id: `${id}-ref`,
                label: t('decision.ref'),
                value: e.ref,
                placeholder: t('decision.choose'),
                options: choices,
                onChange: (v) =>
                  this._setEvidence(s.id, i, {
                    ref: v,
                    label: e.label || (choices.find((c) => c.value === v)?.label ?? ''),
                  }),
              })
            : textField({
                id: `${id}-ref`,
                label: t('decision.ref'),
                hint: t('decision.refHint'),
                value: e.ref,
                maxlength: 500,
                onInput: (v) => this._setEvidence(s.id, i, { ref: v }),
              })
        }
        ${textField({
          id: `${id}-label`,
          label: t('decision.label'),
          value: e.label,
          maxlength: 300,
          onInput: (v) => this._setEvidence(s.id, i, { label: v }),
        })}
        <button
          type="button"
          class="button button-tertiary"
          id="${id}-remove"
          @click=${() => {
            this._set(s.id, { evidence: this._rows.get(s.id)!.evidence.filter((_x, j) => j !== i) });
            void this._focus(`#ev-add-${s.id}`);
          }}
        >
          ${t('decision.removeEvidence', { key: s.key, n: i + 1 })}
        </button>
      </fieldset>
    </li>`;
  }

  private _scenario(s: RoundDetail['scenarios'][number], opts: { themes: Options; reviews: Options }) {
    const row = this._rows.get(s.id)!;
    return html`<section class="sr-section" id="decide-${s.id}" aria-labelledby="decide-${s.id}-heading">
      <h2 id="decide-${s.id}-heading"><span>${s.key}:</span> <span lang=${locLang(s.title)}>${loc(s.title)}</span></h2>
      ${selectField({
        id: `outcome-${s.id}`,
        label: t('decision.outcome'),
        value: row.outcome,
        options: OUTCOMES.map((o) => ({ value: o, label: t(`status.${o}`) })),
        onChange: (v) => this._set(s.id, { outcome: v as Outcome }),
      })}
      ${textField({
        id: `reasons-${s.id}`,
        label: t('decision.reasons'),
        value: row.reasons,
        rows: 4,
        required: true,
        maxlength: 20_000,
        onInput: (v) => this._set(s.id, { reasons: v }),
      })}
      <h3 class="h4">${t('decision.evidence')}</h3>
      ${
        row.evidence.length === 0
          ? html`<p class="sr-muted">${t('decision.evidenceNone')}</p>`
          : html`<ol class="sr-evidence-list">
              ${row.evidence.map((e, i) => this._evidenceRow(s, i, e, opts))}
            </ol>`
      }
      <button
        type="button"
        class="button button-secondary"
        id="ev-add-${s.id}"
        @click=${() => {
          this._set(s.id, { evidence: [...row.evidence, { kind: 'ranking', ref: '', label: '' }] });
          void this._focus(`#ev-${s.id}-${row.evidence.length}-kind`);
        }}
      >
        ${t('decision.addEvidence', { key: s.key })}
      </button>
    </section>`;
  }

  private _readOnly(d: Decision) {
    return html`${alert('info', t('decision.frozen'), { live: false })}
      <dl id="decision-record">
        ${d.outcomes.map(
          (o) =>
            html`<dt>
                <span>${o.key}:</span> <span lang=${locLang(o.title)}>${loc(o.title)}</span> —
                ${t(`status.${o.outcome}`)}
              </dt>
              <dd>
                <p>${o.reasons}</p>
                ${
                  o.evidence.length
                    ? html`<ul>
                        ${o.evidence.map((e) => html`<li>${t(`decision.kind.${e.kind}`)}: ${e.label}</li>`)}
                      </ul>`
                    : nothing
                }
              </dd>`,
        )}
      </dl>
      <p>
        ${t('decisionPublic.approved', { by: d.approval!.approvedBy, date: formatDateTime(d.approval!.approvedAt) })}
      </p>
      <p>${t('decision.documentRef')}: ${d.approval!.documentRef}</p>`;
  }

  private _approvalForm(d: Decision) {
    if (d.outcomes.length === 0) return html`<p>${t('decision.approvalNeedsDecision')}</p>`;
    const a = this._approval;
    const set = (change: Partial<typeof a>) => (this._approval = { ...this._approval, ...change });
    return html`<form novalidate id="approval-form" @submit=${(e: Event) => void this._saveApproval(e)}>
      ${textField({ id: 'approved-by', label: t('decision.approvedBy'), hint: t('decision.approvedByHint'), required: true, maxlength: 300, value: a.approvedBy, onInput: (v) => set({ approvedBy: v }) })}
      ${textField({ id: 'approved-at', label: t('decision.approvedAt'), hint: t('common.localTimeHint'), type: 'datetime-local', required: true, value: a.approvedAt, onInput: (v) => set({ approvedAt: v }) })}
      ${textField({ id: 'document-ref', label: t('decision.documentRef'), hint: t('decision.documentRefHint'), required: true, maxlength: 1000, value: a.documentRef, onInput: (v) => set({ documentRef: v }) })}
      ${this._flash('approval-flash', this._approvalFlash)}
      <button type="submit" class="button button-primary" id="approval-save" ?disabled=${this._busy}>
        ${t('decision.approve')}
      </button>
    </form>`;
  }

  override render() {
    return renderPage(this._task, ({ round, decision, themes, reviews }) => {
      const c = round.consultation;
      const title = t('decision.title', { n: round.round.number });
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: loc(c.title) },
            { href: `/admin/consultations/${c.id}/review-rounds`, label: t('rounds.title') },
            { label: title },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${title}</h1>
        <p class="font-lead" lang=${locLang(c.title)}>${loc(c.title)}</p>
        <p>
          <a href="/reviews/${c.id}/rounds/${round.round.id}" id="decision-positions-link"
            >${t('rounds.positions', { n: round.round.number })}</a
          >
        </p>
        ${
          decision.approval
            ? this._readOnly(decision)
            : html`<p>${t('decision.intro')}</p>
                <form novalidate id="decision-form" @submit=${(e: Event) => void this._saveDecision(e, round)}>
                  ${round.scenarios.map((s) => this._scenario(s, { themes, reviews }))}
                  ${this._flash('decision-flash', this._decisionFlash)}
                  <button type="submit" class="button button-primary" id="decision-save" ?disabled=${this._busy}>
                    ${t('decision.save')}
                  </button>
                </form>
                <section class="sr-section" aria-labelledby="approval-heading">
                  <h2 id="approval-heading">${t('decision.approval')}</h2>
                  ${this._approvalForm(decision)}
                </section>`
        }`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-decision': SrPageAdminDecision;
  }
}
