/**
 * The coder agreement pages' messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daAgreement } from './da.agreement.ts';
import { enAgreement } from './en.agreement.ts';

addMessages({ da: daAgreement, en: enAgreement });
