/**
 * The stakeholder-input pages' messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daStakeholder } from './da.stakeholder.ts';
import { enStakeholder } from './en.stakeholder.ts';

addMessages({ da: daStakeholder, en: enStakeholder });
