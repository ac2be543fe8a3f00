/**
 * The analysis codebook page's messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daCodebook } from './da.codebook.ts';
import { enCodebook } from './en.codebook.ts';

addMessages({ da: daCodebook, en: enCodebook });
