import type { Localized, QuestionKind, QuestionOption } from '../db/schema.ts';

/**
 * The demo data's text (DESIGN.md §4 C8): three consultations in the spirit of the Danish Agency
 * for Digitisation's preparation of the NemID successor. Loaded by `seedDemo` (./demo.ts) through
 * the same services as the API. Every top-level Markdown block of a scenario description becomes
 * one addressable paragraph (server/shared/markdown.ts), so a blank line separates the blocks.
 */
export type DemoScenario = {
  key: string;
  title: Localized;
  summary: Localized;
  description: Localized;
  status?: { to: 'shortlisted' | 'eliminated' | 'selected'; round: number; note?: string }[];
};
/** A question of the questionnaire; choice options carry fixed ids, so answers stay readable. */
export type DemoQuestion = {
  kind: QuestionKind;
  required: boolean;
  prompt: Localized;
  help: Localized;
  options?: QuestionOption[];
};
export type DemoConsultation = {
  slug: string;
  title: Localized;
  summary: Localized;
  body: Localized;
  itStage: 'idea' | 'analysis' | 'procurement' | 'completion' | 'realisation';
  /** open: closes this many days after the seed runs; closed/concluded: closed this many days before. */
  state: { phase: 'open'; closesInDays: number } | { phase: 'closed' | 'concluded'; closedDaysAgo: number };
  documents: { title: Localized; url: string; mediaType: string | null; sizeBytes: number | null }[];
  scenarios: DemoScenario[];
  /** Added in this order while the consultation is still a draft, before it opens. */
  questions?: DemoQuestion[];
};

/** Markdown written flush left in a template literal; the surrounding blank lines are dropped. */
const md = (strings: TemplateStringsArray, ...values: unknown[]): string => String.raw(strings, ...values).trim();

const PDF = 'application/pdf';
const EIDAS_URL = 'https://eur-lex.europa.eu/eli/reg/2014/910/oj';
const GDPR_URL = 'https://eur-lex.europa.eu/eli/reg/2016/679/oj';

// ---------------------------------------------------------------------------------------------
// 1. The open consultation: the next generation of NemID
// ---------------------------------------------------------------------------------------------

const NEMID_BODY_DA = md`
## Baggrund

NemID har siden 2010 været danskernes fælles log-in på nettet. Millioner af borgere bruger den hver uge – på borger.dk, hos Skattestyrelsen, på sundhed.dk, i netbanken og hos en lang række private virksomheder. NemID er udviklet i et samarbejde mellem det offentlige og den finansielle sektor og drives af én leverandør på en fælles kontrakt.

Kontrakten udløber inden for de kommende år, og det er derfor nu, vi skal beslutte, hvad der skal afløse NemID. Digitaliseringsstyrelsen har på vegne af staten, regionerne og kommunerne analyseret, hvordan den næste generation kan se ud. Med denne høring vil vi gerne høre borgernes, virksomhedernes, organisationernes og myndighedernes syn på de mulige modeller, før der træffes en beslutning.

## Hvorfor en ny løsning?

NemID har tjent os godt, og få lande har en national eID, der er så udbredt. Men løsningen har nogle begrænsninger, som bliver tydeligere år for år:

- **Nøglekortet.** Papirkortet med engangskoder er sikkert, men upraktisk. Det hører til en tid, hvor de fleste loggede på fra en computer, og det kan let blive væk, slides op eller misbruges, hvis andre får fat i det.
- **Mobilen.** I dag foregår en stor og voksende del af brugen på mobiltelefonen. NemID er ikke bygget til det, og nøgleappen er kommet til som en tilføjelse, ikke som en del af det oprindelige design.
- **Afhængighed af én aftale.** NemID hviler på en fælles kontrakt mellem det offentlige, bankerne og én leverandør. Det har givet lave priser og høj udbredelse, men også gjort det svært at ændre løsningen og at skifte leverandør.
- **Tilgængelighed.** Ældre, blinde og svagsynede samt mennesker med kognitive eller motoriske funktionsnedsættelser har ofte svært ved at bruge NemID, og mange er afhængige af hjælp fra pårørende – i nogle tilfælde ved at låne deres NemID ud.
- **EU’s regler.** Med eIDAS-forordningen skal nationale elektroniske identiteter kunne bruges på tværs af EU og leve op til fælles sikringsniveauer. Den næste løsning skal bygges til det fra begyndelsen.

## Hvad spørger vi om?

Vi har beskrevet fire scenarier for, hvordan den næste generation af NemID kan organiseres. Scenarierne er ikke færdige løsninger, men forskellige svar på de samme spørgsmål: Hvem ejer og betaler løsningen? Hvor sikker skal den være? Hvordan sikrer vi, at alle kan være med? Og hvordan undgår vi at blive bundet til én leverandør igen?

1. **S1 – Offentlig-privat partnerskab med bankerne:** én fælles eID til offentlige tjenester og netbank, ejet og finansieret af det offentlige og den finansielle sektor i fællesskab.
2. **S2 – En rent offentlig eID:** staten udvikler, ejer og driver løsningen alene.
3. **S3 – Et åbent marked af certificerede udbydere:** staten fastsætter krav og fører tilsyn, og borgerne vælger mellem godkendte private eID’er.
4. **S4 – Et nationalt ID-kort med chip:** en fysisk legitimation, der også er borgerens eID, med kortlæser eller mobiltelefon med NFC.

Vi vil gerne vide, hvad du mener om hvert scenarie – fordele, ulemper og forhold, vi har overset – og hvilke scenarier du foretrækker. Svar gerne ud fra din egen hverdag: Hvordan logger du på i dag, hvad fungerer, og hvad er svært?

## Sådan deltager du

- **Kommentér scenarierne.** Hvert afsnit i scenariebeskrivelserne kan kommenteres direkte, så det er tydeligt, hvad din kommentar handler om.
- **Send et høringssvar.** Du kan svare som privatperson eller på vegne af en virksomhed, en forening eller en myndighed – også uden at oprette en profil. Du kan vedhæfte filer.
- **Rangér scenarierne.** Sæt de fire scenarier i den rækkefølge, du foretrækker. Du kan ændre din rangering frem til høringsfristen.

Du kan rette eller trække dit høringssvar tilbage, indtil høringsfristen udløber. Høringssvar offentliggøres, hvis du giver samtykke til det, med eller uden dit navn; personoplysninger fjernes inden offentliggørelsen. Organisationer og myndigheder på høringslisten har fået høringsbrevet direkte.

## Tidsplan

| Hvornår | Hvad sker der |
| --- | --- |
| Nu og frem til høringsfristen | Offentlig høring og brugertest af de fire scenarier |
| 1–2 måneder efter fristen | Høringssvar og testresultater behandles, og høringsnotatet offentliggøres |
| Derefter | Styregruppen anbefaler en model, og der træffes politisk beslutning |
| Det følgende år | Udbud og kontrakt; eventuelt lovforslag i særskilt høring |
| Overgangen | NemID og den nye løsning kører side om side, så ingen står uden adgang |

## Retsgrundlag

Den nye løsning skal leve op til [eIDAS-forordningen](${EIDAS_URL}) om elektronisk identifikation og tillidstjenester og til den danske standard for identiteters sikringsniveauer (NSIS). Behandlingen af personoplysninger skal ske efter [databeskyttelsesforordningen](${GDPR_URL}) og databeskyttelsesloven, anskaffelsen sker efter udbudsreglerne, og offentlige løsninger skal overholde webtilgængelighedsloven.

Nogle af scenarierne – især et nationalt ID-kort og en tillidsramme for private udbydere – vil kræve ny lovgivning. Denne høring er et led i forberedelsen og ikke en høring over et lovforslag; et eventuelt lovforslag vil blive sendt i særskilt offentlig høring. Læs mere om arbejdet på [digst.dk](https://digst.dk).
`;

const NEMID_BODY_EN = md`
## Background

Since 2010, NemID has been the common log-in that people in Denmark use online. Millions of citizens use it every week – on borger.dk, with the Danish Tax Agency, on sundhed.dk, in online banking and with a wide range of private companies. NemID was developed in a collaboration between the public sector and the financial sector, and it is run by a single supplier under a joint contract.

That contract expires within the next few years, so now is the time to decide what will replace NemID. On behalf of central government, the regions and the municipalities, the Danish Agency for Digitisation has analysed what the next generation could look like. Through this consultation we want to hear the views of citizens, businesses, organisations and public authorities on the possible models before a decision is made.

## Why a new solution?

NemID has served us well, and few countries have a national eID in such widespread use. But it has limitations that become more apparent every year:

- **The code card.** The paper card with one-time codes is secure but impractical. It belongs to a time when most people logged in from a computer, and it is easily lost, worn out or misused if someone else gets hold of it.
- **Mobile use.** A large and growing share of use now happens on mobile phones. NemID was not built for this; the code app was added later rather than being part of the original design.
- **Dependence on one agreement.** NemID rests on a joint contract between the public sector, the banks and one supplier. This has brought low prices and high take-up, but it has also made it hard to change the solution or to switch supplier.
- **Accessibility.** Older people, blind and partially sighted people and people with cognitive or motor impairments often find NemID difficult to use, and many depend on help from relatives – in some cases by lending them their NemID.
- **EU rules.** Under the eIDAS Regulation, national electronic identities must be usable across the EU and meet common levels of assurance. The next solution must be built for this from the start.

## What are we asking?

We have described four scenarios for how the next generation of NemID could be organised. They are not finished solutions but different answers to the same questions: Who owns and pays for the solution? How secure must it be? How do we make sure that everyone can take part? And how do we avoid being tied to a single supplier again?

1. **S1 – A public–private partnership with the banks:** one shared eID for public services and online banking, owned and financed jointly by the public sector and the financial sector.
2. **S2 – A purely public eID:** the state develops, owns and runs the solution on its own.
3. **S3 – An open market of certified providers:** the state sets the requirements and supervises, and citizens choose between approved private eIDs.
4. **S4 – A chip-based national ID card:** a physical identity document that is also the citizen’s eID, used with a card reader or a phone with NFC.

We would like to know what you think of each scenario – its advantages, its drawbacks and anything we have overlooked – and which scenarios you prefer. Please answer from your own everyday experience: how do you log in today, what works, and what is difficult?

## How to take part

- **Comment on the scenarios.** Every paragraph of the scenario descriptions can be commented on directly, so it is clear what your comment is about.
- **Submit a consultation response.** You can respond as an individual or on behalf of a business, an association or a public authority – also without creating an account. You can attach files.
- **Rank the scenarios.** Put the four scenarios in the order you prefer. You can change your ranking until the deadline.

You can edit or withdraw your response until the consultation closes. Responses are published if you consent, with or without your name; personal data is removed before publication. Organisations and authorities on the list of consulted parties have received the consultation letter directly.

## Timeline

| When | What happens |
| --- | --- |
| From now until the deadline | Public consultation and user testing of the four scenarios |
| 1–2 months after the deadline | Responses and test results are analysed and the consultation report is published |
| Then | The steering committee recommends a model and a political decision is taken |
| The following year | Procurement and contract; any bill goes to a separate consultation |
| Transition | NemID and the new solution run side by side, so that nobody is left without access |

## Legal basis

The new solution must comply with the [eIDAS Regulation](${EIDAS_URL}) on electronic identification and trust services and with the Danish national standard for identity assurance levels (NSIS). Personal data must be processed in accordance with the [General Data Protection Regulation](${GDPR_URL}) and the Danish Data Protection Act, the solution will be procured under the public procurement rules, and public solutions must comply with the Danish web accessibility act.

Some of the scenarios – in particular a national ID card and a trust framework for private providers – would require new legislation. This consultation is part of the preparatory work and is not a consultation on a bill; any bill would be put to a separate public consultation. Read more about the work at [digst.dk](https://digst.dk).
`;

const NEMID_DOCUMENTS: DemoConsultation['documents'] = [
  {
    title: { da: 'Analyserapport: fremtidens eID', en: 'Analysis report: the future eID (in Danish)' },
    url: '/docs/naeste-generation-af-nemid/analyserapport-fremtidens-eid.pdf',
    mediaType: PDF,
    sizeBytes: 10433,
  },
  {
    title: { da: 'Høringsbrev', en: 'Consultation letter (in Danish)' },
    url: '/docs/naeste-generation-af-nemid/hoeringsbrev.pdf',
    mediaType: PDF,
    sizeBytes: 10414,
  },
  {
    title: { da: 'Høringsliste', en: 'List of consulted parties' },
    url: '/docs/naeste-generation-af-nemid/hoeringsliste.pdf',
    mediaType: PDF,
    sizeBytes: 10415,
  },
  {
    title: { da: 'Tidsplan for den næste generation af NemID', en: 'Timeline for the next generation of NemID' },
    url: '/docs/naeste-generation-af-nemid/tidsplan.pdf',
    mediaType: PDF,
    sizeBytes: 10445,
  },
  {
    title: { da: 'De fire scenarier samlet', en: 'The four scenarios in one document (in Danish)' },
    url: '/docs/naeste-generation-af-nemid/scenarier.pdf',
    mediaType: PDF,
    sizeBytes: 10427,
  },
  {
    title: { da: 'eIDAS-forordningen (EUR-Lex)', en: 'The eIDAS Regulation (EUR-Lex)' },
    url: EIDAS_URL,
    mediaType: 'text/html',
    sizeBytes: null,
  },
];

const S1_DA = md`
I dette scenarie fortsætter det offentlige og den finansielle sektor samarbejdet fra NemID, men på nye vilkår. Staten – ved Digitaliseringsstyrelsen på vegne af stat, regioner og kommuner – og bankerne – repræsenteret ved Finans Danmark – udvikler og ejer i fællesskab en ny national eID, som borgerne bruger både hos det offentlige og i deres bank. Løsningen udbydes i konkurrence, og parterne deler udgifterne efter en aftalt fordelingsnøgle.

Scenariet bygger på erfaringen med NemID: En eID, som borgerne bruger hver dag i netbanken, kender de, og næsten alle voksne har den – en udbredelse, som en løsning, der kun bruges få gange om året, vanskeligt kan opnå.

## Sådan fungerer det for borgere og virksomheder

Borgeren får ét elektronisk ID, som bruges med en app på mobiltelefonen eller med en lille kodeviser. Man logger på med et brugernavn og godkender i appen; nøglekortet forsvinder. Den samme identitet bruges på borger.dk, hos Skattestyrelsen, på sundhed.dk og i netbanken. Man kan oprette sig i sin bank, i Borgerservice eller selv med sit pas og en mobiltelefon, der kan læse passets chip.

Medarbejdere logger på med deres egen eID, og virksomheden tildeler dem rettigheder i en særskilt erhvervsløsning, så medarbejdersignaturer og nøglefiler forsvinder. Offentlige myndigheder tilslutter sig gennem den fælles log-in-løsning NemLog-in; private tjenesteudbydere som forsikringsselskaber og pensionskasser tilslutter sig gennem certificerede mæglere, der konkurrerer på pris og service.

## Styring og ejerskab

De to sektorer ejer løsningen i fællesskab. En fælles styregruppe fastlægger krav og prioriteringer, og en samarbejdsaftale regulerer ejerskab, økonomi, ansvar og vilkårene for at træde ud. Det offentlige har ansvaret for identitetssikringen; bankerne bidrager med den kontrol af kunderne, de i forvejen udfører efter hvidvaskloven.

Den svage side er, at to parter med forskellige interesser skal blive enige: Bankerne sætter sikre betalinger og lave omkostninger pr. transaktion først, det offentlige tilgængelighed og at alle kan være med. Uenighed kan forsinke beslutninger, og det offentlige kan ikke ændre løsningen alene.

## Sikkerhed og sikringsniveau

Løsningen skal leve op til sikringsniveau _betydelig_ efter eIDAS-forordningen og NSIS, og det skal være muligt at nå sikringsniveau _høj_ – eksempelvis med en fysisk chip eller ved at kombinere app og pas. Bankernes svindelovervågning kan opdage mistænkelige log-ins på tværs af netbank og offentlige tjenester.

Til gengæld bliver én fælles løsning et attraktivt mål. Et vellykket angreb giver adgang til både borgerens økonomi og borgerens oplysninger hos det offentlige. Det stiller store krav til overvågning, beredskab og til, at en identitet kan spærres med det samme.

## Privatliv

Oplysninger om, hvilke offentlige tjenester en borger bruger, må ikke tilgå bankerne, og bankernes oplysninger om kundernes økonomi må ikke tilgå det offentlige. Arkitekturen og databehandleraftalerne skal holde de to adskilt, så hverken banken eller leverandøren ser mere af borgerens færden, end drift og svindelbekæmpelse kræver.

## Tilgængelighed og digital inklusion

- Borgere uden smartphone får en kodeviser, og blinde og svagsynede kan få en kodeoplæser, der læser koden højt.
- Ældre og andre, der har svært ved digitale løsninger, kan få hjælp i Borgerservice og i bankens filialer, og pårørende kan få en digital fuldmagt i stedet for at låne koden.
- Borgere i udlandet kan oprette sig med pas og app, men har ofte ingen dansk bank og er derfor afhængige af den offentlige udstedelse.
- Borgere uden et bankforhold – et lille, men sårbart mindretal – skal sikres præcis samme adgang som alle andre.

Appen skal leve op til tilgængelighedsstandarden EN 301 549 og testes med brugere med handicap.

## Økonomi og finansiering

Udgifterne til udvikling og drift deles. Det gør scenariet billigere for det offentlige end en rent offentlig løsning: Bankerne betaler for den store del af brugen, der foregår i netbanken, og den store volumen giver en lav pris pr. transaktion.

| Forhold                           | Vurdering                           |
| --------------------------------- | ----------------------------------- |
| Etablering for det offentlige     | Middel – delt med bankerne          |
| Løbende drift for det offentlige  | Lav til middel                      |
| Pris for borgeren                 | Gratis                              |
| Pris for private tjenesteudbydere | Betaling pr. transaktion via mægler |

## Leverandørbinding og konkurrence

NemID har vist, hvor svært det er at skifte leverandør, når én leverandør driver det hele. Her udbydes identitetsløsningen, registreringen og mæglerne hver for sig, og staten og bankerne ejer rettighederne til data og grænseflader. Mæglerne konkurrerer om de private tjenester, men der er fortsat én central løsning, og det begrænser konkurrencen om selve eID’en.

## Risici og tidsplan

Den største risiko for tidsplanen er forhandlingen af partnerskabsaftalen: Med NemID tog det lang tid at blive enige om ejerskab og økonomi, før udbuddet kunne begynde. Dertil kommer udvikling og en overgang på mindst et år, hvor NemID og den nye løsning kører side om side, mens millioner af brugere flytter over. En realistisk samlet tidsplan er fire til seks år.

## Hvad vil brugerne mærke?

For de fleste vil skiftet være til at overskue: ét log-in til netbank og borger.dk, intet nøglekort og appen som den almindelige måde at godkende på – med hjælp fra banken til at skifte. De borgere, der ikke har et bankforhold eller en smartphone, vil mærke skiftet mest og skal have særlig opmærksomhed.
`;

const S1_EN = md`
In this scenario the public sector and the financial sector continue the collaboration behind NemID, but on new terms. The state – through the Danish Agency for Digitisation on behalf of central government, the regions and the municipalities – and the banks – represented by Finance Denmark – jointly develop and own a new national eID that citizens use both for public services and in their bank. The solution is put out to competitive tender, and the parties share the costs according to an agreed formula.

The scenario builds on the experience with NemID: an eID that people use every day in online banking is one they know, and almost every adult has one – a take-up that a solution used only a few times a year would struggle to reach.

## How it works for citizens and businesses

Citizens get one electronic ID, used with an app on their mobile phone or with a small code display device. They log in with a user name and approve in the app; the code card disappears. The same identity is used on borger.dk, with the Danish Tax Agency, on sundhed.dk and in online banking. People can enrol at their bank, at a municipal citizen service centre, or by themselves with their passport and a mobile phone that can read the passport’s chip.

Employees log in with their own eID, and their employer grants them rights in a separate business solution, so employee certificates and key files disappear. Public authorities connect through the common log-in service, NemLog-in; private service providers such as insurers and pension funds connect through certified brokers that compete on price and service.

## Governance and ownership

The two sectors own the solution jointly. A joint steering committee sets requirements and priorities, and a collaboration agreement governs ownership, costs, liability and the terms for leaving. The public sector is responsible for identity proofing; the banks contribute the customer checks they already carry out under anti-money-laundering law.

The weakness is that two parties with different interests must agree: the banks put secure payments and a low cost per transaction first, the public sector accessibility and inclusion. Disagreements can delay decisions, and the public sector cannot change the solution on its own.

## Security and level of assurance

The solution must meet level of assurance _substantial_ under the eIDAS Regulation and NSIS, and it must be possible to reach level _high_ – for example with a physical chip or by combining the app with a passport. The banks’ fraud monitoring can spot suspicious log-ins across online banking and public services alike.

On the other hand, one shared solution becomes an attractive target. A successful attack gives access both to a person’s finances and to their records held by public authorities. That places heavy demands on monitoring, incident response and the ability to block an identity immediately.

## Privacy

Information about which public services a person uses must not reach the banks, and the banks’ information about their customers’ finances must not reach the public sector. The architecture and the data processing agreements must keep the two apart, so that neither the bank nor the supplier sees more of a person’s activity than operations and fraud prevention require.

## Accessibility and digital inclusion

- People without a smartphone get a code display device, and blind and partially sighted people can get a code reader that reads the code aloud.
- Older people and others who find digital services difficult can get help at the citizen service centre and in bank branches, and relatives can be given a digital power of attorney instead of borrowing someone’s credentials.
- Citizens abroad can enrol with their passport and the app, but often have no Danish bank and so depend on the public enrolment route.
- People without a bank account – a small but vulnerable minority – must be guaranteed exactly the same access as everyone else.

The app must meet the EN 301 549 accessibility standard and be tested with disabled users.

## Cost and financing

Development and running costs are shared. This makes the scenario cheaper for the public sector than a purely public solution: the banks pay for the large share of use that takes place in online banking, and the high volume keeps the price per transaction low.

| Item                                | Assessment                       |
| ----------------------------------- | -------------------------------- |
| Set-up cost for the public sector   | Medium – shared with the banks   |
| Running cost for the public sector  | Low to medium                    |
| Price for citizens                  | Free                             |
| Price for private service providers | Per-transaction fee via a broker |

## Vendor lock-in and competition

NemID has shown how hard it is to change supplier when one supplier runs everything. Here the identity solution, enrolment and the brokers are procured separately, and the state and the banks own the rights to data and interfaces. The brokers compete for private services, but there is still one central solution, which limits competition for the eID itself.

## Implementation risks and timeline

The biggest risk to the timeline is negotiating the partnership agreement: with NemID, agreeing on ownership and costs took a long time before procurement could begin. Then come development and a transition of at least a year, in which NemID and the new solution run side by side while millions of users move across. A realistic overall timeline is four to six years.

## What users would notice

For most people the change would be manageable: one log-in for online banking and borger.dk, no code card, and the app as the normal way to approve, with help from their bank to switch. Those without a bank account or a smartphone will feel the change most and need particular attention.
`;

const S2_DA = md`
I dette scenarie løsner det offentlige båndet til den finansielle sektor. Staten – ved Digitaliseringsstyrelsen – får det fulde ansvar for at udvikle, eje og drive en national eID til offentlige selvbetjeningsløsninger. Udvikling og drift udbydes til en eller flere leverandører, men alle rettigheder, krav og beslutninger ligger hos staten.

Bankerne kan frit vælge at bygge deres egen log-in-løsning til netbank og betalinger eller at købe adgang til den offentlige eID på standardvilkår. Det er ikke givet, at de vælger det sidste, og scenariet skal derfor vurderes både med og uden bankerne som brugere.

## Sådan fungerer det for borgere og virksomheder

Borgeren får en offentlig eID med en app og en kodeviser som alternativ. Man opretter sig i Borgerservice, med pas og app eller gennem en selvbetjening, hvor identiteten kontrolleres digitalt. Virksomheder bruger den samme eID sammen med en erhvervsløsning til rettigheder, og offentlige tjenester tilsluttes via NemLog-in som i dag.

Den vigtigste forskel for borgeren er, at der kan komme to log-in-løsninger i hverdagen: én til det offentlige og én til banken. Mange bruger netbanken langt oftere end borger.dk og kan glemme, hvordan den offentlige eID virker, når de endelig skal bruge den – for eksempel når årsopgørelsen kommer.

## Styring og ejerskab

Styringen er enkel: Staten beslutter, og ministeren står til ansvar over for Folketinget. Krav til tilgængelighed, sikkerhed og privatliv fastsættes alene ud fra offentlige hensyn, og ændringer kræver ikke forhandling med en privat part. Projektet følger den fællesstatslige it-projektmodel og skal vurderes af Statens It-råd.

Til gengæld bærer staten hele risikoen. Der er ingen partner at dele ansvaret med, hvis løsningen bliver forsinket, dyrere end ventet eller ikke bliver taget godt imod.

## Sikkerhed og sikringsniveau

Staten kan målrette løsningen mod sikringsniveau _betydelig_ for alle og _høj_ for dem, der har brug for det, uden at tage hensyn til bankernes krav til betalinger. Bankerne skal til gengæld selv opfylde kravene om stærk kundeautentifikation i betalingstjenestedirektivet (PSD2).

Det offentlige mister adgangen til bankernes svindelovervågning og deres erfaring med at bekæmpe phishing. Staten skal selv opbygge et døgnbemandet beredskab, der kan opdage misbrug og spærre en identitet med det samme.

## Privatliv

Det offentlige er eneste dataansvarlige, og oplysninger om borgernes log-ins bliver i den offentlige sektor. Det er enkelt at forklare, hvem der ved hvad. Men en central offentlig log over alle log-ins rejser spørgsmål om overvågning, og der skal være klare regler – fastsat i lov – om opbevaring, adgang og sletning.

## Tilgængelighed og digital inklusion

Staten kan stille præcis de krav, den ønsker, og teste løsningen med de grupper, der har sværest ved at bruge den. Udstedelsen kan ske i Borgerservice i alle kommuner og på ambassader, så ingen er afhængige af et bankforhold.

- Ældre, der i dag får hjælp til NemID i deres bank, mister den hjælp, hvis bankerne vælger deres egen løsning. Borgerservice skal kunne løfte opgaven.
- Blinde og svagsynede kan få en kodeoplæser, og appen kan bygges til skærmlæsere fra begyndelsen.
- Borgere i udlandet kan oprette sig med pas og app eller på en ambassade.
- Borgere uden smartphone får en kodeviser uden beregning.

## Økonomi og finansiering

Det offentlige betaler det hele: udvikling, drift, support og udstedelse. Uden bankernes medfinansiering bliver den offentlige udgift markant højere end i S1, og prisen pr. log-in stiger, fordi løsningen bruges sjældnere. Private tjenesteudbydere kan få adgang mod betaling, men det er usikkert, hvor mange der vil.

| Forhold                          | Vurdering                              |
| -------------------------------- | -------------------------------------- |
| Etablering for det offentlige    | Høj                                    |
| Løbende drift for det offentlige | Høj                                    |
| Pris for borgeren                | Gratis                                 |
| Bankernes ekstra udgift          | Egen løsning eller betaling for adgang |

## Leverandørbinding og konkurrence

Staten kan opdele løsningen i moduler – app, identitetsløsning, registrering og support – og udbyde dem hver for sig med krav om åbne standarder som OpenID Connect og ret til kildekoden. Det mindsker afhængigheden af én leverandør, men kræver, at staten selv har stærke kompetencer til at binde delene sammen. På bankernes side kan der opstå flere private løsninger, hvilket kan give konkurrence, men også et mere uoverskueligt landskab for borgerne.

## Risici og tidsplan

Store offentlige it-projekter har en historie med forsinkelser og budgetoverskridelser, og en national eID er blandt de mest kritiske. Til gengæld er der ingen partnerskabsaftale at forhandle, så udbuddet kan begynde tidligere. Den største usikkerhed er udbredelsen: Hvis bankerne går egne veje, bruges den offentlige eID sjældnere, og flere vil have brug for hjælp. En realistisk samlet tidsplan er fire til fem år.

## Hvad vil brugerne mærke?

Brugerne vil opleve en klar afsender: Det er staten, der står bag, og det er staten, man henvender sig til. Men mange vil få to log-ins at holde styr på, og overgangen fra NemID kræver, at alle aktivt opretter sig i den nye løsning – uden bankernes hjælp til at flytte kunderne.
`;

const S2_EN = md`
In this scenario the public sector loosens its ties to the financial sector. The state – through the Danish Agency for Digitisation – takes full responsibility for developing, owning and running a national eID for public self-service. Development and operations are contracted out to one or more suppliers, but all rights, requirements and decisions stay with the state.

The banks are free to build their own log-in for online banking and payments, or to buy access to the public eID on standard terms. There is no guarantee that they will choose the latter, so the scenario must be assessed both with and without the banks as users.

## How it works for citizens and businesses

Citizens get a public eID with an app, and a code display device as an alternative. They enrol at a citizen service centre, with their passport and the app, or through a self-service in which their identity is checked digitally. Businesses use the same eID together with a business solution for access rights, and public services connect through NemLog-in as they do today.

The main difference for citizens is that they may end up with two log-ins in daily life: one for the public sector and one for their bank. Many people use online banking far more often than borger.dk and may forget how the public eID works by the time they need it – when their annual tax statement arrives, for example.

## Governance and ownership

Governance is simple: the state decides, and the minister answers to Parliament. Requirements for accessibility, security and privacy are set on public-interest grounds alone, and changes need no negotiation with a private party. The project follows the common government IT project model and is reviewed by the Danish Council for IT Projects.

On the other hand, the state carries all the risk. There is no partner to share responsibility if the solution is late, costs more than expected or is poorly received.

## Security and level of assurance

The state can aim the solution at level of assurance _substantial_ for everyone and _high_ for those who need it, without having to accommodate the banks’ payment requirements. The banks, in turn, must meet the strong customer authentication requirements of the Payment Services Directive (PSD2) on their own.

The public sector loses access to the banks’ fraud monitoring and their experience of fighting phishing. The state must build its own round-the-clock response capability that can detect misuse and block an identity immediately.

## Privacy

The public sector is the sole data controller, and information about people’s log-ins stays within the public sector. It is easy to explain who knows what. But a central public log of every log-in raises questions of surveillance, and there must be clear rules – laid down in law – on retention, access and deletion.

## Accessibility and digital inclusion

The state can set exactly the requirements it wants and test the solution with the groups who find it hardest to use. Enrolment can take place at the citizen service centre in every municipality and at embassies, so nobody depends on having a bank account.

- Older people who today get help with NemID from their bank lose that help if the banks choose their own solution; citizen service centres must be able to take over.
- Blind and partially sighted people can get a code reader, and the app can be built for screen readers from the start.
- Citizens abroad can enrol with their passport and the app, or at an embassy.
- People without a smartphone get a code display device free of charge.

## Cost and financing

The public sector pays for everything: development, operations, support and enrolment. Without co-financing from the banks, public spending will be considerably higher than in S1, and the price per log-in rises because the solution is used less often. Private service providers can get access for a fee, but how many will want it is uncertain.

| Item                               | Assessment                        |
| ---------------------------------- | --------------------------------- |
| Set-up cost for the public sector  | High                              |
| Running cost for the public sector | High                              |
| Price for citizens                 | Free                              |
| Extra cost for the banks           | Own solution, or a fee for access |

## Vendor lock-in and competition

The state can split the solution into modules – app, identity service, enrolment and support – and procure them separately, requiring open standards such as OpenID Connect and rights to the source code. This reduces dependence on one supplier, but it requires the state itself to have strong skills in bringing the parts together. On the banking side, several private solutions may emerge, which can bring competition but also a more confusing landscape for citizens.

## Implementation risks and timeline

Large public IT projects have a history of delays and cost overruns, and a national eID is among the most critical of all. On the other hand, there is no partnership agreement to negotiate, so procurement can start sooner. The biggest uncertainty is take-up: if the banks go their own way, the public eID is used less often and more people will need help. A realistic overall timeline is four to five years.

## What users would notice

Users would see a clear sender: the state stands behind the eID, and the state is who they contact. But many would have two log-ins to keep track of, and the move from NemID requires everyone to enrol actively in the new solution – without the banks’ help in moving their customers across.
`;

const S3_DA = md`
I dette scenarie udvikler staten ikke selv en eID. I stedet fastsætter staten en national tillidsramme – krav, certificering og tilsyn – og alle udbydere, der lever op til kravene, kan få deres eID godkendt til offentlige tjenester. Borgeren vælger selv sin eID: fra sin bank, fra et teleselskab eller fra en specialiseret udbyder.

Modellen kendes fra vores nabolande. I Sverige er BankID og Freja eID+ godkendt under kvalitetsmærket Svensk e-legitimation, og i Norge giver den offentlige log-in-tjeneste ID-porten adgang med flere private eID’er ved siden af den offentlige MinID.

## Sådan fungerer det for borgere og virksomheder

Borgeren vælger en godkendt eID og bruger den overalt, hvor der står »Log på«. Offentlige tjenester tilsluttes én gang til NemLog-in, som fungerer som knudepunkt og modtager identiteten fra alle godkendte udbydere. For borgeren ligner log-in-siden en menu: »Log på med …« efterfulgt af de udbydere, der er godkendt.

Virksomheder vælger også selv: Udbyderne kan tilbyde erhvervsløsninger med rettighedsstyring, og konkurrencen kan give bedre integration med virksomhedernes egne systemer. Til gengæld skal offentlige løsninger kunne håndtere rettigheder fra flere forskellige udbydere.

## Styring og ejerskab

Staten ejer tillidsrammen og knudepunktet, men ikke eID’erne. En tilsynsmyndighed godkender udbydere efter eIDAS og NSIS, fører løbende tilsyn og kan trække en godkendelse tilbage. Kravene skal fastsættes i lov, og staten har ingen direkte indflydelse på udbydernes produkter ud over kravene.

Markedet sikrer ikke af sig selv, at alle kan få en eID. Tillidsrammen skal derfor kombineres med en offentlig basis-eID eller en forsyningspligt, der pålægger en eller flere udbydere at betjene alle, også dem, der ikke er lønsomme kunder.

## Sikkerhed og sikringsniveau

Alle udbydere skal certificeres til mindst sikringsniveau _betydelig_, og de, der vil tilbyde _høj_, skal certificeres særskilt. Der er ikke ét samlet mål for angreb, og en hændelse hos én udbyder rammer ikke alle borgere. Men ordningen er ikke stærkere end den svageste godkendte udbyder, og et alvorligt brud hos én kan svække tilliden til dem alle.

## Privatliv

Knudepunktet skal sikre, at udbyderen ikke får at vide, hvilken offentlig tjeneste borgeren logger på. Kommercielle udbydere kan have en interesse i at bruge oplysninger om deres brugere kommercielt; det skal udtrykkeligt forbydes i godkendelseskravene og kontrolleres ved tilsyn.

## Tilgængelighed og digital inklusion

Konkurrence kan give bedre og mere brugervenlige løsninger, fordi udbyderne skal vinde brugerne. Men udbyderne vil naturligt koncentrere sig om de kunder, der er lønsomme.

- Borgere uden bankforhold eller smartphone risikerer at blive henvist til en basisløsning, der får mindre opmærksomhed.
- Ældre og mennesker med handicap kan få svært ved at vælge mellem udbydere og ved at få hjælp, når ingen har det samlede ansvar.
- Borgere i udlandet er afhængige af, at mindst én udbyder tilbyder oprettelse uden fremmøde i Danmark.

Krav om tilgængelighed efter EN 301 549 og om support til alle skal derfor være en betingelse for at blive godkendt.

## Økonomi og finansiering

Udbyderne finansierer selv udviklingen og tjener penge på gebyrer pr. log-in eller pr. underskrift. Det offentlige betaler for tillidsrammen, tilsynet og knudepunktet, for en eventuel basis-eID og for log-ins på offentlige tjenester. Hvis én udbyder bliver dominerende, kan priserne stige – en risiko, der også er kendt fra andre lande.

| Forhold                          | Vurdering                               |
| -------------------------------- | --------------------------------------- |
| Etablering for det offentlige    | Lav til middel                          |
| Løbende drift for det offentlige | Middel – gebyrer pr. log-in             |
| Pris for borgeren                | Som regel gratis, afhænger af udbyderen |
| Ny lovgivning                    | Ja – tillidsramme og tilsyn             |

## Leverandørbinding og konkurrence

På papiret giver scenariet den mindste leverandørbinding: Staten kan godkende nye udbydere, og ingen kontrakt binder det offentlige til én leverandør. I praksis har markeder for eID en tendens til at samle sig om én udbyder, fordi borgerne bruger den eID, deres bank tilbyder. I Sverige har BankID langt de fleste brugere. Konkurrencen kan derfor blive mindre, end modellen lover.

## Risici og tidsplan

Lovgivningen om tillidsramme og tilsyn skal vedtages, før udbydere kan godkendes, og udbyderne skal derefter udvikle og certificere deres løsninger. Det er usikkert, om nok udbydere vil træde ind på et marked med knap seks millioner indbyggere. Hvis de ikke gør, kan NemID skulle forlænges. En realistisk samlet tidsplan er tre til seks år, med stor usikkerhed.

## Hvad vil brugerne mærke?

Brugerne vil få valgfrihed, men også nye spørgsmål: Hvilken eID skal jeg vælge, og hvad sker der, hvis jeg skifter bank? De fleste vil formentlig vælge den eID, deres bank tilbyder, og for dem vil hverdagen ligne den, de kender i dag.
`;

const S3_EN = md`
In this scenario the state does not develop an eID of its own. Instead it sets up a national trust framework – requirements, certification and supervision – and any provider that meets the requirements can have its eID approved for public services. Citizens choose their eID themselves: from their bank, from a telecoms operator or from a specialist provider.

The model is familiar from our Nordic neighbours. In Sweden, BankID and Freja eID+ are approved under the Swedish e-identification quality mark, and in Norway the public log-in service ID-porten accepts several private eIDs alongside the public MinID.

## How it works for citizens and businesses

Citizens choose an approved eID and use it wherever it says ‘Log in’. Public services connect once to NemLog-in, which acts as a hub and receives the identity from every approved provider. For citizens, the log-in page looks like a menu: ‘Log in with …’, followed by the approved providers.

Businesses choose too: providers can offer business solutions with access management, and competition may bring better integration with businesses’ own systems. On the other hand, public solutions must be able to handle access rights coming from several different providers.

## Governance and ownership

The state owns the trust framework and the hub, but not the eIDs. A supervisory authority approves providers against eIDAS and NSIS, supervises them continuously and can withdraw an approval. The requirements must be laid down in law, and the state has no direct influence on the providers’ products beyond those requirements.

The market will not by itself ensure that everyone can get an eID. The trust framework must therefore be combined with a public basic eID or a universal service obligation that requires one or more providers to serve everyone, including people who are not profitable customers.

## Security and level of assurance

Every provider must be certified to at least level of assurance _substantial_, and those who want to offer _high_ must be certified separately. There is no single target for attackers, and an incident at one provider does not affect every citizen. But the scheme is no stronger than the weakest approved provider, and a serious breach at one can undermine trust in them all.

## Privacy

The hub must ensure that a provider does not learn which public service a person is logging in to. Commercial providers may have an interest in using information about their users commercially; this must be expressly prohibited in the approval requirements and checked through supervision.

## Accessibility and digital inclusion

Competition can lead to better and more user-friendly solutions, because providers have to win their users. But providers will naturally concentrate on the customers who are profitable.

- People without a bank account or a smartphone risk being referred to a basic solution that gets less attention.
- Older people and people with disabilities may find it hard to choose between providers, and to get help when no one has overall responsibility.
- Citizens abroad depend on at least one provider offering enrolment without appearing in person in Denmark.

Accessibility in line with EN 301 549, and support for everyone, must therefore be conditions for approval.

## Cost and financing

Providers fund their own development and earn money from fees per log-in or per signature. The public sector pays for the trust framework, supervision and the hub, for any basic eID, and for log-ins to public services. If one provider becomes dominant, prices may rise – a risk that is also known from other countries.

| Item                               | Assessment                            |
| ---------------------------------- | ------------------------------------- |
| Set-up cost for the public sector  | Low to medium                         |
| Running cost for the public sector | Medium – fees per log-in              |
| Price for citizens                 | Usually free; depends on the provider |
| New legislation                    | Yes – trust framework and supervision |

## Vendor lock-in and competition

On paper this scenario has the least lock-in: the state can approve new providers, and no contract ties the public sector to a single supplier. In practice, eID markets tend to consolidate around one provider, because people use the eID their bank offers. In Sweden, BankID has by far the most users. Competition may therefore turn out weaker than the model promises.

## Implementation risks and timeline

Legislation on the trust framework and supervision must be passed before providers can be approved, and providers must then develop and certify their solutions. It is uncertain whether enough providers will enter a market of fewer than six million people. If they do not, NemID may have to be extended. A realistic overall timeline is three to six years, with considerable uncertainty.

## What users would notice

Users would gain freedom of choice, but also new questions: which eID should I choose, and what happens if I change bank? Most would probably choose the eID their bank offers, and for them daily life would look much like it does today.
`;

const S4_DA = md`
I dette scenarie indfører Danmark et nationalt ID-kort med en chip, der rummer borgerens elektroniske identitet. Kortet udstedes gennem kommunernes Borgerservice ligesom pas og bruges både som fysisk legitimation og til log-in: Man holder kortet mod en mobiltelefon med NFC eller sætter det i en kortlæser og indtaster en pinkode. Modellen kendes fra Tyskland, hvor det nationale identitetskort har en online-funktion, og fra Belgien og Estland.

Danmark har i dag intet nationalt ID-kort med chip. Det kommunale ID-kort er alene et fysisk legitimationskort. Scenariet kræver derfor ny lovgivning og en bred politisk og offentlig debat.

## Sådan fungerer det for borgere og virksomheder

På mobilen logger man på ved at holde kortet mod telefonen og taste sin pinkode. På computeren bruger man enten en kortlæser eller mobilen som læser. Kortet kan også rumme en kvalificeret elektronisk signatur, så man kan underskrive dokumenter med samme juridiske virkning som en håndskrevet underskrift i hele EU.

Medarbejdere bruger deres eget kort, og virksomheden tildeler rettigheder i en erhvervsløsning. Offentlige tjenester tilsluttes via NemLog-in. Bankerne kan vælge at acceptere kortet, men de vil næppe opgive deres egne løsninger, og mange borgere vil derfor også have en bankløsning.

## Styring og ejerskab

Staten ejer ordningen og har ansvaret for kortproduktion, certifikater og spærring, mens kommunerne står for udstedelsen. Styringen er enkel og ligner den for pas. Men kortet bliver en central del af den nationale infrastruktur, og beslutninger om det vil være politiske, fordi et ID-kort berører forholdet mellem borger og stat.

## Sikkerhed og sikringsniveau

Scenariet giver den højeste sikkerhed af de fire. Den private nøgle ligger i en sikker chip og kan ikke kopieres, og løsningen kan nå sikringsniveau _høj_ efter eIDAS. Kombinationen af noget, man har (kortet), og noget, man ved (pinkoden), gør det langt sværere at misbruge identiteten med phishing eller over telefonen.

Svaghederne ligger i hverdagen: Pinkoder glemmes, kort bliver væk, og mens man venter på et nyt kort, har man ingen eID. Der skal være en hurtig og sikker måde at spærre og genudstede på.

## Privatliv

Chippen gør det muligt kun at dele det nødvendige – for eksempel at bekræfte »over 18 år« uden at oplyse navn eller CPR-nummer – og at bruge et særskilt pseudonym hos hver tjeneste, som man kender det fra Tyskland. Samtidig er et nationalt ID-kort et principielt skridt i Danmark. Det rejser spørgsmål om, hvorvidt kortet skal være frivilligt, og om det må blive en de facto pligt at bære det.

## Tilgængelighed og digital inklusion

Kortet har fordele for dem, der ikke har eller ikke vil have en smartphone: Et kort og en kortlæser er nok. Men der er også nye barrierer:

- Ikke alle telefoner har NFC, og kortlæsere til computeren skal købes, installeres og holdes opdateret.
- Ældre og mennesker med nedsat motorik kan have svært ved at holde kortet korrekt mod telefonen.
- Blinde og svagsynede skal kunne taste pinkoden uden at se skærmen.
- Borgere i udlandet skal søge kortet på en ambassade og kan vente længe på at få det.

## Økonomi og finansiering

Scenariet er det dyreste at etablere. Kort skal produceres og udstedes til alle voksne og fornyes, typisk hvert tiende år, og der skal ydes support til kortlæsere og mobiltelefoner. Det er et politisk valg, om borgeren skal betale et gebyr for kortet som for pas.

| Forhold                          | Vurdering                        |
| -------------------------------- | -------------------------------- |
| Etablering for det offentlige    | Meget høj                        |
| Løbende drift for det offentlige | Middel til høj                   |
| Pris for borgeren                | Evt. gebyr for kort og kortlæser |
| Ny lovgivning                    | Ja – nationalt ID-kort           |

## Leverandørbinding og konkurrence

Kortet kan bygges på de samme åbne internationale standarder, som bruges i pas, og flere leverandører kan producere det. Bindingen ligger især i programmerne til kortlæsere og mobiltelefoner, som skal vedligeholdes i mange år. Staten bør eje disse programmer eller kræve, at de er åbne.

## Risici og tidsplan

Lovgivningen er den første og største usikkerhed. Derefter tager det flere år at udstede kort til knap fem millioner voksne, og i den periode skal NemID fortsætte. Erfaringen fra Tyskland er, at kun en mindre del af borgerne bruger kortets online-funktion, selv mange år efter indførelsen, fordi det opleves som besværligt. En realistisk samlet tidsplan er fem til otte år.

## Hvad vil brugerne mærke?

Alle skal møde op i Borgerservice eller på en ambassade for at få et kort. Til gengæld får man en fysisk legitimation, som mange savner i dag, og en meget sikker eID. I hverdagen vil mange formentlig fortsat bruge en app fra banken og kun tage kortet frem, når de skal bruge offentlige tjenester.
`;

const S4_EN = md`
In this scenario Denmark introduces a national identity card with a chip that holds the citizen’s electronic identity. The card is issued through the municipal citizen service centres, like passports, and serves both as a physical identity document and for logging in: you hold the card against a phone with NFC, or insert it into a card reader, and enter a PIN. The model is familiar from Germany, whose identity card has an online function, and from Belgium and Estonia.

Denmark has no national ID card with a chip today. The municipal ID card is only a physical identity document. The scenario therefore requires new legislation and a broad political and public debate.

## How it works for citizens and businesses

On a phone, you log in by holding the card against it and entering your PIN. On a computer, you use either a card reader or your phone as the reader. The card can also hold a qualified electronic signature, so that people can sign documents with the same legal effect as a handwritten signature throughout the EU.

Employees use their own card, and their employer grants rights in a business solution. Public services connect through NemLog-in. The banks may choose to accept the card, but they are unlikely to give up their own solutions, so many people would also have a banking log-in.

## Governance and ownership

The state owns the scheme and is responsible for card production, certificates and revocation, while the municipalities handle issuance. Governance is simple and resembles that of passports. But the card would become a central part of the national infrastructure, and decisions about it would be political, because an identity card touches on the relationship between the citizen and the state.

## Security and level of assurance

This scenario offers the highest security of the four. The private key is held in a secure chip and cannot be copied, and the solution can reach level of assurance _high_ under eIDAS. The combination of something you have (the card) and something you know (the PIN) makes the identity far harder to misuse through phishing or over the phone.

The weaknesses lie in everyday life: PINs are forgotten, cards are lost, and while you wait for a new card you have no eID. There must be a quick and secure way to revoke and reissue.

## Privacy

The chip makes it possible to share only what is needed – for example, to confirm ‘over 18’ without revealing a name or CPR number – and to use a separate pseudonym with each service, as in Germany. At the same time, a national identity card is a step of principle in Denmark. It raises the question of whether the card should be voluntary, and whether carrying it could become compulsory in practice.

## Accessibility and digital inclusion

The card has advantages for people who do not have, or do not want, a smartphone: a card and a card reader are enough. But it also creates new barriers:

- Not every phone has NFC, and card readers for computers must be bought, installed and kept up to date.
- Older people and people with reduced motor skills may find it hard to hold the card correctly against a phone.
- Blind and partially sighted people must be able to enter their PIN without seeing the screen.
- Citizens abroad must apply for the card at an embassy and may wait a long time for it.

## Cost and financing

This is the most expensive scenario to set up. Cards must be produced and issued to every adult and renewed, typically every ten years, and support must be provided for card readers and phones. Whether citizens should pay a fee for the card, as they do for a passport, is a political choice.

| Item                               | Assessment                               |
| ---------------------------------- | ---------------------------------------- |
| Set-up cost for the public sector  | Very high                                |
| Running cost for the public sector | Medium to high                           |
| Price for citizens                 | Possibly a fee for the card and a reader |
| New legislation                    | Yes – a national ID card                 |

## Vendor lock-in and competition

The card can be built on the same open international standards as passports, and several suppliers can produce it. The lock-in lies mainly in the software for card readers and phones, which must be maintained for many years. The state should own that software or require it to be open.

## Implementation risks and timeline

Legislation is the first and biggest uncertainty. After that, issuing cards to almost five million adults takes several years, during which NemID must continue. The experience from Germany is that only a minority of citizens use the card’s online function, even many years after its introduction, because they find it cumbersome. A realistic overall timeline is five to eight years.

## What users would notice

Everyone would have to visit a citizen service centre or an embassy to get a card. In return they would get a physical identity document, which many people lack today, and a very secure eID. In daily life, many would probably still use a banking app and take out the card only for public services.
`;

// All four stay candidates while the hearing is open: narrowing starts when the input is in.
const NEMID_SCENARIOS: DemoScenario[] = [
  {
    key: 'S1',
    title: { da: 'Offentlig-privat partnerskab med bankerne', en: 'A public–private partnership with the banks' },
    summary: {
      da: 'Én fælles eID til offentlige tjenester og netbank, ejet og finansieret af det offentlige og bankerne i fællesskab.',
      en: 'One shared eID for public services and online banking, jointly owned and financed by the public sector and the banks.',
    },
    description: { da: S1_DA, en: S1_EN },
  },
  {
    key: 'S2',
    title: { da: 'En rent offentlig eID', en: 'A purely public eID' },
    summary: {
      da: 'Staten udvikler, ejer og driver en ny eID alene; bankerne vælger selv, om de vil bruge den.',
      en: 'The state develops, owns and runs a new eID on its own; the banks decide for themselves whether to use it.',
    },
    description: { da: S2_DA, en: S2_EN },
  },
  {
    key: 'S3',
    title: { da: 'Et åbent marked af certificerede udbydere', en: 'An open market of certified providers' },
    summary: {
      da: 'Staten fastsætter krav og fører tilsyn, og borgerne vælger mellem godkendte private eID’er – som i Sverige og Norge.',
      en: 'The state sets requirements and supervises, and citizens choose between approved private eIDs – as in Sweden and Norway.',
    },
    description: { da: S3_DA, en: S3_EN },
  },
  {
    key: 'S4',
    title: { da: 'Et nationalt ID-kort med chip', en: 'A chip-based national ID card' },
    summary: {
      da: 'Et fysisk ID-kort med chip, der også er borgerens eID, brugt med kortlæser eller mobil med NFC.',
      en: 'A physical ID card with a chip that is also the citizen’s eID, used with a card reader or an NFC phone.',
    },
    description: { da: S4_DA, en: S4_EN },
  },
];

const scenarioOption = (s: DemoScenario): QuestionOption => ({
  id: s.key.toLowerCase(),
  label: { da: `${s.key} – ${s.title.da}`, en: `${s.key} – ${s.title.en}` },
});

/**
 * The questionnaire of the open hearing. Every question is optional: a respondent may answer only
 * some of them, or write free text alone (the hearing asks for views, not for a form filled in).
 */
const NEMID_QUESTIONS: DemoQuestion[] = [
  {
    kind: 'scenario_scale',
    required: false,
    prompt: {
      da: 'Hvor godt opfylder hvert af de fire scenarier dine behov?',
      en: 'How well does each of the four scenarios meet your needs?',
    },
    help: {
      da: 'Tænk på, hvordan du selv logger på i dag – hos det offentlige, i netbanken og på mobilen. Giv et tal for hvert scenarie, eller spring spørgsmålet over.',
      en: 'Think of how you log in today – with public services, in online banking and on your phone. Give a number for every scenario, or skip the question.',
    },
  },
  {
    kind: 'single',
    required: false,
    prompt: { da: 'Hvilket scenarie foretrækker du?', en: 'Which scenario do you prefer?' },
    help: {
      da: 'Vælg det scenarie, du helst ser afløse NemID. Vil du sætte alle fire i rækkefølge, kan du også rangordne scenarierne.',
      en: 'Choose the scenario you would most like to see replace NemID. To put all four in order, you can also rank the scenarios.',
    },
    options: [
      ...NEMID_SCENARIOS.map(scenarioOption),
      { id: 'none', label: { da: 'Ingen præference', en: 'No preference' } },
    ],
  },
  {
    kind: 'scale',
    required: false,
    prompt: {
      da: 'Hvor stor tillid har du til, at et offentlig-privat partnerskab mellem staten og bankerne vil varetage borgernes interesser?',
      en: 'How much do you trust a public–private partnership between the state and the banks to look after citizens’ interests?',
    },
    help: {
      da: 'Et partnerskab som i scenarie S1, hvor det offentlige og bankerne ejer og finansierer løsningen i fællesskab.',
      en: 'A partnership as in scenario S1, where the public sector and the banks own and finance the solution jointly.',
    },
  },
  {
    kind: 'multi',
    required: false,
    prompt: {
      da: 'Hvad bekymrer dig mest ved den næste generation af NemID?',
      en: 'What concerns you most about the next generation of NemID?',
    },
    help: { da: 'Vælg alle, der passer.', en: 'Choose all that apply.' },
    options: [
      { id: 'privacy', label: { da: 'Beskyttelse af mine personoplysninger', en: 'Protection of my personal data' } },
      {
        id: 'no-smartphone',
        label: { da: 'Adgang for borgere uden smartphone', en: 'Access for citizens without a smartphone' },
      },
      {
        id: 'cost',
        label: {
          da: 'Udgifter for borgere, virksomheder og det offentlige',
          en: 'Costs for citizens, businesses and the public sector',
        },
      },
      { id: 'security', label: { da: 'Sikkerhed mod svindel og misbrug', en: 'Security against fraud and misuse' } },
      { id: 'lock-in', label: { da: 'Afhængighed af én leverandør', en: 'Dependence on a single supplier' } },
    ],
  },
  {
    kind: 'text',
    required: false,
    prompt: {
      da: 'Er der andet, du vil give os med på vejen?',
      en: 'Is there anything else you would like to tell us?',
    },
    help: {
      da: 'For eksempel forhold, vi har overset, eller erfaringer fra din egen hverdag.',
      en: 'For example things we have overlooked, or experiences from your own everyday life.',
    },
  },
];

// ---------------------------------------------------------------------------------------------
// 2. A closed consultation: Digital Post for businesses
// ---------------------------------------------------------------------------------------------

const DP_BODY_DA = md`
## Baggrund

Siden november 2013 har alle virksomheder med et CVR-nummer skullet have en digital postkasse, hvor de modtager breve fra det offentlige. Hvert år modtager virksomhederne millioner af meddelelser – fra Skattestyrelsen, Erhvervsstyrelsen, kommunerne og mange andre. Kontrakten på den nuværende løsning udløber, og den nye løsning skal i udbud.

## Hvad handlede høringen om?

Vi bad om input til de krav, den nye løsning skal opfylde, og til tre modeller for, hvordan den kan organiseres. Vi spurgte især til:

- integration med virksomhedernes egne økonomi-, ERP- og dokumenthåndteringssystemer
- styring af, hvilke medarbejdere der kan læse hvilken post
- adgang for revisorer, bogholdere og andre rådgivere
- varsling, når der kommer post med en frist
- mulighed for at svare digitalt og sikkert på den post, man modtager

## Status

Høringen er afsluttet. Vi behandler nu de indkomne høringssvar, og første runde af vurderingen er gennemført: To modeller går videre, og én er fravalgt. Høringsnotatet offentliggøres her, når det er færdigt, og resultaterne indgår i kravspecifikationen til udbuddet.
`;

const DP_BODY_EN = md`
## Background

Since November 2013, every business with a CVR number has been required to have a digital mailbox in which it receives letters from public authorities. Each year businesses receive millions of messages – from the Danish Tax Agency, the Danish Business Authority, the municipalities and many others. The contract for the current solution is expiring, and the new solution is to be put out to tender.

## What was the consultation about?

We asked for input on the requirements the new solution must meet and on three models for how it could be organised. In particular, we asked about:

- integration with businesses’ own finance, ERP and document management systems
- control over which employees can read which post
- access for auditors, bookkeepers and other advisers
- notifications when post with a deadline arrives
- the ability to reply digitally and securely to the post received

## Status

The consultation has closed. We are now analysing the responses, and the first round of assessment is complete: two models go forward and one has been eliminated. The consultation report will be published here when it is ready, and the results will feed into the requirements specification for the tender.
`;

const DP_S1_DA = md`
Det offentlige udbyder og ejer én fælles postløsning til alle virksomheder. Posten kan læses på virk.dk og hentes gennem åbne, veldokumenterede API’er, så virksomhedernes systemleverandører kan bygge integrationer, der lægger posten direkte i økonomisystemet eller dokumenthåndteringen.

Rettigheder styres ét sted: Virksomheden bestemmer, hvilke medarbejdere og rådgivere der kan se hvilke typer post, og varsler sendes på e-mail eller sms, når der kommer post med en frist.

Fordelen er én indgang for alle og ensartede krav til sikkerhed, arkivering og tilgængelighed. Ulempen er, at udviklingen afhænger af det offentliges prioriteringer, og at gevinsten ved API’erne kun opstår, hvis systemleverandørerne faktisk bygger integrationerne.
`;

const DP_S1_EN = md`
The public sector procures and owns one common mailbox solution for all businesses. Post can be read on virk.dk and retrieved through open, well-documented APIs, so that businesses’ software vendors can build integrations that deliver post straight into the finance system or document management.

Access rights are managed in one place: the business decides which employees and advisers can see which types of post, and notifications are sent by email or text message when post with a deadline arrives.

The advantage is a single entry point for everyone and uniform requirements for security, archiving and accessibility. The drawback is that development depends on public-sector priorities, and that the benefit of the APIs only materialises if software vendors actually build the integrations.
`;

const DP_S2_DA = md`
Det offentlige driver en fælles infrastruktur til afsendelse og modtagelse, men virksomhederne vælger selv, hvor de vil læse deres post: i en offentlig postkasse på virk.dk eller hos en godkendt privat udbyder – for eksempel i deres bank, deres økonomisystem eller deres bogføringsprogram.

Udbyderne skal godkendes efter fælles krav til sikkerhed, tilgængelighed, arkivering og mulighed for at skifte udbyder uden at miste sin post. Det offentlige fører tilsyn med, at kravene overholdes.

Fordelen er, at posten kommer ind dér, hvor virksomheden i forvejen arbejder, og at udbyderne konkurrerer på brugervenlighed. Ulempen er en mere kompleks styring og en risiko for, at ansvaret bliver uklart, hvis post går tabt mellem systemer.

Modellen svarer til den, der allerede bruges for borgernes Digital Post, hvor borgerne kan vælge mellem flere postkasser.
`;

const DP_S2_EN = md`
The public sector runs a common infrastructure for sending and receiving, but businesses choose where to read their post: in a public mailbox on virk.dk or with an approved private provider – for example in their bank, their finance system or their bookkeeping software.

Providers must be approved against common requirements for security, accessibility, archiving and the ability to switch provider without losing one’s post. The public sector supervises compliance.

The advantage is that post arrives where the business already works, and that providers compete on ease of use. The drawback is more complex governance and a risk that responsibility becomes unclear if post is lost between systems.

The model corresponds to the one already used for citizens’ Digital Post, where citizens can choose between several mailboxes.
`;

const DP_S3_DA = md`
Den nuværende løsning videreføres med mindre forbedringer: en bedre oversigt over post, flere muligheder for at fordele post internt og en opdateret brugerflade, men uden nye integrationsmuligheder.

Modellen er den billigste og mindst risikable på kort sigt, og virksomhederne skal ikke lære noget nyt.

Til gengæld løser den ikke det behov, som flest virksomheder har peget på: at posten kan komme direkte ind i deres egne systemer. Den binder desuden det offentlige til den nuværende leverandør i endnu en kontraktperiode.
`;

const DP_S3_EN = md`
The current solution is continued with minor improvements: a better overview of post, more ways to distribute post internally and an updated user interface, but no new integration options.

This model is the cheapest and least risky in the short term, and businesses do not have to learn anything new.

On the other hand, it does not meet the need that most businesses have pointed to: post arriving directly in their own systems. It would also tie the public sector to the current supplier for another contract period.
`;

// ---------------------------------------------------------------------------------------------
// 3. A concluded consultation: a common log-in for municipal self-service
// ---------------------------------------------------------------------------------------------

const ML_BODY_DA = md`
## Baggrund

Kommunerne tilbyder hver især en lang række digitale selvbetjeningsløsninger – fra ansøgning om byggetilladelse og tilmelding til dagtilbud til bestilling af storskraldsafhentning. Mange af dem har i dag hver deres log-in, og oplevelsen er forskellig fra kommune til kommune og fra løsning til løsning. Det er forvirrende for borgerne og dyrt for kommunerne.

Høringen handlede om, hvordan kommunerne kan give borgere og virksomheder ét fælles log-in til alle kommunale selvbetjeningsløsninger.

## Resultat

Høringen er afsluttet, og beslutningen er truffet: Kommunerne tilslutter deres selvbetjeningsløsninger til den fælles offentlige log-in-løsning NemLog-in (S1). S1 og S3 gik videre fra første runde, og S1 blev valgt i anden runde. Begrundelserne fremgår af scenariernes historik og af høringsnotatet.

Løsningen er nu ved at blive indført. De første kommuner er tilsluttet, og de øvrige følger i takt med, at deres kontrakter med leverandørerne af selvbetjeningsløsninger fornyes.

## Hvad sagde høringssvarene?

- Borgerne ønsker ét log-in og den samme oplevelse på tværs af kommuner og løsninger.
- Kommunerne lagde vægt på lave omkostninger og på ikke selv at skulle drive log-in-løsninger.
- Leverandørerne efterspurgte én fælles, veldokumenteret standard at tilslutte sig.
`;

const ML_BODY_EN = md`
## Background

Each municipality offers a wide range of digital self-service solutions – from applying for a building permit and registering for childcare to booking the collection of bulky waste. Many of them have their own log-in today, and the experience differs from municipality to municipality and from one solution to the next. This confuses citizens and is costly for the municipalities.

The consultation was about how the municipalities can give citizens and businesses one common log-in to every municipal self-service solution.

## Outcome

The consultation has concluded and the decision has been made: the municipalities will connect their self-service solutions to the common public log-in service, NemLog-in (S1). S1 and S3 went forward from the first round, and S1 was selected in the second round. The reasons are set out in the scenarios’ history and in the consultation report.

The solution is now being rolled out. The first municipalities are connected, and the others will follow as their contracts with the suppliers of self-service solutions are renewed.

## What did the responses say?

- Citizens want one log-in and the same experience across municipalities and solutions.
- The municipalities stressed low costs and not having to run log-in solutions themselves.
- Suppliers asked for one common, well-documented standard to connect to.
`;

const ML_S1_DA = md`
Alle kommunale selvbetjeningsløsninger tilsluttes den fælles offentlige log-in-løsning NemLog-in, som borgerne i forvejen kender fra borger.dk og andre offentlige tjenester. Borgeren logger på én gang og kan derefter bevæge sig mellem kommunens løsninger uden at logge på igen.

Kommunerne stiller krav om tilslutning til NemLog-in i deres kontrakter med leverandørerne af selvbetjeningsløsninger, og Digitaliseringsstyrelsen stiller vejledning og testmiljøer til rådighed.

Modellen kræver ingen ny fælleskommunal drift og genbruger en løsning, der allerede lever op til kravene til sikkerhed og sikringsniveau. Til gengæld er kommunerne afhængige af NemLog-ins udvikling og prioriteringer.
`;

const ML_S1_EN = md`
Every municipal self-service solution connects to the common public log-in service, NemLog-in, which citizens already know from borger.dk and other public services. Citizens log in once and can then move between the municipality’s solutions without logging in again.

The municipalities require connection to NemLog-in in their contracts with the suppliers of self-service solutions, and the Danish Agency for Digitisation provides guidance and test environments.

The model requires no new joint municipal operations and reuses a solution that already meets the requirements for security and level of assurance. In return, the municipalities depend on NemLog-in’s development and priorities.
`;

const ML_S2_DA = md`
Hver kommune vælger og driver selv sin log-in-løsning, enten som en del af de enkelte selvbetjeningsløsninger eller som en fælles løsning for kommunen.

Modellen giver den enkelte kommune størst frihed og kræver ingen fælles beslutninger.

Til gengæld fortsætter problemet med mange forskellige log-ins, og hver kommune skal selv sikre, at løsningen lever op til kravene til sikkerhed, tilgængelighed og databeskyttelse.
`;

const ML_S2_EN = md`
Each municipality chooses and runs its own log-in solution, either as part of each self-service solution or as one solution for the whole municipality.

This model gives each municipality the most freedom and requires no joint decisions.

On the other hand, the problem of many different log-ins continues, and each municipality must itself ensure that its solution meets the requirements for security, accessibility and data protection.
`;

const ML_S3_DA = md`
Kommunerne etablerer i fællesskab en fælleskommunal log-in-løsning, som drives af deres fælles it-organisation KOMBIT. Løsningen tilsluttes NemLog-in for selve identifikationen, men håndterer kommunale rettigheder og fuldmagter for sig.

Modellen giver kommunerne mulighed for at tilpasse log-in til særlige kommunale behov, for eksempel når forældre handler på vegne af deres børn.

Til gengæld skal kommunerne finansiere og drive endnu en fælles løsning, og borgerne vil opleve et ekstra lag mellem NemLog-in og selvbetjeningen.
`;

const ML_S3_EN = md`
The municipalities jointly set up a shared municipal log-in solution, run by their joint IT organisation, KOMBIT. It connects to NemLog-in for identification itself, but handles municipal access rights and powers of attorney separately.

The model lets the municipalities adapt the log-in to specific municipal needs, for example when parents act on behalf of their children.

On the other hand, the municipalities would have to finance and run yet another joint solution, and citizens would experience an extra layer between NemLog-in and the self-service solutions.
`;

// ---------------------------------------------------------------------------------------------
// The consultations, oldest first: the list shows the newest first, so the open one leads.
// ---------------------------------------------------------------------------------------------

export const DEMO_CONSULTATIONS: DemoConsultation[] = [
  {
    slug: 'faelles-login-kommunal-selvbetjening',
    title: {
      da: 'Fælles log-in til kommunale selvbetjeningsløsninger',
      en: 'A common log-in for municipal self-service',
    },
    summary: {
      da: 'Hvordan får borgere og virksomheder ét log-in til alle kommunale selvbetjeningsløsninger? Høringen er afsluttet, og kommunerne tilslutter sig NemLog-in.',
      en: 'How can citizens and businesses get one log-in to every municipal self-service solution? The consultation has concluded, and the municipalities are connecting to NemLog-in.',
    },
    body: { da: ML_BODY_DA, en: ML_BODY_EN },
    itStage: 'realisation',
    state: { phase: 'concluded', closedDaysAgo: 120 },
    documents: [
      {
        title: { da: 'Høringsnotat', en: 'Consultation report (in Danish)' },
        url: '/docs/faelles-login-kommunal-selvbetjening/hoeringsnotat.pdf',
        mediaType: PDF,
        sizeBytes: 17425,
      },
      {
        title: { da: 'Beslutningsnotat', en: 'Decision memo (in Danish)' },
        url: '/docs/faelles-login-kommunal-selvbetjening/beslutningsnotat.pdf',
        mediaType: PDF,
        sizeBytes: 3924,
      },
      {
        title: { da: 'Vejledning om tilslutning til NemLog-in', en: 'Guide to connecting to NemLog-in' },
        url: '/docs/faelles-login-kommunal-selvbetjening/tilslutningsvejledning.pdf',
        mediaType: PDF,
        sizeBytes: 3947,
      },
    ],
    scenarios: [
      {
        key: 'S1',
        title: { da: 'Tilslutning til NemLog-in', en: 'Connecting to NemLog-in' },
        summary: {
          da: 'Alle kommunale selvbetjeningsløsninger bruger den fælles offentlige log-in-løsning.',
          en: 'Every municipal self-service solution uses the common public log-in service.',
        },
        description: { da: ML_S1_DA, en: ML_S1_EN },
        status: [
          {
            to: 'shortlisted',
            round: 1,
            note: 'Går videre: bred opbakning i høringssvarene og genbrug af en eksisterende løsning.',
          },
          {
            to: 'selected',
            round: 2,
            note: 'Valgt: laveste samlede omkostning, ingen ny fælles drift og allerede godkendt til det krævede sikringsniveau.',
          },
        ],
      },
      {
        key: 'S2',
        title: { da: 'Hver kommune sin løsning', en: 'Each municipality its own solution' },
        summary: {
          da: 'Kommunerne vælger og driver hver deres log-in-løsning.',
          en: 'Each municipality chooses and runs its own log-in solution.',
        },
        description: { da: ML_S2_DA, en: ML_S2_EN },
        status: [{ to: 'eliminated', round: 1, note: 'Fravalgt: løser ikke problemet med mange forskellige log-ins.' }],
      },
      {
        key: 'S3',
        title: { da: 'Fælleskommunal log-in-løsning', en: 'A shared municipal log-in solution' },
        summary: {
          da: 'Kommunerne driver i fællesskab en log-in-løsning gennem KOMBIT, oven på NemLog-in.',
          en: 'The municipalities jointly run a log-in solution through KOMBIT, on top of NemLog-in.',
        },
        description: { da: ML_S3_DA, en: ML_S3_EN },
        status: [
          // Left shortlisted as the runner-up, so the published ranking compares two scenarios.
          { to: 'shortlisted', round: 1, note: 'Går videre: imødekommer særlige kommunale behov for fuldmagter.' },
        ],
      },
    ],
  },
  {
    slug: 'digital-post-til-virksomheder',
    title: {
      da: 'Digital Post til virksomheder – krav til den nye løsning',
      en: 'Digital Post for businesses – requirements for the new solution',
    },
    summary: {
      da: 'Hvilke krav skal den nye løsning til virksomhedernes Digital Post opfylde, og hvordan skal den organiseres? Høringen er afsluttet, og svarene behandles.',
      en: 'What must the new Digital Post solution for businesses do, and how should it be organised? The consultation has closed and the responses are being analysed.',
    },
    body: { da: DP_BODY_DA, en: DP_BODY_EN },
    itStage: 'procurement',
    state: { phase: 'closed', closedDaysAgo: 10 },
    documents: [
      {
        title: { da: 'Kravspecifikation (udkast)', en: 'Requirements specification (draft, in Danish)' },
        url: '/docs/digital-post-til-virksomheder/kravspecifikation-udkast.pdf',
        mediaType: PDF,
        sizeBytes: 3734,
      },
      {
        title: { da: 'Høringsbrev', en: 'Consultation letter (in Danish)' },
        url: '/docs/digital-post-til-virksomheder/hoeringsbrev.pdf',
        mediaType: PDF,
        sizeBytes: 3717,
      },
    ],
    scenarios: [
      {
        key: 'S1',
        title: {
          da: 'Én fælles offentlig postløsning med åbne API’er',
          en: 'One common public mailbox with open APIs',
        },
        summary: {
          da: 'Det offentlige ejer én postløsning, som virksomhedernes systemer kan integrere med.',
          en: 'The public sector owns one mailbox solution that businesses’ systems can integrate with.',
        },
        description: { da: DP_S1_DA, en: DP_S1_EN },
        status: [{ to: 'shortlisted', round: 1, note: 'Går videre: mange høringssvar fremhæver de åbne API’er.' }],
      },
      {
        key: 'S2',
        title: { da: 'Flere godkendte postkasser', en: 'Several approved mailboxes' },
        summary: {
          da: 'En fælles offentlig infrastruktur, hvor virksomhederne vælger mellem godkendte postkasser.',
          en: 'A common public infrastructure in which businesses choose between approved mailboxes.',
        },
        description: { da: DP_S2_DA, en: DP_S2_EN },
        status: [{ to: 'shortlisted', round: 1, note: 'Går videre: post dér, hvor virksomhederne arbejder.' }],
      },
      {
        key: 'S3',
        title: { da: 'Videreførelse af den nuværende løsning', en: 'Continuing the current solution' },
        summary: {
          da: 'Den nuværende løsning fortsætter med mindre forbedringer.',
          en: 'The current solution continues with minor improvements.',
        },
        description: { da: DP_S3_DA, en: DP_S3_EN },
        status: [
          {
            to: 'eliminated',
            round: 1,
            note: 'Fravalgt: løser ikke behovet for integration med virksomhedernes egne systemer.',
          },
        ],
      },
    ],
  },
  {
    slug: 'naeste-generation-af-nemid',
    title: { da: 'Næste generation af NemID', en: 'The next generation of NemID' },
    summary: {
      da: 'NemID skal afløses. Vi har beskrevet fire scenarier for den næste generation af danskernes fælles log-in og vil gerne høre, hvad du mener om dem.',
      en: 'NemID is to be replaced. We have described four scenarios for the next generation of the common Danish log-in and would like to hear what you think of them.',
    },
    body: { da: NEMID_BODY_DA, en: NEMID_BODY_EN },
    itStage: 'analysis',
    state: { phase: 'open', closesInDays: 28 },
    documents: NEMID_DOCUMENTS,
    scenarios: NEMID_SCENARIOS,
    questions: NEMID_QUESTIONS,
  },
];
