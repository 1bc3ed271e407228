import { addMessages } from '../../platform/i18n/index.js';
import { CONSENT_MESSAGES } from '../../shared/consent.js';

// Texts of the consent register (Dutch B1 first, English beside it). No names or data in them.
addMessages('nl', {
  'problem.consent_already_revoked.title': 'Deze toestemming is al ingetrokken',
  'problem.consent_already_revoked.detail': 'U hoeft niets meer te doen. Er wordt niets meer gedeeld met deze toestemming.',
  'problem.consent_history_kept.title': 'Deze toestemming kan niet veranderen',
  'problem.consent_history_kept.detail': 'Een toestemming blijft bewaard zoals hij is gegeven. U kunt hem alleen intrekken, één keer.',
  'problem.consent_no_trajectory.title': 'U hebt nog geen traject',
  'problem.consent_no_trajectory.detail': 'U kunt toestemming geven zodra uw traject bij ons is begonnen.',
  [CONSENT_MESSAGES.untilBeforeFrom]: 'De einddatum moet op of na de begindatum liggen.',
  [CONSENT_MESSAGES.duplicateCategory]: 'Kies elk soort gegevens maar één keer.',
  [CONSENT_MESSAGES.unknownRecipient]: 'Deze ontvanger hoort niet bij dit traject. Kies een ontvanger uit de lijst.',
});

addMessages('en', {
  'problem.consent_already_revoked.title': 'This consent has already been withdrawn',
  'problem.consent_already_revoked.detail': 'There is nothing left to do. Nothing more is shared with this consent.',
  'problem.consent_history_kept.title': 'This consent cannot change',
  'problem.consent_history_kept.detail': 'A consent is kept as it was given. It can only be withdrawn, once.',
  'problem.consent_no_trajectory.title': 'You have no trajectory yet',
  'problem.consent_no_trajectory.detail': 'You can give consent once your trajectory with us has started.',
  [CONSENT_MESSAGES.untilBeforeFrom]: 'The end date must be on or after the start date.',
  [CONSENT_MESSAGES.duplicateCategory]: 'Choose each kind of data only once.',
  [CONSENT_MESSAGES.unknownRecipient]: 'This recipient is not part of this trajectory. Choose a recipient from the list.',
});
