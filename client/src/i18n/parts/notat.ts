/**
 * The høringsnotat pages' messages (issue 14 story 6), added to the dictionaries when this module
 * loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daNotat } from './da.notat.ts';
import { enNotat } from './en.notat.ts';

addMessages({ da: daNotat, en: enNotat });
