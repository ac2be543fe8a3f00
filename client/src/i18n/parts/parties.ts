/**
 * The consulted parties' pages' messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daParties } from './da.parties.ts';
import { enParties } from './en.parties.ts';

addMessages({ da: daParties, en: enParties });
