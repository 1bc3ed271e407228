import { addMessages } from '../../platform/i18n/index.js';

// Problems of the privacy module (issue 6), Dutch (B1) first.
addMessages('nl', {
  'problem.privacy_no_family.title': 'Er is geen traject',
  'problem.privacy_no_family.detail': 'U kunt dit pas vragen als u een traject bij ons hebt.',
  'problem.privacy_request_decided.title': 'Hier is al over besloten',
  'problem.privacy_request_decided.detail': 'Over dit verzoek is al een besluit genomen.',
  'problem.privacy_dossier_erased.title': 'Dit dossier is verwijderd',
  'problem.privacy_dossier_erased.detail': 'De gegevens van dit gezin zijn al verwijderd.',
  'problem.legal_hold_lifted.title': 'Deze bewaarplicht is al opgeheven',
  'problem.legal_hold_lifted.detail': 'Deze bewaarplicht is al opgeheven. Er is niets meer te doen.',
  'field.privacy_note_required': 'Schrijf waarom u het verzoek afwijst.',
  'field.privacy_item_unknown': 'Dit onderdeel hoort niet bij uw dossier. Kies een onderdeel uit de lijst.',
});

addMessages('en', {
  'problem.privacy_no_family.title': 'There is no trajectory',
  'problem.privacy_no_family.detail': 'You can ask this once you have a trajectory with us.',
  'problem.privacy_request_decided.title': 'This was already decided',
  'problem.privacy_request_decided.detail': 'A decision on this request has already been made.',
  'problem.privacy_dossier_erased.title': 'This dossier was erased',
  'problem.privacy_dossier_erased.detail': 'The data of this family has already been erased.',
  'problem.legal_hold_lifted.title': 'This legal hold was already lifted',
  'problem.legal_hold_lifted.detail': 'This legal hold was already lifted. There is nothing left to do.',
  'field.privacy_note_required': 'Write why you reject the request.',
  'field.privacy_item_unknown': 'This item is not part of your dossier. Choose an item from the list.',
});
