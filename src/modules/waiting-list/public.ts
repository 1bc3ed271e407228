// What other modules may use of the waiting-list module (issue 6: the parent's home shows the place).
export { waitingPlaceOf } from './parent.js';
