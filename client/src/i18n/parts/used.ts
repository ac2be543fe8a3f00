/**
 * The "how your input was used" messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daUsed } from './da.used.ts';
import { enUsed } from './en.used.ts';

addMessages({ da: daUsed, en: enUsed });
