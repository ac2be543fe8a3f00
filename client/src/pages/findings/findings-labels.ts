import type { FindingSummary, TestSession } from '../../api/findings.ts';
import { formatDate } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';

/** Words for the findings pages' codes (issue 13 story 1), in the page's language. */
export const SEVERITY_ORDER = ['critical', 'major', 'minor', 'cosmetic'] as const;
export const METHOD_ORDER = [
  'moderated_usability_test',
  'think_aloud',
  'interview',
  'unmoderated_task',
  'survey',
] as const;
export const STATUS_ORDER = ['open', 'addressed', 'wont_fix'] as const;

export const severityLabel = (s: FindingSummary['severity']) => t(`findings.severity.${s}`);
export const methodLabel = (m: TestSession['method']) => t(`findings.method.${m}`);
export const statusLabel = (s: FindingSummary['status']) => t(`findings.status.${s}`);

/** "3 Nov 2026 · Mette Holm · think-aloud (5 participants)" */
export const sessionLabel = (s: Pick<TestSession, 'heldOn' | 'facilitator' | 'method' | 'participantCount' | 'ref'>) =>
  `${s.ref ? `${s.ref}: ` : ''}${formatDate(s.heldOn, undefined, 'UTC')} · ${s.facilitator} · ${methodLabel(s.method)} (${t('findings.participants', { count: s.participantCount })})`;

export const findingsBase = (consultationId: string) => `/admin/consultations/${encodeURIComponent(consultationId)}`;
