import { type Actor, hasRole } from '../../shared/actor.ts';

export type StakeholderInputAction = 'record' | 'read' | 'read_published';

/**
 * Stakeholder inputs (issue 13 story 4, "Analysts record findings and inputs"): analysts and admins
 * record and read them all (the workspace's team limits apply on top, see requireWorkspace);
 * everyone who can read the consultation reads a published input and its public files, and
 * nobody else ever sees a staff-only one. No I/O.
 */
export function canStakeholderInput(
  actor: Actor | null,
  action: StakeholderInputAction,
  input?: { visibility: 'staff_only' | 'published'; deleted: boolean },
): boolean {
  switch (action) {
    case 'record':
    case 'read':
      return hasRole(actor, 'admin', 'analyst');
    case 'read_published':
      return !!input && input.visibility === 'published' && !input.deleted;
  }
}

/** A file of an input, downloaded: staff always; anyone else only a public file of a published input. */
export function canDownloadInputFile(
  actor: Actor | null,
  input: { visibility: 'staff_only' | 'published'; deleted: boolean },
  file: { public: boolean },
): boolean {
  if (canStakeholderInput(actor, 'read')) return true;
  return canStakeholderInput(actor, 'read_published', input) && file.public;
}
