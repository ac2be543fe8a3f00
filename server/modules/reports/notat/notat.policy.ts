import { type Actor, hasRole } from '../../../shared/actor.ts';

/**
 * The høringsnotat (issue 14 story 6): drafts and generation for analysts and admins, publishing for
 * admins; the published version is for everyone (the consultation's own visibility decides).
 */
export type ReportAction = 'read' | 'generate' | 'publish';

export function canReport(actor: Actor | null, action: ReportAction): boolean {
  switch (action) {
    case 'read':
    case 'generate':
      return hasRole(actor, 'admin', 'analyst');
    case 'publish':
      return hasRole(actor, 'admin');
  }
}
