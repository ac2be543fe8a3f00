import type { InboxItem } from '../../api/inbox.ts';
import { t } from '../../i18n/i18n.ts';

/** The state of the input itself in words; a stakeholder input is deleted by staff, not by its author. */
export const sourceLabel = (
  kind: InboxItem['kind'],
  source: Exclude<InboxItem['sourceStatus'], 'submitted' | 'visible'>,
) =>
  kind === 'stakeholder_input' && source === 'deleted' ? t('inbox.source.inputDeleted') : t(`inbox.source.${source}`);
