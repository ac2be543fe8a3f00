/**
 * The theme summary pages' messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daSummaries } from './da.summaries.ts';
import { enSummaries } from './en.summaries.ts';

addMessages({ da: daSummaries, en: enSummaries });
