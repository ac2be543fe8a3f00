import type { Db } from '../../db/database.ts';
import type { ReportModel } from './report.model.ts';
import { findPublished, hasPublished } from './notat/notat.repository.ts';

/**
 * What other modules may ask of the reports module (issue 14 stories 6 and 7): the published
 * høringsnotat of a consultation (its model, report.model.ts), and whether there is one (the
 * "concluded" guard, reviews.gate.ts). No access check: the caller has made its own.
 */
export async function getPublishedReport(db: Db, consultationId: string): Promise<ReportModel | null> {
  const v = await findPublished(db, consultationId);
  return (v?.model as ReportModel | undefined) ?? null;
}

export async function hasPublishedReport(db: Db, consultationId: string): Promise<boolean> {
  return hasPublished(db, consultationId);
}
