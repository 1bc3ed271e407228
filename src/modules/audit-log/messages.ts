import { addMessages } from '../../platform/i18n/index.js';

addMessages('nl', {
  'field.range_reversed': 'De einddatum moet na de begindatum liggen.',
});
addMessages('en', {
  'field.range_reversed': 'The end date must be after the start date.',
});
