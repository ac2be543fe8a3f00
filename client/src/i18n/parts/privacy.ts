/**
 * The redaction queue's messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daPrivacy } from './da.privacy.ts';
import { enPrivacy } from './en.privacy.ts';

addMessages({ da: daPrivacy, en: enPrivacy });
