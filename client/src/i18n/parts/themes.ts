/**
 * The suggested-themes page's messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daThemes } from './da.themes.ts';
import { enThemes } from './en.themes.ts';

addMessages({ da: daThemes, en: enThemes });
