/**
 * The demo's stakeholder inputs (issue 13 story 4): two meetings on the open NemID hearing that a
 * pre-analysis like the NemID successor's would hold outside the hearing — a meeting with Aarhus
 * Kommune's digitalisation unit about the purely public eID and the open market (S2, S3), kept for
 * staff, and a published market-dialogue meeting with possible identity suppliers about the bank
 * partnership and the chip card (S1, S4). Written through the module's service, so each is audited
 * and the inbox indexer picks it up from the audit log (the seed also makes the indexer walk again).
 */
import type { Db } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { listScenarios } from '../modules/scenarios/scenarios.service.ts';
import { createInput, listInputs } from '../modules/stakeholder-inputs/stakeholder-inputs.service.ts';

const AARHUS_MINUTES = `## Deltagere

- Aarhus Kommune, Digitalisering: afdelingschef for digital borgerservice, it-arkitekt, teamleder i Borgerservice
- Digitaliseringsstyrelsen: to medarbejdere fra forundersøgelsen (referent)

## Baggrund

Mødet blev holdt for at høre, hvordan en stor kommune vil blive berørt af scenarie S2 (en rent offentlig eID) og S3 (et åbent marked af certificerede udbydere). Kommunen håndterer i dag omkring 9.000 henvendelser om året om NemID i Borgerservice.

## Kommunens vigtigste pointer

1. **Borgerservice bærer supporten.** Uanset scenarie forventer kommunen, at borgere uden smartphone og ældre borgere vil henvende sig i Borgerservice. I S2 vil det være én løsning at lære medarbejderne op i; i S3 skal medarbejderne kende flere udbyderes apps og procedurer, hvilket kommunen vurderer som væsentligt dyrere.
2. **Kodeviser og fysisk alternativ.** Kommunen ønsker, at der i alle scenarier findes et gratis alternativ til appen, som kan udleveres over disken samme dag.
3. **Digital Post og fuldmagt.** Fuldmagtsløsningen skal fungere fra første dag, så pårørende kan hjælpe borgere, der ikke selv kan bruge en eID.
4. **Integration.** Kommunens fagsystemer logger i dag ind via NemLog-in. S3 må ikke betyde, at hver kommune skal integrere til flere udbydere; kommunen foreslår, at NemLog-in fortsat er det eneste integrationspunkt.

## Drøftelse

Digitaliseringsstyrelsen spurgte, om kommunen kan leve med en overgangsperiode på to år med begge løsninger i drift. Kommunen svarede, at det er realistisk, hvis der afsættes midler til ekstra bemanding i Borgerservice det første år, og hvis styrelsen leverer undervisningsmateriale på dansk og let dansk.

## Aftaler

- Kommunen sender tal for henvendelser fordelt på alder og henvendelsestype inden udgangen af måneden.
- Styrelsen inviterer kommunen til brugertest af prototyper på S2 og S3.
- Referatet holdes internt, indtil kommunen har godkendt det.
`;

const MARKET_MINUTES = `## Deltagere

Fem mulige leverandører af identitetsløsninger deltog (to banker, to udbydere af eID-løsninger og en leverandør af chipkort), samt Digitaliseringsstyrelsen (mødeleder og referent). Mødet blev holdt som en åben markedsdialog efter udbudsreglerne: alle fik de samme oplysninger, og referatet offentliggøres.

## Formål

At få markedets vurdering af, om scenarie **S1** (offentlig-privat partnerskab med bankerne) og **S4** (nationalt ID-kort med chip) kan leveres, hvad de vil koste, og hvor lang tid de vil tage.

## Leverandørernes vurderinger

### S1 – partnerskab med bankerne

- Bankerne ser en fælles løsning som den billigste for samfundet, fordi kunderne allerede bruger den i netbanken.
- Bankerne lagde vægt på, at ansvarsfordelingen ved misbrug skal være klar, før de kan binde sig.
- En udbyder advarede om, at et partnerskab kan låse markedet i 10–15 år og gøre det svært for nye aktører at komme ind.

### S4 – nationalt ID-kort med chip

- Chipkortleverandøren vurderede, at kort og udstedelse kan være klar på 3–4 år efter vedtaget lovgivning.
- Flere påpegede, at kun nyere mobiler kan læse kortet med NFC, og at en kortlæser til computeren vil være en barriere for mange.
- Erfaringen fra Tyskland er, at få borgere bruger kortets online-funktion, hvis der findes en lettere app.

## Tværgående bemærkninger

- Alle leverandører anbefalede, at løsningen bygger på den europæiske eIDAS-forordning, så den kan bruges over grænser.
- En *kodeviser* eller et andet alternativ uden smartphone blev af alle set som nødvendigt for ældre borgere.
- Leverandørerne bad om at få udbudsmaterialet i høring, før det offentliggøres.

## Videre forløb

Digitaliseringsstyrelsen samler bemærkningerne i forundersøgelsens analyse af scenarierne. Spørgsmål efter mødet besvares skriftligt og offentliggøres her.
`;

type Spec = {
  kind: 'meeting' | 'market_dialogue';
  title: string;
  heldOn: string;
  parties: { name: string; kind: 'municipality' | 'business' | 'agency' }[];
  scenarioKeys: string[];
  minutes: string;
  visibility: 'staff_only' | 'published';
};

export const DEMO_STAKEHOLDER_INPUTS: Spec[] = [
  {
    kind: 'meeting',
    title: 'Møde med Aarhus Kommunes digitaliseringsenhed om S2 og S3',
    heldOn: '2026-11-17',
    parties: [
      { name: 'Aarhus Kommune, Digitalisering', kind: 'municipality' },
      { name: 'Aarhus Kommune, Borgerservice', kind: 'municipality' },
    ],
    scenarioKeys: ['S2', 'S3'],
    minutes: AARHUS_MINUTES,
    visibility: 'staff_only',
  },
  {
    kind: 'market_dialogue',
    title: 'Markedsdialog med mulige leverandører af identitetsløsninger om S1 og S4',
    heldOn: '2026-11-24',
    parties: [
      { name: 'Danske Bank', kind: 'business' },
      { name: 'Nordea', kind: 'business' },
      { name: 'Nets DanID', kind: 'business' },
      { name: 'Signicat', kind: 'business' },
      { name: 'Thales DIS Danmark', kind: 'business' },
    ],
    scenarioKeys: ['S1', 'S4'],
    minutes: MARKET_MINUTES,
    visibility: 'published',
  },
];

/** Records the two meetings on the hearing, where missing (by title); returns how many it recorded. */
export async function seedDemoStakeholderInputs(db: Db, consultationId: string, admin: Actor): Promise<number> {
  const existing = new Set((await listInputs(db, admin, consultationId, { limit: 100 })).items.map((x) => x.title));
  const keyToId = new Map((await listScenarios(db, admin, consultationId)).map((s) => [s.key, s.id]));
  let made = 0;
  for (const s of DEMO_STAKEHOLDER_INPUTS) {
    if (existing.has(s.title)) continue;
    const { scenarioKeys, ...rest } = s;
    await createInput(db, admin, consultationId, {
      ...rest,
      scenarioIds: scenarioKeys.flatMap((k) => (keyToId.has(k) ? [keyToId.get(k)!] : [])),
    });
    made++;
  }
  return made;
}
