/**
 * The responses area's messages, added to the dictionaries when this module loads. A route names the
 * parts its page needs (app/routes.ts) and the app shell loads them with the page's chunk (../parts.ts),
 * so they never travel in the app's first load.
 */
import { addMessages } from '../i18n.ts';
import { daResponses } from './da.responses.ts';
import { enResponses } from './en.responses.ts';

addMessages({ da: daResponses, en: enResponses });
