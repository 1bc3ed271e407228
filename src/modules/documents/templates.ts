import type { TLetterField, TLetterTemplateId } from '../../shared/documents.js';

/**
 * Letter skeletons written with the parent. Plain, respectful Dutch; {{field}} is filled from the
 * dossier, [tussen haken] is for the parent to write. They give no legal advice: the parent (and their
 * lawyer, when there is one) decides what is sent.
 */
export type LetterFacts = Partial<Record<TLetterField, string>> & { childrenMeasures?: string };

type Template = {
  id: TLetterTemplateId;
  title: { nl: string; en: string };
  explanation: { nl: string; en: string };
  required: TLetterField[];
  optional: TLetterField[];
  body: string;
};

export const FIELD_LABELS: Record<TLetterField, { nl: string; en: string }> = {
  parentName: { nl: 'Naam van de ouder', en: "Parent's name" },
  children: { nl: 'Kinderen', en: 'Children' },
  volunteerName: { nl: 'Naam van de vrijwilliger', en: "Volunteer's name" },
  youthProtectionWorker: { nl: 'Jeugdbeschermer', en: 'Youth protection worker' },
  youthProtectionOrganisation: { nl: 'Organisatie van de jeugdbeschermer', en: "Youth protection worker's organisation" },
  lawyerName: { nl: 'Advocaat', en: 'Lawyer' },
  organisationName: { nl: 'Onze organisatie', en: 'Our organisation' },
  today: { nl: 'Datum van vandaag', en: "Today's date" },
  courtDecision: { nl: 'Beschikking van de rechter', en: "The court's decision (beschikking)" },
  municipalDecision: { nl: 'Besluit van de gemeente', en: "The municipality's decision" },
};

/** What a placeholder says when an optional fact is not in the dossier. */
const OPTIONAL_BLANK: Record<TLetterField, string> = {
  parentName: '[uw naam]',
  children: '[namen van de kinderen]',
  volunteerName: '[naam vrijwilliger]',
  youthProtectionWorker: '[naam jeugdbeschermer]',
  youthProtectionOrganisation: '[naam instelling]',
  lawyerName: '[naam advocaat, als u die heeft]',
  organisationName: '[naam organisatie]',
  today: '[datum]',
  courtDecision: '[de beschikking of aanwijzing waar het om gaat, met datum]',
  municipalDecision: 'uw besluit van [datum]',
};

const SIGNATURE = `Met vriendelijke groet,

{{parentName}}
[adres]
[telefoonnummer]`;

export const TEMPLATES: Template[] = [
  {
    id: 'defence_statement',
    title: { nl: 'Verweerschrift', en: 'Defence statement (verweerschrift)' },
    explanation: {
      nl: 'Uw reactie aan de rechter op een verzoek van de jeugdbescherming, bijvoorbeeld om een ondertoezichtstelling of uithuisplaatsing. U schrijft op waar u het niet mee eens bent en waarom. Heeft u een advocaat? Stuur het dan samen met hem of haar in.',
      en: 'Your answer to the court on a request by youth protection, for example for a supervision order or an out-of-home placement. You write down what you disagree with and why. Do you have a lawyer? Then send it in together.',
    },
    required: ['parentName', 'children', 'youthProtectionOrganisation', 'courtDecision', 'today'],
    optional: ['lawyerName'],
    body: `Aan de kinderrechter van de rechtbank [plaats]

Datum: {{today}}
Zaaknummer: [zaaknummer uit de brief van de rechtbank]
Betreft: verweerschrift op het verzoek van {{youthProtectionOrganisation}}

Geachte kinderrechter,

Mijn naam is {{parentName}}. Ik ben de ouder van {{children}}. {{childrenMeasures}}

Het gaat om {{courtDecision}}.

{{youthProtectionOrganisation}} heeft u gevraagd om [wat er gevraagd wordt, bijvoorbeeld: de ondertoezichtstelling te verlengen]. Ik ben het daar niet (helemaal) mee eens. Hieronder leg ik uit waarom.

Wat er volgens mij niet klopt in het verzoek:
[punt 1: wat staat er, en hoe zit het echt]
[punt 2]

Wat er goed gaat:
[bijvoorbeeld: afspraken die ik nakom, hulp die ik zelf heb gezocht]

Wat ik vraag:
[bijvoorbeeld: het verzoek af te wijzen, of een kortere termijn]

Mijn advocaat is {{lawyerName}}.

${SIGNATURE}`,
  },
  {
    id: 'court_request',
    title: { nl: 'Verzoekschrift aan de rechter', en: 'Request to the court (verzoekschrift)' },
    explanation: {
      nl: 'Een brief waarin u de rechter zelf iets vraagt, bijvoorbeeld om een schriftelijke aanwijzing te laten vervallen of om een omgangsregeling. Soms moet dit via een advocaat; vraag dat na bij de rechtbank of uw advocaat.',
      en: 'A letter in which you ask the court for something yourself, for example to cancel a written instruction or to set contact arrangements. Sometimes this must go through a lawyer; check with the court or your lawyer.',
    },
    required: ['parentName', 'children', 'today'],
    optional: ['courtDecision', 'lawyerName', 'youthProtectionOrganisation'],
    body: `Aan de kinderrechter van de rechtbank [plaats]

Datum: {{today}}
Betreft: verzoek over {{children}}

Geachte kinderrechter,

Mijn naam is {{parentName}}. Ik ben de ouder van {{children}}. {{childrenMeasures}}

Mijn verzoek gaat over {{courtDecision}}.

Ik vraag u om [wat u vraagt, zo concreet mogelijk].

Waarom ik dit vraag:
[de reden, met wat er is gebeurd en wanneer]

De jeugdbeschermer werkt bij {{youthProtectionOrganisation}}.
Mijn advocaat is {{lawyerName}}.

Ik stuur deze stukken mee:
[bijvoorbeeld: een kopie van de beschikking of de schriftelijke aanwijzing]

${SIGNATURE}`,
  },
  {
    id: 'objection',
    title: { nl: 'Bezwaarschrift', en: 'Objection (bezwaarschrift)' },
    explanation: {
      nl: 'Een brief waarin u laat weten dat u het niet eens bent met een besluit, bijvoorbeeld van de gemeente over jeugdhulp. Let op de termijn in de brief met het besluit: vaak is dat 6 weken.',
      en: 'A letter saying you disagree with a decision, for example by the municipality about youth care. Mind the deadline in the letter with the decision: often 6 weeks.',
    },
    required: ['parentName', 'children', 'today'],
    optional: ['municipalDecision'],
    body: `Aan [naam van de organisatie die het besluit nam]
[adres]

Datum: {{today}}
Betreft: bezwaar tegen {{municipalDecision}}, kenmerk [kenmerk]

Geachte heer, mevrouw,

Mijn naam is {{parentName}}. Ik ben de ouder van {{children}}. {{childrenMeasures}}

Ik maak bezwaar tegen {{municipalDecision}}. Een kopie van het besluit stuur ik mee.

Ik ben het niet eens met het besluit, omdat:
[reden 1]
[reden 2]

Ik vraag u om [wat u wilt: het besluit in te trekken, of een ander besluit te nemen].

Ik wil graag gehoord worden voordat u beslist.

${SIGNATURE}`,
  },
  {
    id: 'complaint',
    title: { nl: 'Klacht aan de instelling', en: 'Complaint to the institution (klacht)' },
    explanation: {
      nl: 'Een brief aan de instelling als u niet tevreden bent over hoe een medewerker met u of uw kind omgaat. Schrijf op wat er gebeurde, wanneer, en wat u wilt dat er verandert. De instelling moet een klachtenregeling hebben.',
      en: 'A letter to the institution when you are not satisfied with how a worker treats you or your child. Write what happened, when, and what you want to change. The institution must have a complaints procedure.',
    },
    required: ['parentName', 'youthProtectionWorker', 'youthProtectionOrganisation', 'today'],
    optional: ['children'],
    body: `Aan de klachtenfunctionaris van {{youthProtectionOrganisation}}

Datum: {{today}}
Betreft: klacht over de werkwijze van {{youthProtectionWorker}}

Geachte heer, mevrouw,

Mijn naam is {{parentName}}. Ik ben de ouder van {{children}}. {{youthProtectionWorker}} is onze jeugdbeschermer.

Ik heb een klacht over:
[wat er gebeurde]

Wanneer:
[datum of data]

Wat dit voor mij en mijn kinderen betekent:
[gevolgen]

Ik heb dit eerder besproken met:
[naam en datum, als dat zo is]

Wat ik graag wil:
[bijvoorbeeld: een gesprek, excuses, een andere jeugdbeschermer, andere afspraken]

${SIGNATURE}`,
  },
  {
    id: 'plan_reaction',
    title: { nl: 'Reactie op een plan', en: 'Reaction to a plan' },
    explanation: {
      nl: 'Uw reactie op een plan van aanpak of gezinsplan van de jeugdbeschermer. U laat weten waar u het mee eens bent, waar niet, en wat u mist. Vraag of uw reactie bij het plan in het dossier komt.',
      en: "Your reaction to a plan by the youth protection worker. You say what you agree with, what not, and what is missing. Ask for your reaction to be added to the plan in the file.",
    },
    required: ['parentName', 'children', 'youthProtectionWorker', 'youthProtectionOrganisation', 'today'],
    optional: ['volunteerName', 'organisationName'],
    body: `Aan {{youthProtectionWorker}}
{{youthProtectionOrganisation}}

Datum: {{today}}
Betreft: mijn reactie op het plan van [datum plan] voor {{children}}

Beste {{youthProtectionWorker}},

Dank voor het plan. Hieronder staat mijn reactie. Ik vraag u deze reactie bij het plan in het dossier te voegen.

Hier ben ik het mee eens:
[punten]

Hier ben ik het niet mee eens, en waarom:
[punten]

Dit mis ik in het plan:
[bijvoorbeeld: afspraken over omgang, hulp die ik zelf wil]

Ik word hierbij ondersteund door {{volunteerName}} van {{organisationName}}.

${SIGNATURE}`,
  },
];

export function templateById(id: TLetterTemplateId): Template {
  return TEMPLATES.find((t) => t.id === id)!;
}

/** The fields a template needs that the dossier does not have. */
export function missingFields(template: Template, facts: LetterFacts): TLetterField[] {
  return template.required.filter((f) => !facts[f]?.trim());
}

/** The letter text: facts filled in, absent optional facts as [placeholders] for the parent. */
export function fillTemplate(template: Template, facts: LetterFacts): string {
  return template.body
    .replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
      if (name === 'childrenMeasures') return facts.childrenMeasures ?? '';
      const value = facts[name as TLetterField];
      return value?.trim() ? value : (OPTIONAL_BLANK[name as TLetterField] ?? `[${name}]`);
    })
    .replace(/[ \t]+\n/g, '\n');
}
