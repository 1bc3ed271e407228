import { addMessages } from '../../platform/i18n/index.js';

// Texts of the Houvast plan, meetings and agreements (Dutch B1 first, English beside it).
// Field errors only: these parts add no problem codes of their own (ended trajectory: messages.ts).
addMessages('nl', {
  'field.score_date_in_future': 'Deze datum ligt in de toekomst. Vul de dag in waarop u de score gaf.',
  'field.agreement_meeting_unknown': 'Dit gesprek hoort niet bij dit traject. Kies een gesprek uit de lijst.',
});
addMessages('en', {
  'field.score_date_in_future': 'This date is in the future. Enter the day the score was given.',
  'field.agreement_meeting_unknown': 'This meeting does not belong to this trajectory. Choose a meeting from the list.',
});
