import { addMessages } from '../../platform/i18n/index.js';

// Texts of the users admin (Dutch B1 first, English beside it). Mails carry no personal data beyond the greeting name.
addMessages('nl', {
  'problem.email_taken.title': 'Dit e-mailadres is al in gebruik',
  'problem.email_taken.detail': 'Er bestaat al een account of een openstaande uitnodiging voor dit e-mailadres.',
  'problem.last_admin.title': 'Er moet een beheerder overblijven',
  'problem.last_admin.detail': 'Dit is de laatste actieve beheerder. Maak eerst iemand anders beheerder.',
  'field.unknown_location': 'Deze locatie bestaat niet (meer). Kies een locatie uit de lijst.',
  'field.funder_municipality_required': 'Kies de gemeente van deze financier.',
  'field.funder_only': 'Alleen een financier hoort bij een gemeente.',
  'field.not_in_work_area': 'Deze gemeente hoort niet bij het werkgebied van uw organisatie.',
  'mail.invitation.subject': 'Uitnodiging voor Naast',
  'mail.invitation.body':
    'Beste {name},\n\n{org} nodigt u uit om Naast te gebruiken. Klik op de link hieronder en kies een wachtwoord:\n\n{link}\n\nDe link werkt één keer en is {hours} uur geldig. Kent u deze uitnodiging niet? Dan kunt u deze e-mail negeren.',
});
addMessages('en', {
  'problem.email_taken.title': 'This email address is already in use',
  'problem.email_taken.detail': 'There is already an account or a pending invitation for this email address.',
  'problem.last_admin.title': 'An administrator must remain',
  'problem.last_admin.detail': 'This is the last active administrator. Make someone else an administrator first.',
  'field.unknown_location': 'This location does not exist (any more). Choose a location from the list.',
  'field.funder_municipality_required': 'Choose the municipality of this funder.',
  'field.funder_only': 'Only a funder belongs to a municipality.',
  'field.not_in_work_area': "This municipality is not part of your organisation's work area.",
  'mail.invitation.subject': 'Invitation to Naast',
  'mail.invitation.body':
    'Dear {name},\n\n{org} invites you to use Naast. Click the link below and choose a password:\n\n{link}\n\nThe link works once and is valid for {hours} hours. Did you not expect this invitation? Then you can ignore this email.',
});
