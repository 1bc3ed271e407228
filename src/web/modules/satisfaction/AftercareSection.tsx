import type { TTrajectoryDossier } from '../../../shared/trajectories.js';

// Stub (issue 5): filled in by its owner; the dossier page mounts it.
export function AftercareSection(_props: { dossier: TTrajectoryDossier; canWrite: boolean; reason?: string; onChanged: () => void }) {
  return null;
}
