import type { Db } from '../../db/database.ts';
import { hasPublishedReport as publishedReport } from '../reports/reports.service.ts';
import { hasSelectingDecision } from './decisions/decisions.repository.ts';

/**
 * What the consultations module asks before a consultation may become "concluded" (issue 14 story
 * 4): whether a decision selecting a scenario is recorded, and whether the hearing report is
 * published. It imports nothing of the consultations module, so the two do not import each other.
 */
export async function conclusionGate(
  db: Db,
  consultationId: string,
): Promise<{ decided: boolean; reportPublished: boolean }> {
  const [decided, reportPublished] = await Promise.all([
    hasSelectingDecision(db, consultationId),
    hasPublishedReport(db, consultationId),
  ]);
  return { decided, reportPublished };
}

/** Whether the consultation's hearing report (høringsnotat, issue 14 story 6) is published. */
export async function hasPublishedReport(db: Db, consultationId: string): Promise<boolean> {
  return publishedReport(db, consultationId);
}
