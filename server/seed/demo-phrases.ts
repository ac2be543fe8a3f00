/**
 * Sentences the demo's responses and comments are made of (issue 10 item 13): realistic views on the
 * successor of NemID in Danish and English, by theme, so a response's text, its concerns and its
 * ratings agree. demo-activity.ts picks from them with a seeded PRNG.
 */
export type Lang = 'da' | 'en';
export type Theme = 'security' | 'seniors' | 'partnership' | 'cost' | 'app' | 'privacy' | 'lockin';

/** The concern (multiple-choice option id) a theme speaks to. */
export const THEME_CONCERN: Record<Theme, string> = {
  security: 'security',
  seniors: 'no-smartphone',
  partnership: 'lock-in',
  cost: 'cost',
  app: 'no-smartphone',
  privacy: 'privacy',
  lockin: 'lock-in',
};

export const OPENINGS: Record<Lang, string[]> = {
  da: [
    'Tak for muligheden for at give høringssvar.',
    'Jeg har læst materialet og vil gerne knytte nogle bemærkninger til det.',
    'Som daglig bruger af NemID vil jeg gerne dele mine erfaringer.',
    'Vi har drøftet scenarierne i vores bestyrelse og har følgende bemærkninger.',
    'Overordnet er jeg positiv over for en ny løsning, men der er forhold, der skal tages højde for.',
    'Jeg skriver på vegne af min familie, hvor vi bruger NemID meget forskelligt.',
  ],
  en: [
    'Thank you for the opportunity to respond to this consultation.',
    'I have read the material and would like to add a few remarks.',
    'As a daily user of NemID I would like to share my experience.',
    'Our board has discussed the scenarios and we have the following comments.',
    'Overall I welcome a new solution, but some things need attention.',
  ],
};

export const SENTENCES: Record<Theme, Record<Lang, string[]>> = {
  security: {
    da: [
      'Sikkerheden skal komme først: phishing mod nøglekort er blevet et reelt problem, og løsningen skal kunne modstå det.',
      'Det er afgørende, at en stjålet telefon ikke i sig selv giver adgang til min netbank og min digitale post.',
      'Tofaktorgodkendelse bør være standard, men den må ikke blive så besværlig, at folk finder på omveje.',
      'Jeg savner en beskrivelse af, hvordan misbrug opdages og stoppes, når det først er sket.',
      'Løsningen bør give mig besked, hver gang mit ID bruges, så jeg hurtigt kan opdage svindel.',
    ],
    en: [
      'Security must come first: phishing against code cards has become a real problem and the solution must resist it.',
      'A stolen phone must not by itself give access to my online bank and my digital post.',
      'Two-factor authentication should be the default, but not so cumbersome that people look for shortcuts.',
      'I miss a description of how misuse is detected and stopped once it has happened.',
    ],
  },
  seniors: {
    da: [
      'Min mor på 84 år har ingen smartphone og skal fortsat kunne logge på uden hjælp fra andre.',
      'Mange ældre oplever i dag, at de er afhængige af pårørende for at komme på deres digitale post.',
      'Der skal være en løsning for borgere uden smartphone, som ikke føles som et andenrangs tilbud.',
      'Borgerservice skal have ressourcer til at hjælpe dem, der ikke selv kan komme i gang.',
      'Store knapper, tydelig tekst og mulighed for oplæsning bør være et krav, ikke en eftertanke.',
      'Personer med handicap skal kunne bruge løsningen på lige fod med andre, også med skærmlæser.',
    ],
    en: [
      'My 84-year-old mother has no smartphone and must still be able to log in without help from others.',
      'Many older people today depend on relatives to read their digital post.',
      'There must be a solution for citizens without a smartphone that does not feel second-rate.',
      'People with disabilities must be able to use the solution on equal terms, also with a screen reader.',
    ],
  },
  partnership: {
    da: [
      'Jeg er skeptisk over for, at bankerne får så stor indflydelse på en løsning, som alle borgere er tvunget til at bruge.',
      'Et offentlig-privat partnerskab kan give en god løsning, hvis staten beholder kontrollen med data og regler.',
      'Det er fornuftigt at genbruge bankernes erfaring, så vi ikke skal have to forskellige log-ind-løsninger.',
      'Partnerskabet bør have en klar exit-plan, hvis samarbejdet med bankerne ophører.',
    ],
    en: [
      'I am sceptical of the banks getting so much influence over a solution every citizen is obliged to use.',
      'A public–private partnership can work well if the state keeps control of the data and the rules.',
      'It makes sense to reuse the banks’ experience so that we do not end up with two different log-in solutions.',
      'The partnership should have a clear exit plan should the cooperation with the banks end.',
    ],
  },
  cost: {
    da: [
      'Udgifterne til kortlæsere og nye kort må ikke ende hos den enkelte borger.',
      'For en lille virksomhed som vores er prisen pr. transaktion afgørende; den bør fremgå af høringsmaterialet.',
      'Jeg savner et samlet overblik over, hvad de fire scenarier koster over ti år.',
      'Det bør være gratis for borgerne at bruge løsningen, også i kontakten med private tjenester.',
    ],
    en: [
      'The cost of card readers and new cards must not fall on the individual citizen.',
      'For a small business like ours the price per transaction matters; it should be in the consultation material.',
      'I miss an overview of what the four scenarios cost over ten years.',
    ],
  },
  app: {
    da: [
      'En app er langt nemmere end nøglekortet, som jeg altid skal lede efter.',
      'Nøglekortet er trygt for mange, og det bør ikke afskaffes, før alternativet er afprøvet grundigt.',
      'Kodeviseren har virket godt for mig og bør fortsat være en mulighed.',
      'Appen skal også virke på ældre telefoner, så man ikke tvinges til at købe en ny.',
      'Det ville være en klar forbedring, hvis jeg kan godkende med fingeraftryk i stedet for at taste koder.',
    ],
    en: [
      'An app is far easier than the code card I always have to look for.',
      'Many people trust the code card, and it should not be abolished before the alternative is well tested.',
      'The app must also work on older phones, so nobody is forced to buy a new one.',
      'Approving with a fingerprint instead of typing codes would be a clear improvement.',
    ],
  },
  privacy: {
    da: [
      'Det skal være tydeligt, hvem der kan se, hvornår og hvor jeg har brugt mit digitale ID.',
      'Data om mine log-ind må ikke bruges til markedsføring eller deles med tredjepart.',
      'Jeg ønsker, at mine personoplysninger opbevares i Danmark eller i det mindste i EU.',
    ],
    en: [
      'It must be clear who can see when and where I have used my digital ID.',
      'Data about my log-ins must not be used for marketing or shared with third parties.',
      'I want my personal data kept in Denmark or at least in the EU.',
    ],
  },
  lockin: {
    da: [
      'Staten bør undgå at blive afhængig af én leverandør; åbne standarder er vejen frem.',
      'Løsningen bør bygge på åbne standarder, så andre leverandører kan byde ind ved næste udbud.',
      'Erfaringerne fra NemID viser, hvor dyrt det bliver at være låst til én leverandør.',
    ],
    en: [
      'The state should avoid depending on a single supplier; open standards are the way forward.',
      'The solution should be built on open standards so other suppliers can bid next time.',
    ],
  },
};

export const CLOSINGS: Record<Lang, string[]> = {
  da: [
    'Jeg ser frem til at følge det videre arbejde.',
    'Vi står gerne til rådighed for en uddybning.',
    'Tak for en grundig høring.',
    '',
  ],
  en: ['I look forward to following the work.', 'We are happy to elaborate.', ''],
};

/** Short comments on a scenario, with a reply that answers it. */
export const COMMENTS: Record<Lang, string[]> = {
  da: [
    'Hvordan skal det her virke for borgere uden smartphone?',
    'Jeg synes, det er det mest realistiske scenarie af de fire.',
    'Hvem hæfter, hvis en svindler får adgang gennem denne løsning?',
    'Det er uklart, hvad det koster for kommunerne.',
    'Godt at se, at tilgængelighed er tænkt ind fra starten.',
    'Her mangler en beskrivelse af, hvordan man spærrer sit ID, hvis telefonen bliver stjålet.',
    'Jeg frygter, at bankerne får for meget magt over vores digitale identitet.',
    'Kan man bruge løsningen fra udlandet, fx som dansker bosat i Tyskland?',
    'Dette afsnit lover meget, men hvordan skal det måles?',
    'Kortlæseren er en barriere for mange; hvem betaler den?',
  ],
  en: [
    'How will this work for citizens without a smartphone?',
    'I think this is the most realistic of the four scenarios.',
    'Who is liable if a fraudster gets in through this solution?',
    'It is unclear what this costs the municipalities.',
    'Good to see accessibility thought of from the start.',
    'Can the solution be used from abroad, for example by Danes living in Germany?',
  ],
};

export const REPLIES: Record<Lang, string[]> = {
  da: [
    'Enig, det bør beskrives nærmere inden næste runde.',
    'Det står i bilaget om tekniske krav, afsnit 4.',
    'Det er netop min bekymring også.',
    'Jeg er ikke enig: en kodeviser kan løse det for de fleste.',
    'Godt spørgsmål – det har vi også drøftet i vores forening.',
  ],
  en: [
    'Agreed, it should be described in more detail before the next round.',
    'This is covered in the annex on technical requirements, section 4.',
    'That is exactly my concern too.',
    'I disagree: a code display would solve it for most people.',
  ],
};

export const REJECTION_REASONS = [
  'Svaret indeholder personoplysninger om en tredjeperson og kan derfor ikke offentliggøres.',
  'The response contains offensive language and has not been published.',
  'Svaret vedrører ikke denne høring (en klage over en konkret sag er sendt videre til rette myndighed).',
];

export const FIRST_NAMES: Record<Lang, string[]> = {
  da: [
    'Anne',
    'Mette',
    'Hanne',
    'Lene',
    'Kirsten',
    'Karen',
    'Susanne',
    'Marianne',
    'Inge',
    'Camilla',
    'Ida',
    'Freja',
    'Søren',
    'Jens',
    'Lars',
    'Niels',
    'Peter',
    'Henrik',
    'Thomas',
    'Mikkel',
    'Rasmus',
    'Mads',
    'Jørgen',
    'Ole',
  ],
  en: ['Emma', 'Olivia', 'Sarah', 'Laura', 'James', 'Daniel', 'Michael', 'David', 'Anna', 'Tom', 'Lucy', 'Ahmed'],
};

export const LAST_NAMES: Record<Lang, string[]> = {
  da: [
    'Jensen',
    'Nielsen',
    'Hansen',
    'Pedersen',
    'Andersen',
    'Christensen',
    'Larsen',
    'Sørensen',
    'Rasmussen',
    'Jørgensen',
    'Petersen',
    'Madsen',
    'Kristensen',
    'Olsen',
    'Thomsen',
    'Møller',
    'Poulsen',
    'Østergaard',
  ],
  en: ['Smith', 'Brown', 'Wilson', 'Taylor', 'Müller', 'Novak', 'Khan', 'García', 'Walsh', 'Berg'],
};

export type DemoOrganisation = { name: string; actingAs: 'business' | 'ngo' | 'public_authority' };

export const ORGANISATIONS: DemoOrganisation[] = [
  { name: 'Ældre Sagen', actingAs: 'ngo' },
  { name: 'Dansk Handicap Forbund', actingAs: 'ngo' },
  { name: 'Forbrugerrådet Tænk', actingAs: 'ngo' },
  { name: 'IT-Politisk Forening', actingAs: 'ngo' },
  { name: 'Danske Seniorer', actingAs: 'ngo' },
  { name: 'Kommunernes Landsforening', actingAs: 'public_authority' },
  { name: 'Danske Regioner', actingAs: 'public_authority' },
  { name: 'Aarhus Kommune', actingAs: 'public_authority' },
  { name: 'Finans Danmark', actingAs: 'business' },
  { name: 'Dansk Erhverv', actingAs: 'business' },
  { name: 'DI Digital', actingAs: 'business' },
  { name: 'Bogholderiet Hansen ApS', actingAs: 'business' },
  { name: 'Nordic Identity Solutions A/S', actingAs: 'business' },
  { name: 'Tømrerfirmaet Jensen & Søn', actingAs: 'business' },
];
