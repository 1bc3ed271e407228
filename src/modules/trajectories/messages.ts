import { addMessages } from '../../platform/i18n/index.js';

addMessages('nl', {
  'problem.trajectory_exists.title': 'Dit gezin heeft al een traject',
  'problem.trajectory_exists.detail': 'Voor dit gezin is al een traject gestart.',
  'problem.trajectory_ended.title': 'Dit traject is afgesloten',
  'problem.trajectory_ended.detail': 'Een afgesloten traject kunt u alleen nog lezen.',
});
addMessages('en', {
  'problem.trajectory_exists.title': 'This family already has a trajectory',
  'problem.trajectory_exists.detail': 'A trajectory has already started for this family.',
  'problem.trajectory_ended.title': 'This trajectory has ended',
  'problem.trajectory_ended.detail': 'An ended trajectory can only be read.',
});
