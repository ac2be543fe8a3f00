import type { Theme } from './demo-phrases.ts';

/**
 * The demo høringsnotat's text per theme (./demo-report.ts): a summary of what the responses on that
 * theme said (they are built from ./demo-phrases.ts) and the agency's answer, with whether the
 * remark was met ("imødekommet", Vejledning om lovkvalitet pkt. 9.1.6).
 */
/** What a theme's responses said and the agency's answer, with whether the remark was met. */
export const THEME_TEXT: Record<Theme, { title: string; said: string; answer: string; met: string }> = {
  seniors: {
    title: 'Borgere uden smartphone og tilgængelighed',
    said: 'Svarene understreger, at borgere uden smartphone og borgere med handicap skal kunne logge på uden hjælp fra andre og med skærmlæser, og at borgerservice skal have ressourcer til at hjælpe dem, der ikke selv kan komme i gang.',
    answer:
      'Log-in sker i alle scenarier med den nationale eID, som kan bruges med app, kodeviser, kodeoplæser og chip. Tilslutningsvejledningen stiller krav om, at kommunens selvbetjening overholder webtilgængelighedsloven, og beskriver, hvordan borgerservice hjælper borgere, der ikke selv kan logge på.',
    met: 'Imødekommet.',
  },
  privacy: {
    title: 'Databeskyttelse',
    said: 'Svarene ønsker, at det er tydeligt, hvem der kan se, hvornår og hvor borgeren har logget på, at data om log-in ikke bruges til andre formål eller deles med tredjepart, og at data opbevares i EU.',
    answer:
      'Oplysninger om log-in behandles efter databeskyttelsesforordningen og alene for at gennemføre log-in og opdage misbrug. Kommunen modtager kun de oplysninger, selvbetjeningsløsningen har brug for. Behandlingen beskrives i tilslutningsvejledningen.',
    met: 'Imødekommet.',
  },
  security: {
    title: 'Sikkerhed',
    said: 'Svarene lægger vægt på beskyttelse mod phishing, på at en stjålet telefon ikke i sig selv giver adgang, på tofaktorgodkendelse uden omveje og på, at misbrug opdages og stoppes.',
    answer:
      'Ved tilslutning til NemLog-in skal kommunerne ikke selv drive autentifikation. NemLog-in er godkendt til det krævede sikringsniveau, og sikkerheden udvikles ét sted for alle kommuner.',
    met: 'Imødekommet.',
  },
  app: {
    title: 'App, nøglekort og kodeviser',
    said: 'Mange finder en app langt nemmere end koder på papir, men flere ønsker, at kodeviseren bevares, at alternativer afprøves grundigt, og at appen også virker på ældre telefoner.',
    answer:
      'Kommunerne fastlægger ikke selv, hvilke log-in-midler borgerne kan bruge. Med NemLog-in kan borgerne bruge alle den nationale eIDs midler i alle kommunale løsninger.',
    met: 'Imødekommet.',
  },
  lockin: {
    title: 'Afhængighed af leverandører',
    said: 'Svarene advarer mod at blive låst til én leverandør og peger på åbne standarder, så flere leverandører kan byde ind ved næste udbud.',
    answer:
      'Selvbetjeningsløsningerne tilsluttes NemLog-in efter en åben, offentligt beskrevet standard, som alle leverandører kan implementere. Kommunerne bliver til gengæld afhængige af NemLog-ins udvikling og prioriteringer, som scenariebeskrivelsen også nævner; det er vurderet at være en mindre ulempe end at drive egne løsninger.',
    met: 'Delvist imødekommet.',
  },
  cost: {
    title: 'Omkostninger',
    said: 'Svarene ønsker, at log-in er gratis for borgerne, at udgifter ikke væltes over på den enkelte, og at der foreligger et samlet overblik over, hvad scenarierne koster. Små virksomheder peger på prisen pr. transaktion.',
    answer:
      'Når hver kommune vælger og driver sin egen løsning, betales udvikling, drift og sikkerhedsgodkendelse mange gange. Et samlet skøn over omkostningerne ved scenarierne fremgår af beslutningsnotatet. Log-in er fortsat gratis for borgerne.',
    met: 'Imødekommet.',
  },
  partnership: {
    title: 'Fælles drift og styring',
    said: 'Svarene er delte: nogle ser en fordel i at samle erfaringen i ét fælles samarbejde, andre er skeptiske over for at give én aktør stor indflydelse på en løsning, alle er nødt til at bruge, og ønsker en klar exit-plan.',
    answer:
      'En fælleskommunal løsning ville give kommunerne mere indflydelse, men kræve, at de finansierer og driver endnu en fælles løsning, og give borgerne et ekstra lag mellem NemLog-in og selvbetjeningen. Behovet for at handle på andres vegne, fx for forældre, dækkes af NemLog-ins fuldmagtsløsning.',
    met: 'Ikke imødekommet: scenariet blev ikke valgt.',
  },
};
