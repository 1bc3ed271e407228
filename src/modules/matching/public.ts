// What other modules may use of the matching module.
// takeCaseload: a relapse in aftercare re-opens support with the same volunteer (satisfaction module).
export { locationCapacity, releaseSlot as releaseCaseload, takeSlot as takeCaseload } from './repository.js';
export { todayInAmsterdam } from './service.js';
export { matchingPersonalData } from './personal-data.js';
