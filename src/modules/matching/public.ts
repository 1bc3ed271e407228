// What other modules may use of the matching module.
export { locationCapacity, releaseSlot as releaseCaseload } from './repository.js';
export { todayInAmsterdam } from './service.js';
