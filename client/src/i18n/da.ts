import type { Messages } from './en.ts';
import { daAdmin } from './parts/da.admin.ts';
import { daCampaigns } from './parts/da.campaigns.ts';
import { daAgreement } from './parts/da.agreement.ts';
import { daCodebook } from './parts/da.codebook.ts';
import { daDebate } from './parts/da.debate.ts';
import { daInbox } from './parts/da.inbox.ts';
import { daResponses } from './parts/da.responses.ts';
import { daShell } from './parts/da.shell.ts';
import { daPrivacy } from './parts/da.privacy.ts';
import { daThemes } from './parts/da.themes.ts';
import { daImports } from './parts/da.imports.ts';
import { daIdentity } from './parts/da.identity.ts';
import { daStakeholder } from './parts/da.stakeholder.ts';
import { daParties } from './parts/da.parties.ts';
import { daReviews } from './parts/da.reviews.ts';
import { daFindings } from './parts/da.findings.ts';
import { daUsed } from './parts/da.used.ts';
import { daSummaries } from './parts/da.summaries.ts';
import { daNotat } from './parts/da.notat.ts';

/** Danish messages. `satisfies Messages`: a missing key or a wrong parameter fails tsc (each part checks its own). */
export const da = {
  ...daShell,
  ...daAdmin,
  ...daResponses,
  ...daDebate,
  ...daInbox,
  ...daCodebook,
  ...daAgreement,
  ...daThemes,
  ...daCampaigns,
  ...daImports,
  ...daPrivacy,
  ...daIdentity,
  ...daStakeholder,
  ...daParties,
  ...daReviews,
  ...daFindings,
  ...daUsed,
  ...daSummaries,
  ...daNotat,
} satisfies Messages;
