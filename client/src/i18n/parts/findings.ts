/**
 * The user-test findings pages' messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daFindings } from './da.findings.ts';
import { enFindings } from './en.findings.ts';

addMessages({ da: daFindings, en: enFindings });
