/**
 * The admin area's messages, added to the dictionaries when this module loads. A route names the
 * parts its page needs (app/routes.ts) and the app shell loads them with the page's chunk (../parts.ts),
 * so they never travel in the app's first load.
 */
import { addMessages } from '../i18n.ts';
import { daAdmin } from './da.admin.ts';
import { enAdmin } from './en.admin.ts';

addMessages({ da: daAdmin, en: enAdmin });
