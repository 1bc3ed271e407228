import { addMessages } from '../../platform/i18n/index.js';

// Problems and mails of the parent portal (issue 6). Mails to parents hold no personal details.
addMessages('nl', {
  'mail.parent_invitation.subject': 'Uitnodiging voor Naast',
  'mail.parent_invitation.body':
    'U bent uitgenodigd om Naast te gebruiken. In Naast ziet u wat er met uw gezin is afgesproken, en wie u kunt bellen.\n\nKlik op de link hieronder om een wachtwoord te kiezen. De link werkt {hours} uur en maar één keer.\n\n{link}\n\nKent u Naast niet? Dan kunt u deze mail weggooien.',
  'problem.parent_already_linked.title': 'Deze ouder heeft al een account',
  'problem.parent_already_linked.detail': 'Het gezin is al gekoppeld aan een account van een ouder. Een nieuwe uitnodiging is niet nodig.',
  'problem.parent_email_taken.title': 'Dit e-mailadres is al in gebruik',
  'problem.parent_email_taken.detail': 'Er bestaat al een account met dit e-mailadres. Kies een ander adres of vraag de beheerder om hulp.',
});
addMessages('en', {
  'mail.parent_invitation.subject': 'Invitation to Naast',
  'mail.parent_invitation.body':
    'You have been invited to use Naast. In Naast you see what was agreed with your family, and whom you can call.\n\nClick the link below to choose a password. The link works for {hours} hours and only once.\n\n{link}\n\nDo you not know Naast? Then you can throw this mail away.',
  'problem.parent_already_linked.title': 'This parent already has an account',
  'problem.parent_already_linked.detail': 'The family is already linked to a parent account. A new invitation is not needed.',
  'problem.parent_email_taken.title': 'This e-mail address is already in use',
  'problem.parent_email_taken.detail': 'There already is an account with this e-mail address. Choose another address or ask the administrator for help.',
});
