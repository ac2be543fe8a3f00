/**
 * The responses area's messages, added to the dictionaries when this module loads. Every module whose
 * source names one of these keys imports it (test/client/i18n-parts.test.ts checks), so the
 * messages arrive in the same chunk as the pages that use them and never in the app's first load.
 */
import { addMessages } from '../i18n.ts';
import { daResponses } from './da.responses.ts';
import { enResponses } from './en.responses.ts';

addMessages({ da: daResponses, en: enResponses });
