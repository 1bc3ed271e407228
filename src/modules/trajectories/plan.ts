import type { Executor } from '../../platform/db/index.js';
import type { TFamilyMember, THelpQuestion } from '../../shared/trajectories.js';

// Stub (issue 5): the plan owner fills these in; the dossier (service.ts) calls them.

/** The family map of one trajectory, in position order. */
export async function listFamilyMap(_tx: Executor, _orgId: string, _trajectoryId: string): Promise<TFamilyMember[]> {
  return [];
}

/** The help questions with their self-reliance scores (oldest first), in position order. */
export async function listHelpQuestions(_tx: Executor, _orgId: string, _trajectoryId: string): Promise<THelpQuestion[]> {
  return [];
}
