import type { TTrajectoryDossier } from '../../../shared/trajectories.js';

/** Issue 6 dossier section, being built. */
export function HoldSection(_props: { dossier: TTrajectoryDossier; reason?: string; onChanged: () => void }) {
  return null;
}
