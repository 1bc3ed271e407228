// What other modules (and the benchmark) may use of the users module.
export { selectUser as selectUserRecord } from './service.js';
