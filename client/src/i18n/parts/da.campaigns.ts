import type { enCampaigns } from './en.campaigns.ts';

type Count = { count: number };

/** Danish messages for the campaign pages (issue 12 story 1); merged into `da` (see da.ts). */
export const daCampaigns = {
  'campaigns.inbox.collapsed': 'Saml kampagner: vis hver kampagne én gang',
  'campaigns.inbox.only': 'Kun denne kampagnes svar',
  'campaigns.inbox.badge': (p: Count) => `Kampagne: ${p.count} enslydende eller næsten enslydende svar`,
  'campaign.inboxLink': 'Vis medlemmerne i indbakken',
  'campaigns.title': 'Kampagner',
  'campaigns.inbox': 'Analyseindbakke',
  'campaigns.intro':
    'En kampagne er en gruppe enslydende eller næsten enslydende høringssvar: et standardbrev og dets kopier. Samråd finder nøjagtige kopier, når de kommer ind, og næsten-kopier (også et standardbrev med afsenderens eget afsnit) ved at sammenligne overlappende stræk på fem ord. Selve høringssvarene bliver aldrig ændret eller fjernet. Hvert medlem viser, hvad afsenderen har tilføjet eller ændret i skabelonen.',
  'campaigns.count': (p: Count) =>
    p.count === 1 ? '1 enslydende eller næsten enslydende svar' : `${p.count} enslydende eller næsten enslydende svar`,
  'campaigns.none': 'Der er ikke fundet kampagner i denne høring.',
  'campaigns.listCaption': 'Kampagner, de største først',
  'campaigns.col.template': 'Skabelon',
  'campaigns.col.members': 'Svar',
  'campaigns.col.status': 'Status',
  'campaigns.status.active': 'Kampagne',
  'campaigns.status.not_a_campaign': 'Ikke en kampagne',
  'campaigns.status.merged': 'Lagt sammen',
  'campaigns.open': (p: { n: number }) => `Åbn kampagne ${p.n}`,

  'campaigns.run.heading': 'Find kampagner',
  'campaigns.run.intro':
    'Nye svar sammenlignes, når de kommer ind. Kør søgningen over hele høringen efter en masseimport, eller for at tjekke igen.',
  'campaigns.run.start': 'Find kampagner i alle svar',
  'campaigns.run.queued': 'Søgningen er startet. Fremdriften vises nedenfor.',
  'campaigns.run.progressLabel': (p: { phase: string }) => `Fremdrift: ${p.phase}`,
  'campaigns.run.done': (p: { items: number; joined: number }) =>
    `Seneste kørsel: ${p.items} svar sammenlignet; ${p.joined} kom med i en kampagne.`,
  'campaigns.run.failed': (p: { error: string }) => `Søgningen mislykkedes: ${p.error}`,
  'campaigns.run.doneAnnounced': 'Søgningen er færdig.',
  'campaigns.phase.queued': 'venter på at starte',
  'campaigns.phase.reading': 'læser svarene',
  'campaigns.phase.hashing': 'beregner signaturer',
  'campaigns.phase.banding': 'finder kandidater',
  'campaigns.phase.verifying': 'sammenligner kandidater',
  'campaigns.phase.clustering': 'grupperer',
  'campaigns.phase.saving': 'gemmer',
  'campaigns.phase.done': 'færdig',
  'campaigns.phase.failed': 'mislykkedes',

  'campaign.title': (p: { n: number }) => `Kampagne: ${p.n} svar`,
  'campaign.back': 'Alle kampagner',
  'campaign.template': 'Skabelon',
  'campaign.members': 'Medlemmer og deres tilføjelser',
  'campaign.legend':
    'Sætninger, som en afsender har tilføjet, er fremhævet og mærket “Tilføjet”; sætninger, der er ændret i forhold til skabelonen, er mærket “Ændret”.',
  'campaign.added': 'Tilføjet',
  'campaign.changed': 'Ændret',
  'campaign.isTemplate': 'Dette svar er skabelonen',
  'campaign.identical': 'Enslydende med skabelonen',
  'campaign.similarity': (p: { pct: number }) => `${p.pct} % af dets femordsfraser findes også i skabelonen`,
  'campaign.select': (p: { name: string }) => `Vælg svaret fra ${p.name}`,
  'campaign.split': 'Tag de valgte ud af kampagnen',
  'campaign.splitNone': 'Vælg mindst ét svar, der skal tages ud',
  'campaign.splitDone': (p: Count) =>
    p.count === 1 ? '1 svar blev taget ud af kampagnen.' : `${p.count} svar blev taget ud af kampagnen.`,
  'campaign.splitHeading': 'Taget ud af en analytiker',
  'campaign.actions': 'Beslutninger',
  'campaign.notCampaign': 'Markér som ikke en kampagne',
  'campaign.isCampaign': 'Markér som kampagne igen',
  'campaign.statusDone': (p: { status: string }) => `Kampagnen er nu: ${p.status}.`,
  'campaign.mergeInto': 'Læg sammen med kampagne',
  'campaign.mergeNone': 'Der er ingen anden kampagne at lægge sammen med.',
  'campaign.merge': 'Læg sammen',
  'campaign.mergeDone': (p: Count) => `Lagt sammen. Kampagnen har nu ${p.count} svar.`,
  'campaign.code': 'Kod alle medlemmer',
  'campaign.codeTag': 'Kode',
  'campaign.codeSubmit': 'Kod kampagnen',
  'campaign.codeNoTags': 'Kodebogen har ingen koder endnu.',
  'campaign.codeDone': (p: Count) => (p.count === 1 ? '1 svar blev kodet.' : `${p.count} svar blev kodet.`),
  'campaign.author': (p: { name: string }) => `Fra ${p.name}`,
  'campaign.openItem': 'Åbn i indbakken',
} satisfies typeof enCampaigns;
