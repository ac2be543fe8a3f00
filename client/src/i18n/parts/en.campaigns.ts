type Count = { count: number };

/** English messages for the campaign pages (issue 12 story 1); merged into `en` (see en.ts). */
export const enCampaigns = {
  'campaigns.inbox.collapsed': 'Campaigns collapsed: show each campaign once',
  'campaigns.inbox.only': 'Only this campaign’s responses',
  'campaigns.inbox.badge': (p: Count) => `Campaign: ${p.count} identical or near-identical responses`,
  'campaign.inboxLink': 'Show the members in the inbox',
  'campaigns.title': 'Campaigns',
  'campaigns.inbox': 'Analysis inbox',
  'campaigns.intro':
    'A campaign is a group of identical or near-identical responses: a form letter and its copies. Samråd finds exact copies as they arrive, and near-copies (also a form letter with the sender’s own paragraph) by comparing overlapping runs of five words. The responses themselves are never changed or removed. Each member shows what its sender added to or changed in the template.',
  'campaigns.count': (p: Count) =>
    p.count === 1 ? '1 identical or near-identical response' : `${p.count} identical or near-identical responses`,
  'campaigns.none': 'No campaigns have been found in this consultation.',
  'campaigns.listCaption': 'Campaigns, biggest first',
  'campaigns.col.template': 'Template',
  'campaigns.col.members': 'Responses',
  'campaigns.col.status': 'Status',
  'campaigns.status.active': 'Campaign',
  'campaigns.status.not_a_campaign': 'Not a campaign',
  'campaigns.status.merged': 'Merged',
  'campaigns.open': (p: { n: number }) => `Open campaign ${p.n}`,

  'campaigns.run.heading': 'Find campaigns',
  'campaigns.run.intro':
    'New responses are compared as they arrive. Run detection over the whole consultation after a bulk import, or to check again.',
  'campaigns.run.start': 'Find campaigns in all input',
  'campaigns.run.queued': 'Detection has started. Its progress is shown below.',
  'campaigns.run.progressLabel': (p: { phase: string }) => `Progress: ${p.phase}`,
  'campaigns.run.done': (p: { items: number; joined: number }) =>
    `Latest run: ${p.items} items compared; ${p.joined} joined a campaign.`,
  'campaigns.run.failed': (p: { error: string }) => `Detection failed: ${p.error}`,
  'campaigns.run.doneAnnounced': 'Detection is done.',
  'campaigns.phase.queued': 'waiting to start',
  'campaigns.phase.reading': 'reading the input',
  'campaigns.phase.hashing': 'computing signatures',
  'campaigns.phase.banding': 'finding candidates',
  'campaigns.phase.verifying': 'comparing candidates',
  'campaigns.phase.clustering': 'grouping',
  'campaigns.phase.saving': 'saving',
  'campaigns.phase.done': 'done',
  'campaigns.phase.failed': 'failed',

  'campaign.title': (p: { n: number }) => `Campaign: ${p.n} responses`,
  'campaign.back': 'All campaigns',
  'campaign.template': 'Template',
  'campaign.members': 'Members and their additions',
  'campaign.legend':
    'Sentences a sender added are highlighted and marked “Added”; sentences changed from the template are marked “Changed”.',
  'campaign.added': 'Added',
  'campaign.changed': 'Changed',
  'campaign.isTemplate': 'This response is the template',
  'campaign.identical': 'Identical to the template',
  'campaign.similarity': (p: { pct: number }) => `${p.pct} % of its five-word phrases shared with the template`,
  'campaign.select': (p: { name: string }) => `Select the response from ${p.name}`,
  'campaign.split': 'Split the selected out of the campaign',
  'campaign.splitNone': 'Select at least one response to split out',
  'campaign.splitDone': (p: Count) =>
    p.count === 1
      ? '1 response was split out of the campaign.'
      : `${p.count} responses were split out of the campaign.`,
  'campaign.splitHeading': 'Split out by an analyst',
  'campaign.actions': 'Decisions',
  'campaign.notCampaign': 'Mark as not a campaign',
  'campaign.isCampaign': 'Mark as a campaign again',
  'campaign.statusDone': (p: { status: string }) => `The campaign is now: ${p.status}.`,
  'campaign.mergeInto': 'Merge into campaign',
  'campaign.mergeNone': 'There is no other campaign to merge with.',
  'campaign.merge': 'Merge',
  'campaign.mergeDone': (p: Count) => `Merged. The campaign now has ${p.count} responses.`,
  'campaign.code': 'Code every member',
  'campaign.codeTag': 'Tag',
  'campaign.codeSubmit': 'Code the campaign',
  'campaign.codeNoTags': 'The codebook has no tags yet.',
  'campaign.codeDone': (p: Count) => (p.count === 1 ? '1 response was coded.' : `${p.count} responses were coded.`),
  'campaign.author': (p: { name: string }) => `From ${p.name}`,
  'campaign.openItem': 'Open in the inbox',
};
