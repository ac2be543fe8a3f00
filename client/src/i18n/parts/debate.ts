/**
 * The debate area's messages, added to the dictionaries when this module loads. A route names the
 * parts its page needs (app/routes.ts) and the app shell loads them with the page's chunk (../parts.ts),
 * so they never travel in the app's first load.
 */
import { addMessages } from '../i18n.ts';
import { daDebate } from './da.debate.ts';
import { enDebate } from './en.debate.ts';

addMessages({ da: daDebate, en: enDebate });
