import { z } from 'zod';
import { ZId, ZText } from './common.js';
import { ZAccessReason } from './users.js';

/**
 * Measures, court decisions (beschikkingen) and deadlines (issue 5). DEADLINE_RULES is the ONE table
 * that says how a deadline is computed, with its legal source; routes, the reminder job, the calendar
 * feed and the web explain a deadline from here by its rule code. Pure: no server imports, no clock.
 * Dates are Amsterdam calendar dates `yyyy-mm-dd`; all arithmetic is on the calendar (UTC-based
 * date strings), so daylight-saving changes cannot shift a date.
 */

const ZDate = z.iso.date();
type Ymd = string;

// ---------------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------------

/** What starts a rule: a kind of court decision / event, or the end date of a measure. */
export const TRIGGERS = ['court_decision', 'written_instruction', 'hearing_scheduled', 'letter_received', 'municipal_decision', 'measure_end'] as const;
export type TDeadlineTrigger = (typeof TRIGGERS)[number];

export interface LegalSource {
  /** e.g. "Burgerlijk Wetboek Boek 1" */
  law: string;
  /** e.g. "art. 1:263a" */
  article: string;
  /** The law on wetten.overheid.nl (only where we are sure of it). */
  url?: string;
}

export interface DeadlineRule {
  code: string;
  trigger: TDeadlineTrigger;
  /** Which date of the trigger the offset counts from (the API field; a missing one is a 400 naming it). */
  from: 'decidedOn' | 'hearingOn' | 'endsOn';
  offset: { amount: number; unit: 'days' | 'weeks' | 'months'; direction: 'after' | 'before' };
  /**
   * A statutory term that ends on a Saturday, Sunday or general holiday runs on to the next day that is
   * none (Algemene termijnenwet, art. 1). Only for terms set by law, never for "before" dates.
   */
  atw: boolean;
  /** The user may give the date themselves (a letter that names its own answer date). */
  dueMayBeGiven?: boolean;
  /** How many days before the due date the volunteer and the coach get a mail. */
  remindDaysBefore: number;
  title: { nl: string; en: string };
  /** Plain language (B1): what the deadline means and what to do. */
  explanation: { nl: string; en: string };
  /** null when the date comes from practice or from the letter, not from a law article. */
  source: LegalSource | null;
}

const BW1 = 'https://wetten.overheid.nl/BWBR0002656/';
const RV = 'https://wetten.overheid.nl/BWBR0001827/';
const AWB = 'https://wetten.overheid.nl/BWBR0005537/';

export const DEADLINE_RULES = [
  {
    code: 'appeal_decision',
    trigger: 'court_decision',
    from: 'decidedOn',
    offset: { amount: 3, unit: 'months', direction: 'after' },
    atw: true,
    remindDaysBefore: 21,
    title: { nl: 'Termijn hoger beroep', en: 'Appeal deadline' },
    explanation: {
      nl: 'Bent u het niet eens met de beschikking van de rechter? Dan kunt u in hoger beroep gaan bij het gerechtshof. Dat moet binnen 3 maanden na de dag van de beschikking. U heeft daarvoor een advocaat nodig. Valt de laatste dag in het weekend of op een feestdag, dan mag het nog op de eerstvolgende werkdag.',
      en: 'If you disagree with the court decision, you can appeal to the court of appeal. This must be done within 3 months after the day of the decision, through a lawyer. If the last day is a weekend day or a public holiday, the next working day still counts.',
    },
    source: { law: 'Wetboek van Burgerlijke Rechtsvordering', article: 'art. 358 lid 1', url: RV },
  },
  {
    code: 'annul_written_instruction',
    trigger: 'written_instruction',
    from: 'decidedOn',
    offset: { amount: 2, unit: 'weeks', direction: 'after' },
    atw: true,
    remindDaysBefore: 5,
    title: { nl: 'Verzoek vervallenverklaring schriftelijke aanwijzing', en: 'Request to annul the written instruction' },
    explanation: {
      nl: 'De jeugdbeschermer heeft een schriftelijke aanwijzing gegeven. Dat is een opdracht die u moet opvolgen. Vindt u de aanwijzing niet terecht? Dan kunt u de kinderrechter vragen haar te laten vervallen. Dat moet binnen 2 weken na de dag dat u de aanwijzing kreeg.',
      en: 'The youth protection worker gave a written instruction: an order you have to follow. If you think it is wrong, you can ask the juvenile judge to annul it. You must do this within 2 weeks after the day you received it.',
    },
    source: { law: 'Burgerlijk Wetboek Boek 1', article: 'art. 1:263a', url: BW1 },
  },
  {
    code: 'hearing',
    trigger: 'hearing_scheduled',
    from: 'hearingOn',
    offset: { amount: 0, unit: 'days', direction: 'after' },
    atw: false,
    remindDaysBefore: 7,
    title: { nl: 'Zitting bij de rechter', en: 'Court hearing' },
    explanation: {
      nl: 'Op deze dag is de zitting bij de rechter. Bereid samen met de ouder voor wat zij willen zeggen. Stukken die de rechter moet lezen, stuurt u ruim voor de zitting op.',
      en: 'The court hearing is on this day. Prepare with the parent what they want to say. Send any documents the judge should read well before the hearing.',
    },
    source: null,
  },
  {
    code: 'letter_response',
    trigger: 'letter_received',
    from: 'decidedOn',
    offset: { amount: 2, unit: 'weeks', direction: 'after' },
    atw: false,
    dueMayBeGiven: true,
    remindDaysBefore: 4,
    title: { nl: 'Reactie op brief', en: 'Reply to letter' },
    explanation: {
      nl: 'Er is een brief gekomen waarop een reactie nodig is. Staat er een datum in de brief, dan geldt die datum. Staat er geen datum in, dan houden we 2 weken aan, zodat de reactie op tijd is.',
      en: 'A letter came that needs a reply. If the letter names a date, that date counts. If not, we keep 2 weeks so the reply is in time.',
    },
    source: null,
  },
  {
    code: 'objection_municipal_decision',
    trigger: 'municipal_decision',
    from: 'decidedOn',
    offset: { amount: 6, unit: 'weeks', direction: 'after' },
    atw: true,
    remindDaysBefore: 10,
    title: { nl: 'Termijn bezwaar tegen besluit gemeente', en: 'Objection deadline (municipal decision)' },
    explanation: {
      nl: 'De gemeente heeft een besluit genomen, bijvoorbeeld over jeugdhulp. Bent u het er niet mee eens? Dan kunt u bezwaar maken bij de gemeente. Dat moet binnen 6 weken na de dag dat het besluit is bekendgemaakt (meestal de datum van de brief).',
      en: 'The municipality made a decision, for example about youth care. If you disagree, you can object to the municipality. This must be done within 6 weeks after the day the decision was made known (usually the date of the letter).',
    },
    source: { law: 'Algemene wet bestuursrecht', article: 'art. 6:7 en 6:8', url: AWB },
  },
  {
    code: 'measure_end',
    trigger: 'measure_end',
    from: 'endsOn',
    offset: { amount: 0, unit: 'days', direction: 'after' },
    atw: false,
    remindDaysBefore: 28,
    title: { nl: 'Einde van de maatregel', en: 'End of the measure' },
    explanation: {
      nl: 'Op deze dag loopt de maatregel af (bijvoorbeeld de ondertoezichtstelling of de machtiging uithuisplaatsing), tenzij de rechter hem verlengt. Een ondertoezichtstelling duurt steeds hoogstens een jaar.',
      en: 'The measure (for example the family supervision order or the out-of-home placement authorisation) ends on this day unless the court extends it. A family supervision order lasts at most one year at a time.',
    },
    source: { law: 'Burgerlijk Wetboek Boek 1', article: 'art. 1:258 en 1:260', url: BW1 },
  },
  {
    code: 'extension_request_expected',
    trigger: 'measure_end',
    from: 'endsOn',
    offset: { amount: 6, unit: 'weeks', direction: 'before' },
    atw: false,
    remindDaysBefore: 14,
    title: { nl: 'Verzoek tot verlenging verwacht', en: 'Extension request expected' },
    explanation: {
      nl: 'Wil de gecertificeerde instelling de maatregel verlengen, dan vraagt zij dat meestal een aantal weken voor het einde aan de rechter. Vraag na of er een verzoek is gekomen. Dan kan de ouder een reactie (verweerschrift) voorbereiden en zich voorbereiden op de zitting. Deze datum is een richtdatum uit de praktijk, geen wettelijke termijn.',
      en: 'If the certified institution wants to extend the measure, it usually asks the court some weeks before the end. Check whether a request came, so the parent can prepare a response (statement of defence) and the hearing. This date is a working estimate from practice, not a legal deadline.',
    },
    source: null,
  },
] as const satisfies readonly DeadlineRule[];

export type TRuleCode = (typeof DEADLINE_RULES)[number]['code'];
export const RULE_CODES = DEADLINE_RULES.map((r) => r.code) as [TRuleCode, ...TRuleCode[]];
/** A deadline typed in by hand has no rule. */
export const MANUAL_RULE = 'manual';

export function ruleByCode(code: string): DeadlineRule | undefined {
  return (DEADLINE_RULES as readonly DeadlineRule[]).find((r) => r.code === code);
}

// ---------------------------------------------------------------------------------------------
// Date arithmetic (pure, calendar only)
// ---------------------------------------------------------------------------------------------

const parse = (ymd: Ymd) => ymd.split('-').map(Number) as [number, number, number];
const fmt = (d: Date) => d.toISOString().slice(0, 10);

export function plusDays(ymd: Ymd, n: number): Ymd {
  const [y, m, d] = parse(ymd);
  return fmt(new Date(Date.UTC(y, m - 1, d + n)));
}

/** n calendar months later (or earlier); a day that the month lacks becomes its last day (31 Jan + 1 month = 28/29 Feb). */
export function plusMonths(ymd: Ymd, n: number): Ymd {
  const [y, m, d] = parse(ymd);
  const lastDay = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return fmt(new Date(Date.UTC(y, m - 1 + n, Math.min(d, lastDay))));
}

/** Easter Sunday (anonymous Gregorian algorithm). */
function easter(year: number): Ymd {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The general holidays of the Algemene termijnenwet (art. 3): New Year, Easter Monday, Ascension Day,
 * Whit Monday, Christmas and Boxing Day, the King's birthday (27 April, or 26 April when the 27th is a
 * Sunday) and 5 May (Liberation Day). Easter and Whit Sunday are Sundays anyway.
 */
export function isAtwHoliday(ymd: Ymd): boolean {
  const [y] = parse(ymd);
  const e = easter(y);
  const kingsDay = new Date(Date.UTC(y, 3, 27)).getUTCDay() === 0 ? `${y}-04-26` : `${y}-04-27`;
  const fixed = [`${y}-01-01`, `${y}-05-05`, `${y}-12-25`, `${y}-12-26`, kingsDay];
  const moving = [plusDays(e, 1), plusDays(e, 39), plusDays(e, 50)];
  return fixed.includes(ymd) || moving.includes(ymd);
}

/** Algemene termijnenwet art. 1: a term ending on a Saturday, Sunday or general holiday runs to the next day that is none. */
export function atwEnd(ymd: Ymd): Ymd {
  let day = ymd;
  for (;;) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !isAtwHoliday(day)) return day;
    day = plusDays(day, 1);
  }
}

export interface ComputedDeadline {
  ruleCode: TRuleCode;
  dueOn: Ymd;
  /** The day the reminder mail goes out (never after the due date). */
  remindOn: Ymd;
}

/** The due date of one rule from its trigger date (or the date the user gave, where the rule allows). */
export function dueDate(rule: DeadlineRule, date: Ymd, given?: Ymd | null): Ymd {
  if (given && rule.dueMayBeGiven) return given;
  const { amount, unit, direction } = rule.offset;
  const n = direction === 'after' ? amount : -amount;
  const raw = unit === 'months' ? plusMonths(date, n) : plusDays(date, unit === 'weeks' ? 7 * n : n);
  return rule.atw ? atwEnd(raw) : raw;
}

/**
 * The deadlines a trigger creates on `date` (the decision date, the hearing date or the measure's end
 * date; see each rule's `from`). `given` is a due date the user named (a letter's own answer date).
 */
export function computeDeadlines(trigger: TDeadlineTrigger, date: Ymd, given?: Ymd | null): ComputedDeadline[] {
  return DEADLINE_RULES.filter((r) => r.trigger === trigger).map((rule) => {
    const dueOn = dueDate(rule, date, given);
    return { ruleCode: rule.code, dueOn, remindOn: plusDays(dueOn, -rule.remindDaysBefore) };
  });
}

/** Which trigger a court decision / event starts (plan_received and other start none). */
export function triggerOfDecision(kind: TDecisionKind, municipalDecision: boolean): TDeadlineTrigger | null {
  if (kind === 'letter_received') return municipalDecision ? 'municipal_decision' : 'letter_received';
  if (kind === 'court_decision' || kind === 'written_instruction' || kind === 'hearing_scheduled') return kind;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Contracts
// ---------------------------------------------------------------------------------------------

export const LEGAL_MEASURES = ['voluntary', 'ots', 'out_of_home_authorised', 'out_of_home_unauthorised', 'guardianship', 'youth_probation'] as const;
export const ZLegalMeasure = z.enum(LEGAL_MEASURES);
export const DECISION_KINDS = ['court_decision', 'written_instruction', 'hearing_scheduled', 'letter_received', 'plan_received', 'other'] as const;
export const ZDecisionKind = z.enum(DECISION_KINDS);
export type TDecisionKind = z.infer<typeof ZDecisionKind>;
export const DEADLINE_STATUSES = ['open', 'done', 'cancelled'] as const;
export const ZDeadlineStatus = z.enum(DEADLINE_STATUSES);

export const ZLegalAccessQuery = z.strictObject({ reason: ZAccessReason.optional() });

/** POST /trajectories/:id/measures */
export const ZMeasureRequest = z.strictObject({
  /** The child's first name only. */
  childName: ZText(100),
  measure: ZLegalMeasure,
  startsOn: ZDate,
  endsOn: ZDate.nullish(),
  note: ZText(2000).nullish(),
});
export type TMeasureRequest = z.infer<typeof ZMeasureRequest>;
/** PATCH /trajectories/:id/measures/:measureId */
export const ZMeasurePatch = ZMeasureRequest.partial();
export type TMeasurePatch = z.infer<typeof ZMeasurePatch>;

export const ZChildMeasure = z.object({
  id: ZId,
  childName: z.string(),
  measure: ZLegalMeasure,
  startsOn: ZDate,
  endsOn: ZDate.nullable(),
  note: z.string().nullable(),
});
export type TChildMeasure = z.infer<typeof ZChildMeasure>;

/** POST /trajectories/:id/decisions */
export const ZDecisionRequest = z.strictObject({
  kind: ZDecisionKind,
  /** The date of the decision, instruction or letter (for a hearing: the date of the summons). */
  decidedOn: ZDate,
  measureId: ZId.nullish(),
  summary: ZText(2000).nullish(),
  /** Required for kind hearing_scheduled. */
  hearingOn: ZDate.nullish(),
  /** A letter's own answer date, when it names one. */
  respondBy: ZDate.nullish(),
  /** A letter holding a decision of the municipality: objection (bezwaar) within 6 weeks. */
  municipalDecision: z.boolean().optional(),
});
export type TDecisionRequest = z.infer<typeof ZDecisionRequest>;

export const ZLegalSource = z.object({ law: z.string(), article: z.string(), url: z.string().nullable() });

export const ZDeadline = z.object({
  id: ZId,
  trajectoryId: ZId,
  ruleCode: z.string(),
  /** The rule's Dutch title, or the title typed in for a manual deadline. */
  title: z.string(),
  dueOn: ZDate,
  status: ZDeadlineStatus,
  overdue: z.boolean(),
  courtDecisionId: ZId.nullable(),
  measureId: ZId.nullable(),
  remindOn: ZDate.nullable(),
  reminderSent: z.boolean(),
  source: ZLegalSource.nullable(),
});
export type TDeadline = z.infer<typeof ZDeadline>;

export const ZDecision = z.object({
  id: ZId,
  kind: ZDecisionKind,
  decidedOn: ZDate,
  measureId: ZId.nullable(),
  summary: z.string().nullable(),
});
export type TDecision = z.infer<typeof ZDecision>;
/** The 201 of POST /decisions: the decision and the deadlines it started. */
export const ZDecisionCreated = ZDecision.extend({ deadlines: z.array(ZDeadline) });
export const ZMeasureSaved = ZChildMeasure.extend({ deadlines: z.array(ZDeadline) });

export const ZMeasureList = z.object({ items: z.array(ZChildMeasure) });
export const ZDecisionList = z.object({ items: z.array(ZDecision) });
export const ZDeadlineList = z.object({ items: z.array(ZDeadline) });

/** POST /trajectories/:id/deadlines (by hand) */
export const ZManualDeadlineRequest = z.strictObject({ title: ZText(200), dueOn: ZDate });
/** PATCH /trajectories/:id/deadlines/:deadlineId */
export const ZDeadlinePatch = z.strictObject({ status: ZDeadlineStatus });

/** GET /me/deadlines: upcoming (next 60 days, and overdue open ones) of the families I lead or coach. */
export const MY_DEADLINES_DAYS = 60;
export const ZMyDeadline = ZDeadline.extend({ reference: z.string() });
export type TMyDeadline = z.infer<typeof ZMyDeadline>;
export const ZMyDeadlineList = z.object({ items: z.array(ZMyDeadline) });

/** GET /me/calendar-feed: whether a feed exists (the URL is shown only once, at creation). */
export const ZCalendarFeedStatus = z.object({ active: z.boolean(), createdAt: z.string().nullable() });
/** POST /me/calendar-feed */
export const ZCalendarFeedCreated = z.object({ url: z.string() });
/** GET /calendar/:token.ics: any string; an unknown or malformed token reads as 404, never as 400. */
export const ZCalendarTokenParams = z.strictObject({ token: z.string().max(200) });
