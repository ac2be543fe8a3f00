/**
 * The review and decision pages' messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daReviews } from './da.reviews.ts';
import { enReviews } from './en.reviews.ts';

addMessages({ da: daReviews, en: enReviews });
