type Count = { count: number };
type N = { n: number };

/** English messages for the suggested-themes page (issue 11 story 8); merged into `en` (see en.ts). */
export const enThemes = {
  'themes.title': 'Suggested themes',
  'themes.inbox': 'Analysis inbox',
  'themes.intro':
    'Samråd groups the input by the words it uses (stemmed in Danish and English, without any external service) and suggests candidate themes. Name a candidate and accept it into the codebook, or dismiss it. Small groups are kept as single voices. The same input and seed give the same suggestions.',

  'themes.form.heading': 'Suggest themes',
  'themes.form.seed': 'Seed',
  'themes.form.seedHint': 'A whole number. The same seed on the same input gives the same candidates.',
  'themes.form.seedError': 'Enter the seed as a whole number, for example 1',
  'themes.form.k': 'Number of groups',
  'themes.form.kHint': 'From 2 to 100. Leave it empty to let Samråd choose between 5 and 40.',
  'themes.form.kError': 'Enter a whole number from 2 to 100, or leave it empty',
  'themes.form.kinds': 'Input to include',
  'themes.form.kind.response': 'Hearing responses',
  'themes.form.kind.comment': 'Comments',
  'themes.form.kindsError': 'Choose at least one kind of input',
  'themes.form.scenario': 'Scenario',
  'themes.form.allScenarios': 'All input',
  'themes.form.submit': 'Suggest themes',

  'themes.run.heading': 'Latest run',
  'themes.run.none': 'No themes have been suggested yet.',
  'themes.run.queued': 'The run has started. Its progress is shown below.',
  'themes.run.started': (p: { at: string; seed: number }) => `Started ${p.at}, seed ${p.seed}.`,
  'themes.run.progressLabel': (p: { phase: string }) => `Progress: ${p.phase}`,
  'themes.run.done': (p: { items: string; k: number; terms: string }) =>
    `${p.items} items read, grouped into ${p.k} groups by ${p.terms} terms.`,
  'themes.run.unclustered': (p: Count) =>
    p.count === 1 ? '1 item had no words to group by.' : `${p.count} items had no words to group by.`,
  'themes.run.failed': (p: { error: string }) => `The run failed: ${p.error}`,
  'themes.run.doneAnnounced': (p: Count) =>
    p.count === 1 ? 'The run is done: 1 candidate.' : `The run is done: ${p.count} candidates.`,
  'themes.run.failedAnnounced': 'The run failed.',
  'themes.run.noCandidates': 'The run found no candidates: there was no input with words to group by.',

  'themes.phase.queued': 'waiting to start',
  'themes.phase.reading': 'reading the input',
  'themes.phase.vectorising': 'counting words',
  'themes.phase.choosing_k': 'choosing the number of groups',
  'themes.phase.clustering': 'grouping',
  'themes.phase.describing': 'describing the groups',
  'themes.phase.saving': 'saving',
  'themes.phase.done': 'done',
  'themes.phase.failed': 'failed',

  'themes.card.title': (p: N & { terms: string }) => `Candidate ${p.n}: ${p.terms}`,
  'themes.card.unmatched': (p: N) => `Candidate ${p.n}: input unlike any other`,
  'themes.card.members': (p: Count & { n: string | number }) => (p.count === 1 ? '1 item' : `${p.n} items`),
  'themes.card.singleVoice': 'Single voice',
  'themes.card.accepted': (p: { tag: string }) => `Accepted as “${p.tag}”`,
  'themes.card.proposed': (p: Count) => (p.count === 1 ? '(1 coding proposed)' : `(${p.count} codings proposed)`),
  'themes.card.dismissed': 'Dismissed',
  'themes.card.dismissedAnnounced': 'The candidate was dismissed.',
  'themes.card.terms': 'Top terms',
  'themes.card.quotes': 'Most typical input',
  'themes.card.openItem': 'Open the item',
  'themes.card.accept': 'Accept as tag',
  'themes.card.dismiss': 'Dismiss',
  'themes.card.unknownTag': 'a tag',

  'themes.accept.heading': (p: N) => `Accept candidate ${p.n} as a tag`,
  'themes.accept.nameDa': 'Name in Danish',
  'themes.accept.nameEn': 'Name in English',
  'themes.accept.nameMissing': 'Enter a name',
  'themes.accept.parent': 'Under tag',
  'themes.accept.noParent': 'None: a new theme',
  'themes.accept.propose': (p: Count) =>
    p.count === 1
      ? 'Propose coding its 1 item with the new tag (an analyst confirms it)'
      : `Propose coding its ${p.count} items with the new tag (an analyst confirms each)`,
  'themes.accept.submit': 'Accept',
  'themes.accept.done': (p: Count & { tag: string }) =>
    p.count === 0
      ? `The tag “${p.tag}” was added to the codebook.`
      : `The tag “${p.tag}” was added to the codebook, with ${p.count === 1 ? '1 proposed coding' : `${p.count} proposed codings`} to confirm below.`,

  'themes.proposed.heading': 'Proposed codings',
  'themes.proposed.intro':
    'A proposed coding does not count as a coding (in the inbox, the codebook or coder agreement) until an analyst confirms it.',
  'themes.proposed.none': 'No codings are waiting to be confirmed.',
  'themes.proposed.tag': 'Tag',
  'themes.proposed.confirmAll': (p: Count) =>
    p.count === 1 ? 'Confirm the 1 proposed coding' : `Confirm all ${p.count}`,
  'themes.proposed.item': (p: N & { author: string }) => `${p.n}. ${p.author}`,
  'themes.proposed.anonymous': 'Unknown sender',
  'themes.proposed.confirm': 'Confirm',
  'themes.proposed.reject': 'Reject',
  'themes.proposed.more': 'Load more',
  'themes.proposed.confirmed': (p: Count) => (p.count === 1 ? '1 coding confirmed.' : `${p.count} codings confirmed.`),
  'themes.proposed.rejected': (p: Count) => (p.count === 1 ? '1 coding rejected.' : `${p.count} codings rejected.`),
};
