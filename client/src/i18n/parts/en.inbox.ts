/** English messages for the analysis inbox page (issue 11); merged into `en` (see en.ts). */
export const enInbox = {
  'inbox.title': 'Analysis inbox',
};
