import { addMessages } from '../../platform/i18n/index.js';

// Texts of the satisfaction module (Dutch B1 first, English beside it). No personal data in any of them.
addMessages('nl', {
  'problem.questionnaire_not_found.title': 'Deze link werkt niet',
  'problem.questionnaire_not_found.detail': 'Wij kennen deze link niet. Kijk of u de hele link uit de e-mail heeft gebruikt.',
  'problem.questionnaire_used.title': 'Deze vragenlijst is al ingevuld',
  'problem.questionnaire_used.detail': 'Met deze link is de vragenlijst al ingevuld. Dank u wel! U kunt hem maar één keer gebruiken.',
  'problem.questionnaire_expired.title': 'Deze link is verlopen',
  'problem.questionnaire_expired.detail': 'De link is na 60 dagen niet meer geldig. U hoeft niets te doen.',
  'problem.aftercare_only.title': 'Alleen in de nazorg',
  'problem.aftercare_only.detail': 'Een vraag in de nazorg kan alleen als het traject in de fase nazorg is.',
  'problem.relapse_volunteer_full.title': 'De vrijwilliger heeft geen plek',
  'problem.relapse_volunteer_full.detail': 'De vrijwilliger heeft al het hoogste aantal gezinnen. Kies een andere vrijwilliger via matchen. Er is niets opgeslagen.',
  'mail.questionnaire.subject': 'Hoe was de steun?',
  'mail.questionnaire.body': 'Hoe was de steun? Vul de korte vragenlijst in: {link}\n\nU heeft geen account nodig. De link werkt één keer en 60 dagen lang. Uw antwoorden zijn anoniem.',
});

addMessages('en', {
  'problem.questionnaire_not_found.title': 'This link does not work',
  'problem.questionnaire_not_found.detail': 'We do not know this link. Check that you used the whole link from the e-mail.',
  'problem.questionnaire_used.title': 'This questionnaire has already been filled in',
  'problem.questionnaire_used.detail': 'The questionnaire has already been filled in with this link. Thank you! It can be used only once.',
  'problem.questionnaire_expired.title': 'This link has expired',
  'problem.questionnaire_expired.detail': 'The link is no longer valid after 60 days. You do not need to do anything.',
  'problem.aftercare_only.title': 'Only in aftercare',
  'problem.aftercare_only.detail': 'An aftercare request is only possible while the trajectory is in the aftercare phase.',
  'problem.relapse_volunteer_full.title': 'The volunteer has no place left',
  'problem.relapse_volunteer_full.detail': 'The volunteer already has the maximum number of families. Choose another volunteer through matching. Nothing was saved.',
  'mail.questionnaire.subject': 'How was the support?',
  'mail.questionnaire.body': 'How was the support? Please fill in the short questionnaire: {link}\n\nYou do not need an account. The link works once and for 60 days. Your answers are anonymous.',
});
