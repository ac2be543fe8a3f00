import type { enInbox } from './en.inbox.ts';

/** Danish messages for the analysis inbox page; `satisfies`: a missing or extra key or a wrong parameter fails tsc. */
export const daInbox = {
  'inbox.title': 'Analyseindbakke',
} satisfies typeof enInbox;
