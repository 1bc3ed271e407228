import { addMessages } from '../../platform/i18n/index.js';

// Texts of measures, decisions and deadlines (Dutch B1 first, English beside it).
// Reminder mails carry no personal data: only the family reference, the date and a link.
addMessages('nl', {
  'field.ends_before_start': 'De einddatum ligt vóór de begindatum. Kies een einddatum op of na de begindatum.',
  'field.required_for_rule': 'Deze datum is nodig om de termijn te berekenen. Vul de datum in.',
  'field.unknown_measure': 'Deze maatregel hoort niet bij dit gezin. Kies een maatregel uit de lijst.',
  'mail.deadline_reminder.subject': 'Herinnering: termijn voor gezin {reference}',
  'mail.deadline_reminder.body':
    'Goedendag,\n\nVoor gezin {reference} komt een termijn eraan op {date}.\n\nBekijk het dossier in Naast:\n\n{link}\n\nU krijgt deze e-mail omdat u dit gezin begeleidt of de vrijwilliger coacht.',
  'calendar.meeting': 'Gesprek',
  'calendar.manual': 'Eigen termijn',
  'calendar.name': 'Naast – termijnen en gesprekken',
});
addMessages('en', {
  'field.ends_before_start': 'The end date is before the start date. Choose an end date on or after the start date.',
  'field.required_for_rule': 'This date is needed to compute the deadline. Please fill it in.',
  'field.unknown_measure': 'This measure does not belong to this family. Choose a measure from the list.',
  'mail.deadline_reminder.subject': 'Reminder: deadline for family {reference}',
  'mail.deadline_reminder.body':
    'Hello,\n\nA deadline is coming up on {date} for family {reference}.\n\nSee the file in Naast:\n\n{link}\n\nYou receive this email because you support this family or coach its volunteer.',
  'calendar.meeting': 'Meeting',
  'calendar.manual': 'Own deadline',
  'calendar.name': 'Naast – deadlines and meetings',
});
