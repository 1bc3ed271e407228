import { addMessages } from '../i18n/index.js';

// Problems, field messages and mails of sign-in, two-factor, password reset and the own profile.
addMessages('nl', {
  'problem.weak_password.detail': 'Het wachtwoord is niet veilig genoeg. Lees hieronder wat er anders moet.',
  'problem.mfa_already_enrolled.title': 'Tweestapsverificatie staat al aan',
  'problem.mfa_already_enrolled.detail': 'U heeft al een authenticator-app gekoppeld.',
  'problem.mfa_not_enrolled.title': 'Tweestapsverificatie staat niet aan',
  'problem.mfa_not_enrolled.detail': 'Koppel eerst een authenticator-app.',
  'problem.mfa_enrolment_not_started.title': 'Koppelen is nog niet begonnen',
  'problem.mfa_enrolment_not_started.detail': 'Begin opnieuw met het koppelen van uw authenticator-app.',
  'problem.mfa_mandatory.title': 'Tweestapsverificatie is verplicht',
  'problem.mfa_mandatory.detail': 'Voor uw rol is tweestapsverificatie verplicht. U kunt het niet uitzetten.',
  'password.wrong_current': 'Uw huidige wachtwoord klopt niet.',
  'mail.reset.subject': 'Nieuw wachtwoord voor Naast / New password for Naast',
  'mail.reset.body':
    'Beste {name},\n\nU heeft gevraagd om een nieuw wachtwoord voor Naast. Klik op de link hieronder om een nieuw wachtwoord te kiezen. De link werkt 30 minuten en maar één keer.\n\n{link}\n\nHeeft u dit niet gevraagd? Dan hoeft u niets te doen. Uw wachtwoord blijft hetzelfde.',
});

addMessages('en', {
  'problem.weak_password.detail': 'The password is not safe enough. See below what to change.',
  'problem.mfa_already_enrolled.title': 'Two-step verification is already on',
  'problem.mfa_already_enrolled.detail': 'You have already linked an authenticator app.',
  'problem.mfa_not_enrolled.title': 'Two-step verification is not on',
  'problem.mfa_not_enrolled.detail': 'Link an authenticator app first.',
  'problem.mfa_enrolment_not_started.title': 'Linking has not started',
  'problem.mfa_enrolment_not_started.detail': 'Start linking your authenticator app again.',
  'problem.mfa_mandatory.title': 'Two-step verification is required',
  'problem.mfa_mandatory.detail': 'Two-step verification is required for your role. You cannot turn it off.',
  'password.wrong_current': 'Your current password is not correct.',
  'mail.reset.subject': 'Nieuw wachtwoord voor Naast / New password for Naast',
  'mail.reset.body':
    'Dear {name},\n\nYou asked for a new password for Naast. Click the link below to choose a new password. The link works for 30 minutes and only once.\n\n{link}\n\nDid you not ask for this? Then you do not need to do anything. Your password stays the same.',
});
