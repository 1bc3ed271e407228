import { addMessages } from '../../platform/i18n/index.js';

// Texts of neutral reports (Dutch B1 first, English beside it). The mail to the parent says only
// that a report is waiting, with a link: never its content, the meeting or the family.
addMessages('nl', {
  'problem.report_exists.title': 'Dit gesprek heeft al een verslag',
  'problem.report_exists.detail': 'Er is al een verslag van dit gesprek. Open dat verslag en maak daar een nieuwe versie.',
  'problem.report_final.title': 'Dit verslag is definitief',
  'problem.report_final.detail': 'De ouder is akkoord gegaan. Een definitief verslag kan niet meer veranderen.',
  'problem.report_with_parent.title': 'Het verslag ligt bij de ouder',
  'problem.report_with_parent.detail': 'Wacht tot de ouder heeft gereageerd. Daarna kunt u een nieuwe versie maken.',
  'problem.report_parent_no_account.title': 'De ouder heeft nog geen account',
  'problem.report_parent_no_account.detail': 'Het verslag kan pas naar de ouder als de ouder een account in Naast heeft. Vraag de coördinator om de ouder uit te nodigen.',
  'problem.report_not_with_parent.title': 'U hebt al gereageerd',
  'problem.report_not_with_parent.detail': 'Op dit verslag is al gereageerd. Er is niets meer te doen.',
  'field.report_meeting_unknown': 'Dit gesprek hoort niet bij dit traject. Kies een gesprek uit de lijst.',
  'reports.commentRequired': 'Schrijf wat u wilt toevoegen of veranderen.',
  'mail.report_ready.subject': 'Er staat iets nieuws voor u klaar in Naast',
  'mail.report_ready.body': 'Er staat iets nieuws voor u klaar in Naast.\n\nKijk hier:\n{link}',
});

addMessages('en', {
  'problem.report_exists.title': 'This meeting already has a report',
  'problem.report_exists.detail': 'There is already a report of this meeting. Open it and make a new version there.',
  'problem.report_final.title': 'This report is final',
  'problem.report_final.detail': 'The parent agreed. A final report can no longer change.',
  'problem.report_with_parent.title': 'The report is with the parent',
  'problem.report_with_parent.detail': 'Wait until the parent has responded. Then you can make a new version.',
  'problem.report_parent_no_account.title': 'The parent has no account yet',
  'problem.report_parent_no_account.detail': 'The report can only go to the parent once they have an account in Naast. Ask the coordinator to invite the parent.',
  'problem.report_not_with_parent.title': 'You have already responded',
  'problem.report_not_with_parent.detail': 'This report already has a response. There is nothing left to do.',
  'field.report_meeting_unknown': 'This meeting is not part of this trajectory. Choose a meeting from the list.',
  'reports.commentRequired': 'Write what you want to add or change.',
  'mail.report_ready.subject': 'There is something new for you in Naast',
  'mail.report_ready.body': 'There is something new for you in Naast.\n\nHave a look here:\n{link}',
});

// The exported file (PDF/DOCX), in the language of the one who exports it.
addMessages('nl', {
  'export.report.title': 'Verslag van een gesprek',
  'export.report.meeting_at': 'Gesprek op {date}',
  'export.report.version': 'Versie {version}',
  'export.report.status.draft': 'Concept: de ouder heeft dit nog niet goedgekeurd',
  'export.report.status.with_parent': 'Ligt bij de ouder om te lezen',
  'export.report.status.final': 'Definitief: de ouder is akkoord',
  'export.report.internal': 'Alleen voor intern gebruik. Niet delen buiten de organisatie zonder toestemming van de ouder.',
});
addMessages('en', {
  'export.report.title': 'Report of a meeting',
  'export.report.meeting_at': 'Meeting on {date}',
  'export.report.version': 'Version {version}',
  'export.report.status.draft': 'Draft: the parent has not approved this yet',
  'export.report.status.with_parent': 'With the parent to read',
  'export.report.status.final': 'Final: the parent agreed',
  'export.report.internal': 'For internal use only. Do not share outside the organisation without the parent\'s consent.',
});
