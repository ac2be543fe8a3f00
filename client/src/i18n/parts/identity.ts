/**
 * The MitID and staff sign-in messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daIdentity } from './da.identity.ts';
import { enIdentity } from './en.identity.ts';

addMessages({ da: daIdentity, en: enIdentity });
