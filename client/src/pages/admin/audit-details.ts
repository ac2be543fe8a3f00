import type { AuditEvent } from '../../api/types.ts';
import { t, tDynamic } from '../../i18n/i18n.ts';
import '../../i18n/parts/admin.ts';
// The participants' actions (audit.action.comment.*, results.*) and the question kinds live there.
import '../../i18n/parts/debate.ts';
import '../../i18n/parts/responses.ts';

/**
 * An audit event's details as a sentence in the reader's language (issue 10, item 17: "Fase ændret
 * fra kladde til åben", not "to: open from: draft"). One renderer per action; an action without
 * one falls back to its keys and values, so nothing recorded is ever hidden.
 */

type Details = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v) || 0);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : []);
const lower = (s: string) => s.toLocaleLowerCase();

const phase = (v: unknown) => lower(tDynamic(`phase.${str(v)}`, str(v)));
const status = (v: unknown) => lower(tDynamic(`status.${str(v)}`, str(v)));
const roles = (v: unknown) =>
  list(v)
    .map((r) => tDynamic(`role.${r}`, r))
    .join(', ');
const fields = (v: unknown) =>
  list(v)
    .map((f) => tDynamic(`audit.field.${f}`, f))
    .join(', ');
const kind = (v: unknown) => tDynamic(`questions.kind.${str(v)}`, str(v));

/** The fallback: each detail as `key: value`, values as short text. */
export function genericDetails(d: Details): string[] {
  return Object.entries(d).map(([k, v]) => {
    const value =
      typeof v === 'string'
        ? v
        : Array.isArray(v) && v.every((x) => typeof x === 'string')
          ? v.join(', ')
          : JSON.stringify(v);
    return `${tDynamic(`audit.field.${k}`, k)}: ${value}`;
  });
}

const renderers: Record<string, (d: Details) => (string | null)[]> = {
  'consultation.create': (d) => [t('audit.d.slug', { slug: str(d.slug) })],
  'consultation.update': (d) => [t('audit.d.fields', { fields: fields(d.fields) })],
  'consultation.transition': (d) => [t('audit.d.transition', { from: phase(d.from), to: phase(d.to) })],
  'consultation.documents': (d) => [t('audit.d.documents', { count: num(d.count) })],
  'scenario.create': (d) => [t('audit.d.key', { key: str(d.key) })],
  'scenario.update': (d) => [
    t('audit.d.fields', { fields: fields(d.fields) }),
    d.newVersion ? t('audit.d.version', { version: num(d.newVersion) }) : null,
  ],
  'scenario.status': (d) => [t('audit.d.status', { from: status(d.from), to: status(d.to), round: num(d.round) })],
  'scenario.reorder': (d) => [t('audit.d.order', { count: list(d.order).length })],
  'question.create': (d) => [t('audit.d.question', { kind: kind(d.kind), required: d.required === true })],
  'question.update': (d) => [t('audit.d.fields', { fields: fields(d.fields) })],
  'question.delete': (d) => [kind(d.kind)],
  'question.reorder': (d) => [t('audit.d.order', { count: list(d.order).length })],
  'response.submit': (d) => [
    t('audit.d.submit', {
      code: str(d.receiptCode),
      channel: tDynamic(`audit.channel.${str(d.channel)}`, str(d.channel)),
    }),
  ],
  'response.register': (d) => [
    t('audit.d.submit', {
      code: str(d.receiptCode),
      channel: tDynamic(`audit.channel.${str(d.channel)}`, str(d.channel)),
    }),
  ],
  'response.edit': (d) => [d.version ? t('audit.d.version', { version: num(d.version) }) : null],
  'response.withdraw': () => [],
  'response.publication': (d) => [
    d.decision === 'approve' ? t('audit.d.approved') : t('audit.d.rejected', { reason: str(d.reason) }),
  ],
  'response.invited': (d) => [t('audit.d.invited', { invited: d.invited === true })],
  'account.create': (d) => [t('audit.d.account', { email: str(d.email), roles: roles(d.roles) })],
  'account.update': (d) => {
    const changed = Object.keys(d).filter((k) => k !== 'before' && k !== 'passwordChanged');
    return [
      changed.length ? t('audit.d.fields', { fields: fields(changed) }) : null,
      d.roles ? t('audit.d.roles', { roles: roles(d.roles) }) : null,
      d.passwordChanged ? t('audit.d.passwordChanged') : null,
    ];
  },
  'auth.login_failed': (d) => [
    t('audit.d.loginFailed', {
      email: str(d.email),
      reason: tDynamic(`audit.reason.${str(d.reason)}`, str(d.reason)),
    }),
    d.ip ? t('audit.d.from', { ip: str(d.ip) }) : null,
  ],
  'profile.update': (d) => [t('audit.d.fields', { fields: fields(d.fields) })],
  'attachment.upload': (d) => [t('audit.d.file', { filename: str(d.filename) })],
  'attachment.sweep': (d) => [t('audit.d.sweep', { count: list(d.attachmentIds).length })],
  'comment.create': () => [],
  'comment.hide': (d) => [d.reason ? t('audit.d.reason', { reason: str(d.reason) }) : null],
  'comment.restore': (d) => [d.reason ? t('audit.d.reason', { reason: str(d.reason) }) : null],
  'comment.delete': (d) => [d.reason ? t('audit.d.reason', { reason: str(d.reason) }) : null],
};

/** The details of an event as short sentences in the current language. */
export function describeDetails(e: Pick<AuditEvent, 'action' | 'details'>): string[] {
  const render = renderers[e.action];
  if (!render) return genericDetails(e.details);
  return render(e.details).filter((s): s is string => !!s);
}

/** The actions an admin can filter by, in the order the select lists them. */
export const AUDIT_ACTIONS: readonly string[] = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.session_rotated',
  'account.create',
  'account.update',
  'account.second_factor_on',
  'account.second_factor_off',
  'account.register',
  'account.confirm',
  'account.reset_request',
  'account.password_reset',
  'profile.update',
  'consultation.create',
  'consultation.update',
  'consultation.transition',
  'consultation.documents',
  'scenario.create',
  'scenario.update',
  'scenario.status',
  'scenario.reorder',
  'question.create',
  'question.update',
  'question.delete',
  'question.reorder',
  'response.submit',
  'response.register',
  'response.edit',
  'response.withdraw',
  'response.publication',
  'response.invited',
  'attachment.upload',
  'attachment.sweep',
  'comment.create',
  'comment.edit',
  'comment.delete',
  'comment.hide',
  'comment.restore',
  'ballot.cast',
  'ballot.replace',
  'ballot.withdraw',
  'results.publish',
  'results.unpublish',
];

export const AUDIT_ITEM_TYPES: readonly string[] = [
  'consultation',
  'scenario',
  'question',
  'response',
  'comment',
  'ballot',
  'account',
  'attachment',
];
