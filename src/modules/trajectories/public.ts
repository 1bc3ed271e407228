// What other modules may use of the trajectories module (issue 4: start one; issue 5 builds the rest).
export { startTrajectory, trajectoryIdOf, endedTrajectoryStats, type NewTrajectory } from './service.js';
