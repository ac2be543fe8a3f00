/**
 * The bulk import page's messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daImports } from './da.imports.ts';
import { enImports } from './en.imports.ts';

addMessages({ da: daImports, en: enImports });
