/**
 * The analysis inbox page's messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daInbox } from './da.inbox.ts';
import { enInbox } from './en.inbox.ts';

addMessages({ da: daInbox, en: enInbox });
