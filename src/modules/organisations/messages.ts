import { addMessages } from '../../platform/i18n/index.js';

// Problem texts of the organisation settings (Dutch B1 first, English beside it).
addMessages('nl', {
  'problem.location_in_use.title': 'Deze locatie is nog in gebruik',
  'problem.location_in_use.detail': 'Er zijn nog gemeenten, medewerkers of uitnodigingen aan deze locatie gekoppeld. Koppel die eerst aan een andere locatie.',
  'problem.location_name_taken.title': 'Deze naam bestaat al',
  'problem.location_name_taken.detail': 'Er is al een locatie met deze naam. Kies een andere naam.',
  'problem.work_area_in_use.title': 'Deze gemeente is nog in gebruik',
  'problem.work_area_in_use.detail': 'Er zijn nog financiers of uitnodigingen voor deze gemeente. Pas die eerst aan.',
  'field.unknown_location': 'Deze locatie bestaat niet (meer). Kies een locatie uit de lijst.',
});
addMessages('en', {
  'problem.location_in_use.title': 'This location is still in use',
  'problem.location_in_use.detail': 'Municipalities, staff or invitations are still linked to this location. Link them to another location first.',
  'problem.location_name_taken.title': 'This name already exists',
  'problem.location_name_taken.detail': 'There is already a location with this name. Choose another name.',
  'problem.work_area_in_use.title': 'This municipality is still in use',
  'problem.work_area_in_use.detail': 'There are still funders or invitations for this municipality. Change those first.',
  'field.unknown_location': 'This location does not exist (any more). Choose a location from the list.',
});
