/**
 * The campaign pages' messages, added to the dictionaries when this module loads (see ../parts.ts).
 */
import { addMessages } from '../i18n.ts';
import { daCampaigns } from './da.campaigns.ts';
import { enCampaigns } from './en.campaigns.ts';

addMessages({ da: daCampaigns, en: enCampaigns });
