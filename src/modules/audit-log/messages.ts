import { addMessages } from '../../platform/i18n/index.js';

addMessages('nl', {
  'field.invalid_cursor': 'Deze vervolgcode klopt niet. Begin opnieuw bij de eerste pagina.',
  'field.range_reversed': 'De einddatum moet na de begindatum liggen.',
});
addMessages('en', {
  'field.invalid_cursor': 'This page code is not valid. Start again at the first page.',
  'field.range_reversed': 'The end date must be after the start date.',
});
