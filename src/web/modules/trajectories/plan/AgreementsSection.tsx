import type { TTrajectoryDossier } from '../../../../shared/trajectories.js';

// Stub (issue 5): filled in by the plan screens' owner; Dossier.tsx mounts it.
export function AgreementsSection(_props: { dossier: TTrajectoryDossier; canWrite: boolean; onChanged: () => void }) {
  return null;
}
