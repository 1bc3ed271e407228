import { addMessages } from '../i18n/index.js';

// Break-the-glass (relationship.ts). The reason lands in the audit trail, so the text asks for a work reason without names.
addMessages('nl', {
  'problem.reason_required.title': 'Geef een reden op',
  'problem.reason_required.detail':
    'Dit gegeven hoort bij een andere locatie dan die van u. U mag het alleen openen als u zegt waarom. Schrijf een reden van {minimum} tot {maximum} tekens, zonder namen. De reden wordt vastgelegd in het logboek.',
});
addMessages('en', {
  'problem.reason_required.title': 'Give a reason',
  'problem.reason_required.detail':
    'This record belongs to a location other than yours. You may open it only if you say why. Write a reason of {minimum} to {maximum} characters, without names. The reason is recorded in the audit log.',
});
