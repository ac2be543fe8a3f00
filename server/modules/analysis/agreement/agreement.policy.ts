import { type Actor, hasRole } from '../../../shared/actor.ts';

export type AgreementAction = 'draw' | 'close' | 'read' | 'results';

/**
 * Coder agreement (issue 11 story 7): only an admin draws and closes a sample; analysts and admins
 * read them. A coder of an open sample who is not an admin does not see its results: they would
 * show the other coders' codings the sample keeps from them until it is closed. No I/O.
 */
export function canAgreement(
  actor: Actor | null,
  action: AgreementAction,
  sample?: { status: 'open' | 'closed'; coderIds: readonly string[] },
): boolean {
  if (hasRole(actor, 'admin')) return true;
  if (!hasRole(actor, 'analyst')) return false;
  switch (action) {
    case 'draw':
    case 'close':
      return false;
    case 'read':
      return true;
    case 'results':
      return !!sample && (sample.status === 'closed' || !sample.coderIds.includes(actor!.id));
  }
}
