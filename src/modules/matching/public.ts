// What other modules may use of the matching module.
export { locationCapacity } from './repository.js';
export { todayInAmsterdam } from './service.js';
