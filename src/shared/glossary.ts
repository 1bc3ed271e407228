import { z } from 'zod';

/**
 * Jargon help (woordenlijst, issue 5): youth-care terms with a plain-language (B1) Dutch and an English
 * explanation, the finder that marks known terms in free text, and the search both the API and the
 * web page use. Shared by server and web; no server imports. The web app imports this only from lazy
 * screens (the glossary page, the dossier), so the data never loads on the sign-in page.
 *
 * The texts are orientation for parents and volunteers, not legal advice: they name terms and
 * durations that are stable in the Jeugdwet and Burgerlijk Wetboek boek 1, and no article numbers.
 */

export const GLOSSARY_CATEGORIES = ['measure', 'organisation', 'role', 'procedure', 'plan', 'help', 'naast'] as const;
export type TGlossaryCategory = (typeof GLOSSARY_CATEGORIES)[number];

export interface TGlossaryTerm {
  /** Slug: the anchor on /woordenlijst (#ots) and the API id. */
  id: string;
  category: TGlossaryCategory;
  nl: { term: string; explanation: string };
  en: { term: string; explanation: string };
  /**
   * The forms recognised in Dutch text (the term itself, plurals, abbreviations, old names). Matching
   * ignores case and accents, except: a word written in capitals (OTS, GI) must appear in capitals,
   * and with `exactCase` every form must appear exactly as written (names that are also ordinary
   * words, like Houvast or Veilig Thuis).
   */
  forms: readonly string[];
  exactCase?: boolean;
}

const T = (
  id: string,
  category: TGlossaryCategory,
  nl: [term: string, explanation: string],
  en: [term: string, explanation: string],
  forms: string[],
  exactCase = false,
): TGlossaryTerm => ({ id, category, nl: { term: nl[0], explanation: nl[1] }, en: { term: en[0], explanation: en[1] }, forms, ...(exactCase ? { exactCase } : {}) });

export const GLOSSARY: readonly TGlossaryTerm[] = [
  // ── Measures (maatregelen) ──────────────────────────────────────────────────────────────────────
  T(
    'ots',
    'measure',
    ['Ondertoezichtstelling (OTS)', 'De kinderrechter beslist dat een jeugdbeschermer een tijd met uw gezin meekijkt en helpt. U blijft zelf beslissen over uw kind, maar u moet meewerken aan de hulp. Een OTS duurt hooguit een jaar en kan steeds met hooguit een jaar worden verlengd.'],
    ['Family supervision order (OTS)', 'The juvenile court decides that a child protection worker supports and supervises your family for a time. You keep parental authority, but you must cooperate with the help. An OTS lasts at most one year and can be extended by at most one year at a time.'],
    ['OTS', 'ondertoezichtstelling', 'ondertoezichtstellingen', 'onder toezicht stelling', 'onder toezicht gesteld'],
  ),
  T(
    'vots',
    'measure',
    ['Voorlopige ondertoezichtstelling (VOTS)', 'Een OTS die de kinderrechter snel geeft als het dringend is, nog voordat alles is onderzocht. Die duurt hooguit drie maanden. In die tijd moet de Raad voor de Kinderbescherming zeggen of een gewone OTS nodig is.'],
    ['Interim supervision order (VOTS)', 'A supervision order the juvenile court gives quickly in an urgent situation, before everything has been investigated. It lasts at most three months. In that time the Child Protection Board must say whether a regular order is needed.'],
    ['VOTS', 'voorlopige OTS', 'voorlopige ondertoezichtstelling', 'voorlopige ondertoezichtstellingen'],
  ),
  T(
    'uithuisplaatsing',
    'measure',
    ['Uithuisplaatsing (UHP)', 'Uw kind woont een tijd niet thuis, maar bijvoorbeeld in een pleeggezin, een gezinshuis of een groep. Als u het daar niet mee eens bent, mag dat alleen met toestemming van de kinderrechter.'],
    ['Out-of-home placement (UHP)', 'Your child lives away from home for a time, for example with a foster family, in a family-style home or in a group. If you do not agree, this is only allowed with permission from the juvenile court.'],
    ['uithuisplaatsing', 'uithuisplaatsingen', 'UHP', 'uit huis geplaatst', 'uithuisgeplaatst', 'uithuisgeplaatste'],
  ),
  T(
    'machtiging-uithuisplaatsing',
    'measure',
    ['Machtiging uithuisplaatsing', 'Toestemming van de kinderrechter om uw kind ergens anders te laten wonen, ook als u het er niet mee eens bent. Die toestemming geldt hooguit een jaar en kan worden verlengd. Meestal hoort er een OTS bij.'],
    ['Out-of-home placement order', 'Permission from the juvenile court to let your child live somewhere else, even if you do not agree. It is valid for at most one year and can be extended. It usually comes with a supervision order (OTS).'],
    ['machtiging uithuisplaatsing', 'machtiging tot uithuisplaatsing', 'machtigingen uithuisplaatsing', 'machtiging UHP', 'MUHP'],
  ),
  T(
    'machtiging',
    'measure',
    ['Machtiging', 'Toestemming van de rechter om iets te doen dat anders niet mag, bijvoorbeeld een kind uit huis plaatsen. Een machtiging geldt voor een bepaalde tijd.'],
    ['Court authorisation', 'Permission from the court to do something that is otherwise not allowed, for example placing a child outside the home. It is valid for a set period.'],
    ['machtiging', 'machtigingen'],
  ),
  T(
    'spoedmachtiging',
    'measure',
    ['Spoedmachtiging', 'Een machtiging die de kinderrechter meteen geeft als een kind direct in gevaar is, soms zonder u eerst te horen. Binnen ongeveer twee weken volgt dan een zitting waar u wel uw kant kunt vertellen.'],
    ['Emergency authorisation', 'An authorisation the juvenile court gives at once when a child is in immediate danger, sometimes without hearing you first. A hearing where you can tell your side follows within about two weeks.'],
    ['spoedmachtiging', 'spoedmachtigingen', 'spoeduithuisplaatsing', 'spoeduithuisplaatsingen'],
  ),
  T(
    'gesloten-jeugdhulp',
    'measure',
    ['Gesloten jeugdhulp', 'Hulp in een instelling waar een jongere niet zomaar weg mag, om hem of haar te beschermen. Daarvoor is een aparte machtiging van de kinderrechter nodig.'],
    ['Secure youth care', 'Care in a setting a young person may not simply leave, to protect them. This needs a separate authorisation from the juvenile court.'],
    ['gesloten jeugdhulp', 'gesloten jeugdzorg', 'machtiging gesloten jeugdhulp'],
  ),
  T(
    'gezag',
    'measure',
    ['Gezag', 'Het recht en de plicht om voor uw kind te zorgen en belangrijke dingen voor uw kind te beslissen, zoals school, zorg en waar het woont. Dat duurt tot uw kind 18 jaar is.'],
    ['Parental authority', 'The right and duty to care for your child and to make important decisions for them, such as school, care and where they live. It lasts until your child turns 18.'],
    ['gezag', 'ouderlijk gezag', 'gezagsdrager', 'gezagsdragers', 'gezaghebbende ouder'],
  ),
  T(
    'gezamenlijk-gezag',
    'measure',
    ['Gezamenlijk of eenhoofdig gezag', 'Bij gezamenlijk gezag beslissen twee ouders samen over het kind. Bij eenhoofdig gezag heeft één ouder het gezag alleen.'],
    ['Joint or sole parental authority', 'With joint authority two parents decide about the child together. With sole authority one parent holds authority alone.'],
    ['gezamenlijk gezag', 'eenhoofdig gezag'],
  ),
  T(
    'gezagsbeeindigende-maatregel',
    'measure',
    ['Gezagsbeëindigende maatregel', 'De kinderrechter beslist dat een ouder het gezag over een kind kwijtraakt. Iemand anders wordt dan voogd en beslist voor het kind. Dit gebeurt alleen als de rechter denkt dat het kind niet meer thuis kan opgroeien.'],
    ['Termination of parental authority', 'The juvenile court decides that a parent loses parental authority over a child. Someone else becomes the guardian and decides for the child. This only happens when the court finds that the child can no longer grow up at home.'],
    ['gezagsbeëindigende maatregel', 'gezagsbeëindigende maatregelen', 'gezagsbeëindiging', 'beëindiging van het gezag'],
  ),
  T(
    'voogdij',
    'measure',
    ['Voogdij / voogd', 'Als ouders het gezag niet (meer) hebben, krijgt een ander het: de voogd. Dat is vaak de GI, soms de pleegouders of iemand uit de familie. De voogd beslist dan over belangrijke dingen voor het kind.'],
    ['Guardianship / guardian', 'When parents do not (or no longer) have parental authority, someone else gets it: the guardian. This is often the certified institution (GI), sometimes the foster parents or a relative. The guardian then makes the important decisions for the child.'],
    ['voogdij', 'voogd', 'voogden', 'voogdijmaatregel'],
  ),
  T(
    'voorlopige-voogdij',
    'measure',
    ['Voorlopige voogdij', 'Voogdij voor korte tijd, als er snel iemand moet beslissen voor een kind. Bijvoorbeeld omdat het gezag van de ouders tijdelijk is geschorst.'],
    ['Temporary guardianship', 'Guardianship for a short time, when someone must quickly be able to decide for a child, for example because the parents\u2019 authority has been suspended for a while.'],
    ['voorlopige voogdij', 'tijdelijke voogdij', 'voorlopig voogd'],
  ),
  T(
    'herstel-in-het-gezag',
    'measure',
    ['Herstel in het gezag', 'U vraagt de rechter om het gezag over uw kind terug te krijgen, nadat het eerder is beëindigd. De rechter kijkt dan of dat goed is voor uw kind.'],
    ['Restoration of parental authority', 'You ask the court to give you back parental authority over your child after it was ended. The court checks whether that is good for your child.'],
    ['herstel in het gezag', 'herstel van het gezag', 'herstel in gezag'],
  ),
  T(
    'jeugdreclassering',
    'measure',
    ['Jeugdreclassering', 'Begeleiding en toezicht voor een jongere die met de politie of justitie in aanraking is gekomen. Het doel is dat de jongere niet opnieuw de fout in gaat.'],
    ['Youth probation', 'Guidance and supervision for a young person who has been in contact with the police or the justice system. The aim is that the young person does not offend again.'],
    ['jeugdreclassering', 'jeugdreclasseerder', 'jeugdreclasseerders'],
  ),
  T(
    'kinderbeschermingsmaatregel',
    'measure',
    ['Kinderbeschermingsmaatregel', 'Een besluit van de kinderrechter om een kind te beschermen, zoals een OTS, een uithuisplaatsing of voogdij. De hulp is dan niet meer vrijwillig.'],
    ['Child protection measure', 'A juvenile court decision to protect a child, such as a supervision order, an out-of-home placement or guardianship. The help is then no longer voluntary.'],
    ['kinderbeschermingsmaatregel', 'kinderbeschermingsmaatregelen', 'jeugdbeschermingsmaatregel', 'jeugdbeschermingsmaatregelen', 'beschermingsmaatregel', 'beschermingsmaatregelen'],
  ),
  T(
    'vrijwillig-kader',
    'measure',
    ['Vrijwillig kader', 'Hulp die u zelf hebt gekozen, zonder besluit van de rechter. U praat mee over de hulp en mag nee zeggen. Als er grote zorgen zijn over de veiligheid van een kind, kan er wel onderzoek volgen.'],
    ['Voluntary help', 'Help you have chosen yourself, without a court decision. You have a say in the help and may say no. If there are serious worries about a child\u2019s safety, an investigation can still follow.'],
    ['vrijwillig kader', 'vrijwillige kader', 'vrijwillige hulp', 'vrijwillige jeugdhulp'],
  ),
  T(
    'gedwongen-kader',
    'measure',
    ['Gedwongen kader', 'Hulp die de kinderrechter heeft opgelegd, bijvoorbeeld met een OTS. U moet meewerken, ook als u het er niet mee eens bent.'],
    ['Court-ordered help', 'Help the juvenile court has imposed, for example with a supervision order. You must cooperate, even if you do not agree.'],
    ['gedwongen kader', 'gedwongen hulp', 'verplicht kader', 'verplichte hulp'],
  ),
  T(
    'verlenging',
    'measure',
    ['Verlenging', 'De kinderrechter beslist dat een maatregel, zoals een OTS of een machtiging uithuisplaatsing, langer doorgaat. Meestal vraagt de GI dat voor de einddatum. U kunt laten weten wat u ervan vindt.'],
    ['Extension', 'The juvenile court decides that a measure, such as a supervision order or a placement order, continues for longer. The certified institution (GI) usually asks for it before the end date. You can say what you think about it.'],
    ['verlenging', 'verlengingen', 'verlengingsverzoek', 'verzoek tot verlenging'],
  ),
  T(
    'omgangsregeling',
    'measure',
    ['Omgangsregeling', 'Afspraken over wanneer, waar en hoe vaak ouder en kind elkaar zien of spreken. Die afspraken kunnen samen gemaakt worden of door de rechter worden vastgelegd.'],
    ['Contact arrangement', 'Agreements about when, where and how often parent and child see or speak to each other. They can be made together or set by the court.'],
    ['omgangsregeling', 'omgangsregelingen', 'zorgregeling', 'bezoekregeling'],
  ),
  T(
    'begeleide-omgang',
    'measure',
    ['Begeleide omgang', 'Ouder en kind zien elkaar, terwijl er een begeleider bij is. Die let op hoe het gaat en helpt als dat nodig is.'],
    ['Supervised contact', 'Parent and child see each other with a supervisor present, who watches how it goes and helps when needed.'],
    ['begeleide omgang', 'begeleid bezoek', 'begeleide bezoeken'],
  ),
  T(
    'uitvoerbaar-bij-voorraad',
    'procedure',
    ['Uitvoerbaar bij voorraad', 'De beslissing van de rechter geldt meteen. Ook als u in hoger beroep gaat, moet u zich er al aan houden.'],
    ['Immediately enforceable', 'The court\u2019s decision applies at once. Even if you appeal, you must already follow it.'],
    ['uitvoerbaar bij voorraad'],
  ),
  T(
    'perspectiefbesluit',
    'procedure',
    ['Perspectiefbesluit', 'De GI beslist of een kind dat uit huis woont weer thuis kan komen wonen, of dat het ergens anders blijft opgroeien. Dat besluit heeft veel gevolgen; bespreek het met uw advocaat.'],
    ['Permanency decision', 'The certified institution (GI) decides whether a child living away from home can return home, or will keep growing up elsewhere. It has big consequences; discuss it with your lawyer.'],
    ['perspectiefbesluit', 'perspectiefbesluiten'],
  ),

  // ── Organisations (instanties) ───────────────────────────────────────────────────────────────────
  T(
    'gi',
    'organisation',
    ['Gecertificeerde instelling (GI)', 'De organisatie die een maatregel van de kinderrechter uitvoert, zoals een OTS of voogdij. Ze heeft daarvoor een keurmerk (certificaat). Uw jeugdbeschermer werkt bij de GI.'],
    ['Certified institution (GI)', 'The organisation that carries out a juvenile court measure, such as a supervision order or guardianship. It holds a certificate for this. Your child protection worker works for the GI.'],
    ['GI', 'gecertificeerde instelling', 'gecertificeerde instellingen'],
  ),
  T(
    'raad-voor-de-kinderbescherming',
    'organisation',
    ['Raad voor de Kinderbescherming', 'Een organisatie van de overheid. Die onderzoekt of een kind veilig opgroeit, als daar grote zorgen over zijn. Als het nodig is, vraagt de Raad de kinderrechter om een maatregel.'],
    ['Child Protection Board', 'A government organisation. It investigates whether a child is growing up safely when there are serious worries. If needed, the Board asks the juvenile court for a measure.'],
    ['Raad voor de kinderbescherming', 'RvdK'],
  ),
  T(
    'veilig-thuis',
    'organisation',
    ['Veilig Thuis', 'Het advies- en meldpunt voor huiselijk geweld en kindermishandeling. Iedereen kan er bellen voor advies of om zorgen te melden. Veilig Thuis kan onderzoek doen en hulp regelen.'],
    ['Veilig Thuis (domestic violence and child abuse centre)', 'The advice and reporting centre for domestic violence and child abuse. Anyone can call for advice or to report worries. Veilig Thuis can investigate and arrange help.'],
    ['Veilig Thuis'],
    true,
  ),
  T(
    'wijkteam',
    'organisation',
    ['Wijkteam', 'Een team van de gemeente dat dichtbij huis helpt bij vragen over opvoeden, geld, wonen of zorg. Hier vraagt u vaak jeugdhulp aan. Het heet ook jeugdteam, buurtteam of CJG.'],
    ['Neighbourhood team', 'A municipal team that helps close to home with questions about parenting, money, housing or care. This is often where you apply for youth care. It is also called youth team, local team or CJG.'],
    ['wijkteam', 'wijkteams', 'jeugdteam', 'jeugdteams', 'buurtteam', 'buurtteams', 'sociaal wijkteam', 'CJG', 'Centrum voor Jeugd en Gezin'],
  ),
  T(
    'jeugdhulpaanbieder',
    'organisation',
    ['Jeugdhulpaanbieder', 'Een organisatie of hulpverlener die jeugdhulp geeft. Bijvoorbeeld gezinsbegeleiding, therapie of pleegzorg.'],
    ['Youth care provider', 'An organisation or care worker that provides youth care, for example family support, therapy or foster care.'],
    ['jeugdhulpaanbieder', 'jeugdhulpaanbieders', 'zorgaanbieder', 'zorgaanbieders', 'jeugdzorgaanbieder', 'jeugdzorgaanbieders'],
  ),
  T(
    'kinderrechter',
    'organisation',
    ['Kinderrechter', 'De rechter die beslist over maatregelen om kinderen te beschermen, zoals een OTS of een uithuisplaatsing. De kinderrechter luistert eerst naar ouders, de GI of de Raad en vaak ook naar het kind.'],
    ['Juvenile court judge', 'The judge who decides on measures to protect children, such as a supervision order or an out-of-home placement. The judge first listens to the parents, the GI or the Board, and often to the child too.'],
    ['kinderrechter', 'kinderrechters'],
  ),
  T(
    'rechtbank',
    'organisation',
    ['Rechtbank', 'Het gebouw en de organisatie waar rechters zaken behandelen. De kinderrechter werkt bij de rechtbank.'],
    ['District court', 'The building and organisation where judges hear cases. The juvenile court judge works at the district court.'],
    ['rechtbank', 'rechtbanken'],
  ),
  T(
    'gerechtshof',
    'organisation',
    ['Gerechtshof', 'Een hogere rechtbank. Hier komt uw zaak als u of een ander in hoger beroep gaat tegen een beslissing van de rechtbank.'],
    ['Court of appeal', 'A higher court. Your case goes here when you or someone else appeals against a decision of the district court.'],
    ['gerechtshof', 'gerechtshoven'],
  ),
  T(
    'openbaar-ministerie',
    'organisation',
    ['Openbaar Ministerie (OM)', 'De organisatie die strafzaken naar de rechter brengt. Het OM kan ook de kinderrechter om een maatregel vragen, bijvoorbeeld bij jeugdreclassering.'],
    ['Public Prosecution Service (OM)', 'The organisation that brings criminal cases to court. It can also ask the juvenile court for a measure, for example youth probation.'],
    ['Openbaar Ministerie', 'OM'],
  ),
  T(
    'akj',
    'organisation',
    ['AKJ', 'De organisatie van de vertrouwenspersonen in de jeugdhulp en jeugdbescherming. Een vertrouwenspersoon van het AKJ helpt u gratis en onafhankelijk bij vragen en klachten.'],
    ['AKJ (confidential advisers for youth care)', 'The organisation of the confidential advisers in youth care and child protection. An AKJ adviser helps you for free and independently with questions and complaints.'],
    ['AKJ', 'Advies- en Klachtenbureau Jeugdzorg'],
  ),
  T(
    'klachtencommissie',
    'organisation',
    ['Klachtencommissie', 'Een onafhankelijke groep mensen die uw klacht over een organisatie bekijkt. Ze luistert naar beide kanten en zegt of de klacht terecht is.'],
    ['Complaints committee', 'An independent group of people who look at your complaint about an organisation. It listens to both sides and says whether the complaint is justified.'],
    ['klachtencommissie', 'klachtencommissies'],
  ),
  T(
    'skj',
    'organisation',
    ['SKJ (Kwaliteitsregister Jeugd)', 'Het register waarin jeugdprofessionals, zoals jeugdbeschermers, staan ingeschreven. Bij het SKJ kunt u een tuchtklacht indienen over hoe één professional heeft gewerkt.'],
    ['SKJ (youth professionals\u2019 register)', 'The register in which youth professionals, such as child protection workers, are listed. You can file a disciplinary complaint with SKJ about how one professional has worked.'],
    ['SKJ', 'Kwaliteitsregister Jeugd', 'Stichting Kwaliteitsregister Jeugd'],
  ),
  T(
    'clientenraad',
    'organisation',
    ['Cliëntenraad', 'Een groep cliënten of ouders die een organisatie advies geeft over hoe het beter kan. Zij praten mee namens alle cliënten, niet over één gezin.'],
    ['Client council', 'A group of clients or parents who advise an organisation on how to improve. They speak for all clients, not about one family.'],
    ['cliëntenraad', 'cliëntenraden', 'ouderraad'],
  ),
  T(
    'ombudsman',
    'organisation',
    ['Kinderombudsman / Nationale ombudsman', 'Hier kunt u terecht als u een klacht over een overheidsorganisatie hebt ingediend en die niet goed is opgelost. De Kinderombudsman let vooral op de rechten van kinderen.'],
    ['Children\u2019s Ombudsman / National Ombudsman', 'You can go here when your complaint about a public body was not resolved properly. The Children\u2019s Ombudsman looks especially at children\u2019s rights.'],
    ['Kinderombudsman', 'Nationale ombudsman', 'ombudsman'],
  ),
  T(
    'inspectie',
    'organisation',
    ['Inspectie Gezondheidszorg en Jeugd (IGJ)', 'De overheidsdienst die controleert of jeugdhulp en jeugdbescherming goed en veilig werken. De inspectie lost geen klachten van één gezin op, maar u kunt er wel signalen melden.'],
    ['Health and Youth Care Inspectorate (IGJ)', 'The government body that checks whether youth care and child protection work well and safely. It does not settle one family\u2019s complaint, but you can report concerns to it.'],
    ['IGJ', 'Inspectie Gezondheidszorg en Jeugd', 'inspectie jeugd'],
  ),
  T(
    'jeugdbeschermingstafel',
    'procedure',
    ['Jeugdbeschermingstafel', 'Een gesprek met u, de hulpverleners en de Raad voor de Kinderbescherming. Samen kijken jullie of vrijwillige hulp nog genoeg is, of dat de Raad onderzoek moet doen. Niet elke regio werkt zo.'],
    ['Child protection case conference', 'A meeting with you, the care workers and the Child Protection Board. Together you look at whether voluntary help is still enough, or whether the Board should investigate. Not every region works this way.'],
    ['jeugdbeschermingstafel', 'beschermingstafel'],
  ),

  // ── Roles (wie is wie) ──────────────────────────────────────────────────────────────────────────
  T(
    'jeugdbeschermer',
    'role',
    ['Jeugdbeschermer (gezinsvoogd)', 'De medewerker van de GI die uw gezin begeleidt zolang er een maatregel is. Die maakt een plan, let op de veiligheid van uw kind en kan verplichte opdrachten geven. Vroeger heette dit de gezinsvoogd.'],
    ['Child protection worker (family guardian)', 'The GI employee who guides your family while a measure is in place. They make a plan, watch over your child\u2019s safety and can give binding instructions. The old name is gezinsvoogd.'],
    ['jeugdbeschermer', 'jeugdbeschermers', 'gezinsvoogd', 'gezinsvoogden', 'gezinsmanager'],
  ),
  T(
    'raadsonderzoeker',
    'role',
    ['Raadsonderzoeker', 'De medewerker van de Raad voor de Kinderbescherming die het onderzoek naar uw gezin doet. Die praat met u, uw kind en andere betrokkenen en schrijft een rapport.'],
    ['Board investigator', 'The Child Protection Board employee who investigates your family. They talk with you, your child and others involved and write a report.'],
    ['raadsonderzoeker', 'raadsonderzoekers', 'raadsmedewerker'],
  ),
  T(
    'advocaat',
    'role',
    ['Advocaat', 'Een jurist die u helpt en voor u opkomt bij de rechter. Voor hoger beroep is een advocaat verplicht. Met een laag inkomen betaalt de overheid een groot deel van de kosten.'],
    ['Lawyer', 'A legal professional who helps you and stands up for you in court. A lawyer is required for an appeal. With a low income the government pays most of the costs.'],
    ['advocaat', 'advocaten', 'jeugdrechtadvocaat', 'familierechtadvocaat'],
  ),
  T(
    'gefinancierde-rechtsbijstand',
    'procedure',
    ['Gefinancierde rechtsbijstand (toevoeging)', 'Hulp van een advocaat die de overheid grotendeels betaalt als u weinig geld hebt. Uw advocaat vraagt dit voor u aan bij de Raad voor Rechtsbijstand. U betaalt dan alleen een eigen bijdrage.'],
    ['Legal aid', 'Help from a lawyer that the government mostly pays for when you have little money. Your lawyer applies for it with the Legal Aid Board. You then pay only a personal contribution.'],
    ['gefinancierde rechtsbijstand', 'Raad voor Rechtsbijstand', 'pro deo', 'pro-deoadvocaat'],
  ),
  T(
    'bijzondere-curator',
    'role',
    ['Bijzondere curator', 'Iemand die de rechter aanwijst om alleen voor de belangen van het kind op te komen. Dat gebeurt als de belangen van ouders en kind botsen.'],
    ['Guardian ad litem', 'A person the court appoints to stand up only for the child\u2019s interests. This happens when the interests of parents and child clash.'],
    ['bijzondere curator', 'bijzondere curatoren'],
  ),
  T(
    'belanghebbende',
    'role',
    ['Belanghebbende', 'Iemand die bij een rechtszaak hoort en mag meepraten, omdat de beslissing over hem of haar gaat. Ouders met gezag zijn bijna altijd belanghebbende.'],
    ['Interested party', 'Someone who is part of a court case and may take part, because the decision concerns them. Parents with parental authority almost always are.'],
    ['belanghebbende', 'belanghebbenden'],
  ),
  T(
    'pleegouder',
    'role',
    ['Pleegouder', 'Iemand die een kind van een ander in zijn of haar gezin laat wonen en opvoedt. Pleegouders krijgen hulp van een pleegzorgorganisatie.'],
    ['Foster parent', 'Someone who lets another person\u2019s child live in their family and brings them up. Foster parents get support from a foster care organisation.'],
    ['pleegouder', 'pleegouders', 'pleegmoeder', 'pleegvader'],
  ),
  T(
    'cvp',
    'role',
    ['Cliëntvertrouwenspersoon (CVP)', 'Een onafhankelijke helper die gratis met u meedenkt bij vragen of klachten over jeugdhulp of jeugdbescherming. De gemeente zorgt dat er een is. Meestal gaat het om één vraag in een paar gesprekken.'],
    ['Client confidential adviser (CVP)', 'An independent helper who thinks along with you for free about questions or complaints on youth care or child protection. The municipality makes sure one is available. It is usually about one question in a few conversations.'],
    ['cliëntvertrouwenspersoon', 'cliëntvertrouwenspersonen', 'CVP', 'vertrouwenspersoon', 'vertrouwenspersonen'],
  ),
  T(
    'clientondersteuner',
    'role',
    ['Cliëntondersteuner', 'Iemand die u gratis en onafhankelijk helpt om uit te zoeken welke hulp u nodig hebt en hoe u die krijgt. De gemeente moet dit regelen.'],
    ['Independent client support worker', 'Someone who helps you, for free and independently, to find out which help you need and how to get it. The municipality must arrange this.'],
    ['cliëntondersteuner', 'cliëntondersteuners', 'cliëntondersteuning', 'onafhankelijke cliëntondersteuning'],
  ),
  T(
    'mediation',
    'help',
    ['Mediation', 'Een neutrale bemiddelaar (mediator) helpt mensen die ruzie hebben om samen afspraken te maken. De mediator kiest geen kant.'],
    ['Mediation', 'A neutral go-between (mediator) helps people in conflict make agreements together. The mediator does not take sides.'],
    ['mediation', 'mediator', 'mediators', 'scheidingsmediation'],
  ),

  // ── Procedures (procedures en papieren) ─────────────────────────────────────────────────────────
  T(
    'beschikking',
    'procedure',
    ['Beschikking', 'Een beslissing op papier. Van de kinderrechter, bijvoorbeeld over een OTS, of van de gemeente, bijvoorbeeld over jeugdhulp. Bewaar de brief goed: de datum erop telt voor uw termijnen.'],
    ['Decision (order)', 'A decision on paper: from the juvenile court, for example about a supervision order, or from the municipality, for example about youth care. Keep the letter: its date counts for your deadlines.'],
    ['beschikking', 'beschikkingen'],
  ),
  T(
    'verzoekschrift',
    'procedure',
    ['Verzoekschrift', 'Een brief aan de rechter waarin iemand vraagt om een beslissing. De GI of de Raad stuurt er een als zij een maatregel willen. U kunt zelf ook een verzoekschrift sturen, bijvoorbeeld over de omgang.'],
    ['Petition', 'A letter to the court asking for a decision. The GI or the Board sends one when they want a measure. You can also send one yourself, for example about contact with your child.'],
    ['verzoekschrift', 'verzoekschriften'],
  ),
  T(
    'verweerschrift',
    'procedure',
    ['Verweerschrift', 'Uw eigen brief aan de rechter als u het niet eens bent met een verzoek, bijvoorbeeld om een OTS te verlengen. U schrijft waarom en wat u anders ziet. Stuur het op tijd, vóór de zitting.'],
    ['Statement of defence', 'Your own letter to the court when you disagree with a request, for example to extend a supervision order. You write why and how you see it differently. Send it in time, before the hearing.'],
    ['verweerschrift', 'verweerschriften', 'verweer'],
  ),
  T(
    'hoger-beroep',
    'procedure',
    ['Hoger beroep', 'U vraagt een hogere rechter, het gerechtshof, om de zaak opnieuw te bekijken. Dat moet binnen drie maanden na de datum van de beschikking, en u hebt er een advocaat voor nodig.'],
    ['Appeal', 'You ask a higher court, the court of appeal, to look at the case again. This must be done within three months of the date of the decision, and you need a lawyer.'],
    ['hoger beroep', 'beroepschrift', 'beroepschriften'],
  ),
  T(
    'bezwaarschrift',
    'procedure',
    ['Bezwaarschrift', 'Een brief aan de gemeente als u het niet eens bent met een besluit, bijvoorbeeld over jeugdhulp. U hebt daarvoor zes weken na de datum van het besluit.'],
    ['Notice of objection', 'A letter to the municipality when you disagree with its decision, for example about youth care. You have six weeks from the date of the decision.'],
    ['bezwaarschrift', 'bezwaarschriften', 'bezwaarprocedure', 'bezwaar maken'],
  ),
  T(
    'klacht',
    'procedure',
    ['Klacht', 'U laat weten dat u niet goed bent behandeld door een organisatie of een medewerker. Elke jeugdhulpaanbieder en GI moet een klachtenregeling hebben. Vaak helpt eerst een gesprek, daarna kan de klachtencommissie ernaar kijken.'],
    ['Complaint', 'You say that an organisation or an employee did not treat you properly. Every youth care provider and GI must have a complaints procedure. A conversation often helps first; after that the complaints committee can look at it.'],
    ['klacht', 'klachten', 'klachtenregeling', 'klachtenprocedure'],
  ),
  T(
    'tuchtklacht',
    'procedure',
    ['Tuchtklacht', 'Een klacht over hoe één professional zijn of haar werk heeft gedaan, bijvoorbeeld een jeugdbeschermer. Die dient u in bij het tuchtcollege van het SKJ. Het gaat om het werk van die persoon, niet om de organisatie.'],
    ['Disciplinary complaint', 'A complaint about how one professional did their work, for example a child protection worker. You file it with the SKJ disciplinary board. It is about that person\u2019s work, not about the organisation.'],
    ['tuchtklacht', 'tuchtklachten', 'tuchtcollege', 'tuchtrecht'],
  ),
  T(
    'schriftelijke-aanwijzing',
    'procedure',
    ['Schriftelijke aanwijzing', 'Een verplichte opdracht op papier van de GI tijdens een OTS. U moet zich eraan houden, maar als u het er niet mee eens bent, kunt u binnen twee weken de kinderrechter vragen de aanwijzing ongeldig te maken.'],
    ['Written instruction', 'A binding instruction on paper from the GI during a supervision order. You must follow it. If you disagree, you can ask the juvenile court within two weeks to cancel it.'],
    ['schriftelijke aanwijzing', 'schriftelijke aanwijzingen'],
  ),
  T(
    'vervallenverklaring',
    'procedure',
    ['Vervallenverklaring', 'U vraagt de kinderrechter om te beslissen dat een schriftelijke aanwijzing niet (meer) geldt. Dat moet snel: binnen twee weken. Tot de rechter beslist, geldt de aanwijzing meestal nog wel.'],
    ['Annulment of a written instruction', 'You ask the juvenile court to decide that a written instruction no longer applies. This must be done quickly: within two weeks. Until the court decides, the instruction usually still applies.'],
    ['vervallenverklaring', 'vervallen verklaring', 'verzoek tot vervallenverklaring'],
  ),
  T(
    'geschillenregeling',
    'procedure',
    ['Geschillenregeling', 'Tijdens een OTS kunt u een ruzie over een belangrijke beslissing van de GI voorleggen aan de kinderrechter. De rechter beslist dan wie gelijk heeft.'],
    ['Dispute procedure', 'During a supervision order you can take a disagreement about an important GI decision to the juvenile court, which then decides.'],
    ['geschillenregeling', 'geschilprocedure'],
  ),
  T(
    'zitting',
    'procedure',
    ['Zitting', 'Het gesprek bij de rechtbank waar de rechter iedereen zijn kant laat vertellen. Bij zaken over kinderen is de zitting meestal niet openbaar. U mag iemand meenemen, zoals uw advocaat.'],
    ['Court hearing', 'The meeting at court where the judge lets everyone tell their side. In cases about children the hearing is usually not public. You may bring someone, such as your lawyer.'],
    ['zitting', 'zittingen', 'rechtszitting', 'mondelinge behandeling'],
  ),
  T(
    'raadsonderzoek',
    'procedure',
    ['Raadsonderzoek', 'Het onderzoek van de Raad voor de Kinderbescherming naar hoe het met uw kind gaat. Ze praten met u, met uw kind en met mensen zoals de school of de huisarts. Daarna schrijven ze een rapport.'],
    ['Child Protection Board investigation', 'The Child Protection Board\u2019s investigation into how your child is doing. They talk with you, your child and people such as the school or the GP. Then they write a report.'],
    ['raadsonderzoek', 'raadsonderzoeken', 'beschermingsonderzoek'],
  ),
  T(
    'raadsrapport',
    'procedure',
    ['Raadsrapport', 'Het verslag van de Raad voor de Kinderbescherming met een advies voor de rechter. U mag het lezen voordat het naar de rechter gaat. Uw reactie kan erbij worden gevoegd.'],
    ['Board report', 'The Child Protection Board\u2019s report with advice to the court. You may read it before it goes to the court, and your response can be added.'],
    ['raadsrapport', 'raadsrapporten', 'rapport van de Raad'],
  ),
  T(
    'inzage',
    'procedure',
    ['Inzage in het dossier', 'U mag vragen om te lezen wat een organisatie over u en uw kind heeft opgeschreven, en om een kopie. Klopt er iets niet, dan kunt u vragen om het te verbeteren of uw eigen reactie toe te voegen.'],
    ['Access to your file', 'You may ask to read what an organisation has written about you and your child, and for a copy. If something is wrong, you can ask for it to be corrected or add your own response.'],
    ['inzage', 'inzagerecht', 'dossierinzage', 'recht op inzage', 'inzageverzoek'],
  ),
  T(
    'indicatie',
    'procedure',
    ['Indicatie', 'Het besluit welke hulp iemand nodig heeft, en hoeveel. Vaak geeft de gemeente of het wijkteam de indicatie.'],
    ['Assessment of need', 'The decision about which help someone needs, and how much. Often the municipality or the neighbourhood team makes it.'],
    ['indicatie', 'indicaties', 'indicatiestelling'],
  ),
  T(
    'toewijzing',
    'procedure',
    ['Toewijzing', 'Het besluit dat u een bepaalde vorm van jeugdhulp krijgt, bij een bepaalde aanbieder. U krijgt dat meestal als beschikking van de gemeente.'],
    ['Allocation decision', 'The decision that you get a particular form of youth care from a particular provider. You usually receive it as a decision letter from the municipality.'],
    ['toewijzing', 'toewijzingen', 'verleningsbeschikking'],
  ),
  T(
    'meldcode',
    'procedure',
    ['Meldcode', 'Een stappenplan voor professionals, zoals leraren en artsen, als zij denken dat er geweld of mishandeling is. De laatste stap kan een melding bij Veilig Thuis zijn.'],
    ['Reporting code', 'A step-by-step plan for professionals, such as teachers and doctors, when they suspect violence or abuse. The last step can be a report to Veilig Thuis.'],
    ['meldcode'],
  ),
  T(
    'evaluatie',
    'procedure',
    ['Evaluatie', 'Een gesprek waarin u terugkijkt: wat ging goed, wat niet, en wat is er nodig? Bijvoorbeeld na een gesprek met de jeugdbeschermer, of halverwege een plan.'],
    ['Evaluation', 'A conversation looking back: what went well, what did not, and what is needed? For example after a meeting with the child protection worker, or halfway through a plan.'],
    ['evaluatie', 'evaluaties', 'evaluatiegesprek', 'evaluatiemoment'],
  ),
  T(
    'vog',
    'procedure',
    ['Verklaring Omtrent het Gedrag (VOG)', 'Een bewijs van de overheid dat iemand geen strafbare feiten heeft gedaan die passen bij zijn of haar werk. Vrijwilligers die met gezinnen werken, moeten er een hebben.'],
    ['Certificate of conduct (VOG)', 'A government certificate that someone has no criminal record relevant to their work. Volunteers who work with families must have one.'],
    ['VOG', 'Verklaring Omtrent het Gedrag', "VOG's"],
  ),
  T(
    'avg',
    'procedure',
    ['AVG (privacywet)', 'De Europese wet die regelt hoe organisaties met uw persoonlijke gegevens moeten omgaan. U mag bijvoorbeeld vragen welke gegevens een organisatie van u heeft.'],
    ['GDPR (AVG)', 'The European law on how organisations must handle your personal data. For example, you may ask which data an organisation holds about you.'],
    ['AVG', 'Algemene Verordening Gegevensbescherming', 'privacywet'],
  ),

  // ── Plans (plannen) ─────────────────────────────────────────────────────────────────────────────
  T(
    'plan-van-aanpak',
    'plan',
    ['Plan van aanpak', 'Het plan van de GI tijdens een maatregel. Er staat in wat de doelen zijn, wie wat doet en wanneer er wordt gekeken of het beter gaat. U mag meepraten over dit plan.'],
    ['Action plan', 'The GI\u2019s plan during a measure. It says what the goals are, who does what, and when progress is checked. You have a say in this plan.'],
    ['plan van aanpak', 'plannen van aanpak'],
  ),
  T(
    'hulpverleningsplan',
    'plan',
    ['Hulpverleningsplan', 'Het plan van een jeugdhulpaanbieder: welke hulp u krijgt, waarvoor en hoe lang. Het wordt zo veel mogelijk samen met u en uw kind gemaakt.'],
    ['Care plan', 'A youth care provider\u2019s plan: which help you get, what for and for how long. It is made together with you and your child as much as possible.'],
    ['hulpverleningsplan', 'hulpverleningsplannen', 'hulpplan', 'behandelplan'],
  ),
  T(
    'perspectiefplan',
    'plan',
    ['Perspectiefplan', 'Een plan over waar en bij wie een kind op lange termijn opgroeit, en wat daarvoor nodig is. Bijvoorbeeld terug naar huis, of blijven in het pleeggezin.'],
    ['Long-term perspective plan', 'A plan about where and with whom a child will grow up in the long run, and what is needed for that. For example returning home, or staying with the foster family.'],
    ['perspectiefplan', 'perspectiefplannen'],
  ),
  T(
    'veiligheidsplan',
    'plan',
    ['Veiligheidsplan', 'Afspraken over wat iedereen doet om een kind veilig te houden, ook als het misgaat. Er staat in wie u dan belt en wie er helpt.'],
    ['Safety plan', 'Agreements about what everyone does to keep a child safe, also when things go wrong. It says whom to call and who will help.'],
    ['veiligheidsplan', 'veiligheidsplannen', 'veiligheidsafspraken'],
  ),
  T(
    'familiegroepsplan',
    'plan',
    ['Familiegroepsplan', 'Een plan dat u maakt met familie, vrienden en bekenden over hoe het beter kan gaan met uw kind. De Jeugdwet geeft u het recht om zo\u2019n plan te maken, voordat hulpverleners een eigen plan maken.'],
    ['Family group plan', 'A plan you make with family, friends and acquaintances about how things can go better for your child. The Youth Act gives you the right to make such a plan before professionals make their own.'],
    ['familiegroepsplan', 'familiegroepsplannen', 'FGP'],
  ),
  T(
    'eigen-kracht-conferentie',
    'plan',
    ['Eigen Kracht-conferentie', 'Een bijeenkomst met uw eigen mensen, zoals familie en vrienden, om samen een plan te maken. Een onafhankelijke coördinator helpt het te regelen, maar de familie bedenkt het plan zelf.'],
    ['Family group conference', 'A meeting with your own people, such as family and friends, to make a plan together. An independent coordinator helps organise it, but the family makes the plan itself.'],
    ['Eigen Kracht-conferentie', 'Eigen Kracht-conferenties', 'Eigen Kracht conferentie', 'Eigen Kracht'],
    true,
  ),
  T(
    'gezinsplan',
    'plan',
    ['Gezinsplan', 'Eén plan voor het hele gezin, met doelen en afspraken van alle hulpverleners samen. Zo hoeft u niet met elke hulpverlener apart een plan te maken.'],
    ['Family plan', 'One plan for the whole family, with the goals and agreements of all care workers together, so you do not need a separate plan with each of them.'],
    ['gezinsplan', 'gezinsplannen'],
  ),

  // ── Help and places (hulp en wonen) ─────────────────────────────────────────────────────────────
  T(
    'jeugdhulp',
    'help',
    ['Jeugdhulp', 'Hulp bij opgroeien, opvoeden of psychische problemen van kinderen en jongeren. De gemeente regelt en betaalt deze hulp.'],
    ['Youth care', 'Help with growing up, parenting or mental health problems of children and young people. The municipality arranges and pays for it.'],
    ['jeugdhulp', 'jeugdzorg'],
  ),
  T(
    'jeugdbescherming',
    'help',
    ['Jeugdbescherming', 'Hulp die een kind beschermt als het thuis niet veilig genoeg is, meestal na een besluit van de kinderrechter. De GI voert die hulp uit.'],
    ['Child protection', 'Help that protects a child when home is not safe enough, usually after a juvenile court decision. The GI carries it out.'],
    ['jeugdbescherming', 'kinderbescherming'],
  ),
  T(
    'jeugdwet',
    'help',
    ['Jeugdwet', 'De wet over jeugdhulp en jeugdbescherming. Er staat in wat de gemeente moet regelen en welke rechten u en uw kind hebben.'],
    ['Youth Act', 'The law on youth care and child protection. It says what the municipality must arrange and what rights you and your child have.'],
    ['Jeugdwet'],
  ),
  T(
    'pleegzorg',
    'help',
    ['Pleegzorg', 'Een kind woont kort of lang in een ander gezin, het pleeggezin. Soms is dat een paar weekenden per maand, soms voor jaren.'],
    ['Foster care', 'A child lives for a short or long time with another family, the foster family. Sometimes for a few weekends a month, sometimes for years.'],
    ['pleegzorg', 'pleeggezin', 'pleeggezinnen', 'pleegkind', 'pleegkinderen'],
  ),
  T(
    'netwerkpleeggezin',
    'help',
    ['Netwerkpleeggezin', 'Een pleeggezin uit de eigen kring van het kind, bijvoorbeeld opa en oma, een tante of een buurvrouw.'],
    ['Kinship foster family', 'A foster family from the child\u2019s own circle, for example grandparents, an aunt or a neighbour.'],
    ['netwerkpleeggezin', 'netwerkpleeggezinnen', 'netwerkpleegzorg', 'netwerkpleegouders'],
  ),
  T(
    'gezinshuis',
    'help',
    ['Gezinshuis', 'Een gewoon huis waar gezinshuisouders als hun werk een paar kinderen laten wonen en opvoeden, samen met hun eigen gezin.'],
    ['Family-style group home', 'An ordinary house where family home parents, as their job, let a few children live with them and bring them up, together with their own family.'],
    ['gezinshuis', 'gezinshuizen', 'gezinshuisouder', 'gezinshuisouders'],
  ),
  T(
    'residentiele-jeugdhulp',
    'help',
    ['Residentiële jeugdhulp', 'Een kind woont in een groep van een instelling, met begeleiders die in diensten werken. Het is er dag en nacht.'],
    ['Residential youth care', 'A child lives in a group at an institution, with staff working in shifts. The child stays there day and night.'],
    ['residentiële jeugdhulp', 'residentiële jeugdzorg', 'residentiële opvang', 'leefgroep', 'leefgroepen'],
  ),
  T(
    'netwerk',
    'help',
    ['Netwerk', 'De mensen om u heen: familie, vrienden, buren en bekenden. Zij kunnen helpen en meedenken, bijvoorbeeld bij een familiegroepsplan.'],
    ['Network (your own circle)', 'The people around you: family, friends, neighbours and acquaintances. They can help and think along, for example in a family group plan.'],
    ['netwerk', 'sociaal netwerk', 'eigen netwerk', 'netwerkberaad'],
  ),

  // ── Naast's own words (onze woorden) ────────────────────────────────────────────────────────────
  T(
    'ervaringsdeskundige',
    'naast',
    ['Ervaringsdeskundige', 'Iemand die zelf iets vergelijkbaars heeft meegemaakt, bijvoorbeeld een conflict met de jeugdbescherming, en die ervaring gebruikt om anderen te helpen. Onze vrijwilligers zijn ouders die dit zelf hebben opgelost.'],
    ['Expert by experience', 'Someone who went through something similar, for example a conflict with child protection, and uses that experience to help others. Our volunteers are parents who resolved this themselves.'],
    ['ervaringsdeskundige', 'ervaringsdeskundigen', 'ervaringsdeskundigheid'],
  ),
  T(
    'trajectondersteuning',
    'naast',
    ['Trajectondersteuning', 'Een vrijwilliger staat een tijd naast u: legt uit, gaat mee naar gesprekken, helpt bij brieven en let op afspraken. Dat is gratis. U blijft zelf beslissen.'],
    ['Support trajectory', 'A volunteer stands beside you for a time: explains, joins meetings, helps with letters and watches that agreements are kept. It is free. You stay in charge.'],
    ['trajectondersteuning'],
  ),
  T(
    'traject',
    'naast',
    ['Traject', 'De periode waarin wij u ondersteunen, van de eerste kennismaking tot de afsluiting. Gemiddeld duurt dat ongeveer acht maanden.'],
    ['Trajectory', 'The period in which we support you, from the first meeting to the end. On average it takes about eight months.'],
    ['traject', 'trajecten'],
  ),
  T(
    'intake',
    'naast',
    ['Intake', 'Het eerste gesprek met ons. We luisteren naar uw verhaal en kijken samen wat u nodig hebt en of wij u kunnen helpen.'],
    ['Intake', 'The first conversation with us. We listen to your story and look together at what you need and whether we can help.'],
    ['intake', 'intakegesprek', 'intakegesprekken'],
  ),
  T(
    'hulpvraag',
    'naast',
    ['Hulpvraag', 'Waar u hulp bij wilt, in uw eigen woorden. Bijvoorbeeld: ‘Ik wil mijn kind vaker zien’ of ‘Ik wil de brieven van de GI begrijpen’.'],
    ['Help question', 'What you want help with, in your own words. For example: \u2018I want to see my child more often\u2019 or \u2018I want to understand the letters from the GI\u2019.'],
    ['hulpvraag', 'hulpvragen'],
  ),
  T(
    'houvast',
    'naast',
    ['Houvast', 'Onze manier van werken om samen uw situatie op een rij te zetten: wie hoort bij uw gezin, wie is er betrokken en wat zijn uw hulpvragen? Daaruit maken we een plan met doelen en volgende stappen.'],
    ['Houvast (our plan method)', 'Our way of working to map your situation together: who belongs to your family, who is involved, and what are your help questions? From that we make a plan with goals and next steps.'],
    ['Houvast', 'Houvast-methode', 'Houvastplan', 'Houvast-plan'],
    true,
  ),
  T(
    'zelfregie',
    'naast',
    ['Zelfregie', 'U houdt zelf de regie: u beslist over uw eigen leven en uw situatie. Wij denken mee en helpen, maar nemen het niet van u over.'],
    ['Self-direction', 'You stay in charge: you decide about your own life and situation. We think along and help, but we do not take over.'],
    ['zelfregie', 'eigen regie'],
  ),
  T(
    'zelfredzaamheid',
    'naast',
    ['Zelfredzaamheid', 'Hoe goed u dingen zelf kunt regelen, zoals gesprekken met hulpverleners of het lezen van brieven. Het doel is dat u het na de ondersteuning alleen kunt.'],
    ['Self-reliance', 'How well you can handle things yourself, such as meetings with care workers or reading letters. The aim is that you can do it alone after the support.'],
    ['zelfredzaamheid', 'zelfredzaam'],
  ),
  T(
    'afbouw',
    'naast',
    ['Afbouw', 'De fase waarin de vrijwilliger stap voor stap minder doet en u steeds meer zelf. Zo went u eraan om het alleen te doen.'],
    ['Building down', 'The phase in which the volunteer does less step by step and you do more and more yourself, so you get used to doing it alone.'],
    ['afbouw', 'afbouwfase', 'afbouwen'],
  ),
  T(
    'nazorg',
    'naast',
    ['Nazorg', 'Na de afsluiting kunt u ons nog een tijd bellen of mailen voor informatie of advies. Gaat het weer mis, dan kan de ondersteuning opnieuw beginnen.'],
    ['Aftercare', 'After the end of the support you can still call or email us for a while for information or advice. If things go wrong again, the support can start again.'],
    ['nazorg', 'nazorgperiode'],
  ),
  T(
    'lotgenotencontact',
    'naast',
    ['Lotgenotencontact', 'Contact met andere ouders die hetzelfde meemaken of hebben meegemaakt. U kunt ervaringen delen en van elkaar leren.'],
    ['Peer contact', 'Contact with other parents who are going through, or went through, the same. You can share experiences and learn from each other.'],
    ['lotgenotencontact', 'lotgenoten', 'lotgenotengroep', 'lotgenotenbijeenkomst'],
  ),
  T(
    'neutraal-verslag',
    'naast',
    ['Neutraal verslag', 'Een verslag van een gesprek, zonder mening: wie was er, wat is er gezegd en wat is er afgesproken. U leest het eerst en mag reageren voordat het definitief is.'],
    ['Neutral report', 'A report of a meeting without opinions: who was there, what was said and what was agreed. You read it first and may respond before it is final.'],
    ['neutraal verslag', 'neutrale verslagen', 'neutrale verslaglegging'],
  ),
  T(
    'beroepskracht',
    'naast',
    ['Beroepskracht', 'Een betaalde medewerker van onze organisatie. Die doet de intake en traint en begeleidt de vrijwilligers.'],
    ['Professional (paid staff)', 'A paid employee of our organisation. They do the intake and train and coach the volunteers.'],
    ['beroepskracht', 'beroepskrachten'],
  ),
  T(
    'tevredenheidsmonitor',
    'naast',
    ['Tevredenheidsmonitor', 'Een korte vragenlijst aan het einde van de ondersteuning. U vertelt wat u ervan vond, zodat wij ons werk kunnen verbeteren. Uw antwoorden worden apart van uw dossier bewaard.'],
    ['Satisfaction survey', 'A short questionnaire at the end of the support. You tell us what you thought of it, so we can improve our work. Your answers are kept apart from your file.'],
    ['tevredenheidsmonitor', 'tevredenheidsonderzoek'],
  ),
];

// ── Finding terms in free text ────────────────────────────────────────────────────────────────────

export interface TTermMatch {
  start: number;
  end: number;
  termId: string;
}

/** One character folded for comparison: lower case, accents off. Keeps one UTF-16 unit per unit so indexes map back. */
function foldChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
  if (code >= 0xd800 && code <= 0xdfff) return c; // half of a surrogate pair: compare as is
  const lower = c.toLowerCase();
  const base = (lower.length === 1 ? lower : c).normalize('NFD')[0]!;
  return base;
}

/** Folds a whole string (lower case, no accents, one space between words) for searching. */
export function foldText(s: string): string {
  let out = '';
  for (const c of s.normalize('NFC')) out += c.length === 1 ? foldChar(c) : c;
  return out.replace(/\s+/g, ' ').trim();
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}\p{M}]/u.test(c);
const isMark = (c: string | undefined) => c !== undefined && /\p{M}/u.test(c);
const isSpace = (c: string | undefined) => c !== undefined && /\s/u.test(c);

/** A compiled form: per character the folded char and whether it must match exactly. */
interface Pattern {
  termId: string;
  chars: Array<{ exact: boolean; c: string }>;
  size: number;
}

function compile(form: string, termId: string, exactCase: boolean): Pattern {
  const text = form.normalize('NFC').replace(/\s+/g, ' ').trim();
  // Words written in capitals (two or more letters, none lower case): OTS, GI, MUHP.
  const capsWords = new Set<number>();
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (/\p{Lu}.*\p{Lu}/u.test(w) && !/\p{Ll}/u.test(w)) for (let i = 0; i < w.length; i++) capsWords.add(m.index + i);
  }
  const chars = [...text].map((c, i) => (exactCase || capsWords.has(i) ? { exact: true, c } : { exact: false, c: c.length === 1 ? foldChar(c) : c }));
  return { termId, chars, size: chars.length };
}

interface Matcher {
  /** Patterns by their first folded character, longest first. */
  byFirst: Map<string, Pattern[]>;
}

const matcherCache = new WeakMap<readonly TGlossaryTerm[], Matcher>();

function matcherFor(terms: readonly TGlossaryTerm[]): Matcher {
  let m = matcherCache.get(terms);
  if (m) return m;
  const byFirst = new Map<string, Pattern[]>();
  for (const term of terms) {
    for (const form of term.forms) {
      const p = compile(form, term.id, term.exactCase === true);
      if (p.size === 0) continue;
      const first = p.chars[0]!.exact ? foldChar(p.chars[0]!.c) : p.chars[0]!.c;
      const list = byFirst.get(first) ?? [];
      list.push(p);
      byFirst.set(first, list);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.size - a.size);
  m = { byFirst };
  matcherCache.set(terms, m);
  return m;
}

/** Where pattern p matches text at i (a space in the pattern matches any run of white space), or -1. */
function matchAt(text: string, i: number, p: Pattern): number {
  let j = i;
  for (const pc of p.chars) {
    if (pc.c === ' ') {
      if (!isSpace(text[j])) return -1;
      while (isSpace(text[j])) j++;
      continue;
    }
    const tc = text[j];
    if (tc === undefined) return -1;
    if (pc.exact ? tc !== pc.c : foldChar(tc) !== pc.c) return -1;
    j++;
    if (!pc.exact) while (isMark(text[j])) j++;
  }
  return isWordChar(text[j]) ? -1 : j;
}

/**
 * The known terms in `text`: whole words only, case and accents ignored except for words in capitals
 * (so 'gi' in ordinary text is not the GI) and for exact-case names; at each place the longest form
 * wins, matches never overlap, in text order.
 */
export function findTerms(text: string, terms: readonly TGlossaryTerm[] = GLOSSARY): TTermMatch[] {
  const { byFirst } = matcherFor(terms);
  const out: TTermMatch[] = [];
  // Indexes refer to the text as given (not normalised): decomposed accents are skipped while matching.
  const src = text;
  let i = 0;
  while (i < src.length) {
    if (!isWordChar(src[i]) || (i > 0 && isWordChar(src[i - 1]))) {
      i++;
      continue;
    }
    let found: TTermMatch | undefined;
    for (const p of byFirst.get(foldChar(src[i]!)) ?? []) {
      const end = matchAt(src, i, p);
      if (end > 0 && (!found || end > found.end)) found = { start: i, end, termId: p.termId };
    }
    if (found) {
      out.push(found);
      i = found.end;
    } else i++;
  }
  return out;
}

// ── Search (the page and the API rank the same way) ───────────────────────────────────────────────

/** Whether needle occurs in hay where a word starts. */
function atWordStart(hay: string, needle: string): boolean {
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) if (!isWordChar(hay[i - 1])) return true;
  return false;
}

export type TGlossaryLang = 'nl' | 'en';

/**
 * Terms matching `q` in term, forms or explanation (case and accents ignored), best first:
 * 0 the term starts with q or a form is q; 1 a word of the term or a form starts with q;
 * 2 the term or a form contains q; 3 a word of the explanation starts with q. Ties in A–Z order.
 * An empty q gives every term A–Z.
 */
export function searchGlossary(q: string, lang: TGlossaryLang, terms: readonly TGlossaryTerm[] = GLOSSARY): TGlossaryTerm[] {
  const needle = foldText(q);
  const byName = (a: TGlossaryTerm, b: TGlossaryTerm) => a[lang].term.localeCompare(b[lang].term, lang === 'nl' ? 'nl' : 'en', { sensitivity: 'base' });
  if (!needle) return [...terms].sort(byName);
  const ranked: Array<{ term: TGlossaryTerm; rank: number }> = [];
  for (const term of terms) {
    const name = foldText(term[lang].term);
    const names = [name, foldText(term.nl.term), ...term.forms.map(foldText)];
    const wordStarts = (s: string) => s.split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(needle));
    let rank: number;
    if (name.startsWith(needle) || names.includes(needle)) rank = 0;
    else if (names.some((n) => n.startsWith(needle) || wordStarts(n))) rank = 1;
    else if (names.some((n) => n.includes(needle))) rank = 2;
    // In running text only the start of a word counts: 'ots' must not find 'botsen'.
    else if (atWordStart(foldText(term[lang].explanation), needle) || atWordStart(foldText(term.en.term), needle)) rank = 3;
    else continue;
    ranked.push({ term, rank });
  }
  return ranked.sort((a, b) => a.rank - b.rank || byName(a.term, b.term)).map((r) => r.term);
}

export function glossaryTerm(id: string, terms: readonly TGlossaryTerm[] = GLOSSARY): TGlossaryTerm | undefined {
  return terms.find((t) => t.id === id);
}

// ── API contract ──────────────────────────────────────────────────────────────────────────────────

export const ZGlossaryLang = z.enum(['nl', 'en']);

export const ZGlossaryQuery = z.strictObject({
  q: z.string().max(100).optional(),
  /** Language of term and explanation; without it, the request's language (Accept-Language). */
  lang: ZGlossaryLang.optional(),
});
export type TGlossaryQuery = z.infer<typeof ZGlossaryQuery>;

export const ZGlossaryIdParams = z.strictObject({ id: z.string().min(1).max(80) });
export const ZGlossaryEntryQuery = z.strictObject({ lang: ZGlossaryLang.optional() });

export const ZGlossaryEntry = z.object({
  id: z.string(),
  category: z.enum(GLOSSARY_CATEGORIES),
  /** Term and explanation in the requested language. */
  term: z.string(),
  explanation: z.string(),
  /** The Dutch term, as it appears in letters and reports (also in an English answer). */
  dutchTerm: z.string(),
  /** Forms recognised in Dutch text. */
  forms: z.array(z.string()),
});
export type TGlossaryEntry = z.infer<typeof ZGlossaryEntry>;

export const ZGlossaryList = z.object({ lang: ZGlossaryLang, items: z.array(ZGlossaryEntry) });
export type TGlossaryList = z.infer<typeof ZGlossaryList>;

export function toGlossaryEntry(term: TGlossaryTerm, lang: TGlossaryLang): TGlossaryEntry {
  return { id: term.id, category: term.category, term: term[lang].term, explanation: term[lang].explanation, dutchTerm: term.nl.term, forms: [...term.forms] };
}
