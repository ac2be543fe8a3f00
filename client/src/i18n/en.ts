/**
 * English messages: the source of the keys. `Messages` is derived from this object, and `da.ts`
 * is declared `satisfies Messages`, so a missing or extra key, or a message whose parameters
 * differ, fails the typecheck. A message with parameters (plurals too) is a function of them.
 *
 * The messages live in parts by area (parts/en.<area>.ts). The app loads the shell part at once
 * and each other area's with the pages that use it (parts/<area>.ts, see i18n.ts); this whole
 * dictionary is what the types and the tests read.
 */
import { enAdmin } from './parts/en.admin.ts';
import { enCampaigns } from './parts/en.campaigns.ts';
import { enAgreement } from './parts/en.agreement.ts';
import { enCodebook } from './parts/en.codebook.ts';
import { enDebate } from './parts/en.debate.ts';
import { enInbox } from './parts/en.inbox.ts';
import { enResponses } from './parts/en.responses.ts';
import { enShell } from './parts/en.shell.ts';
import { enPrivacy } from './parts/en.privacy.ts';
import { enThemes } from './parts/en.themes.ts';
import { enImports } from './parts/en.imports.ts';
import { enIdentity } from './parts/en.identity.ts';
import { enStakeholder } from './parts/en.stakeholder.ts';
import { enParties } from './parts/en.parties.ts';
import { enReviews } from './parts/en.reviews.ts';
import { enFindings } from './parts/en.findings.ts';
import { enUsed } from './parts/en.used.ts';
import { enSummaries } from './parts/en.summaries.ts';
import { enNotat } from './parts/en.notat.ts';

export const en = {
  ...enShell,
  ...enAdmin,
  ...enResponses,
  ...enDebate,
  ...enInbox,
  ...enCodebook,
  ...enAgreement,
  ...enThemes,
  ...enCampaigns,
  ...enImports,
  ...enPrivacy,
  ...enIdentity,
  ...enStakeholder,
  ...enParties,
  ...enReviews,
  ...enFindings,
  ...enUsed,
  ...enSummaries,
  ...enNotat,
};

export type Messages = typeof en;
export type MessageKey = keyof Messages;
