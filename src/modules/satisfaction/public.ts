import type { Executor } from '../../platform/db/index.js';
import type { Mailer } from '../../platform/mail/index.js';

// What other modules may use of the satisfaction module (issue 5).

/**
 * Stub, filled in by its owner: at closing, the parent gets a single-use link to the questionnaire
 * (tevredenheidsmonitor) by mail, without personal details in the mail. At most once per trajectory.
 * Runs in the caller's transaction.
 */
export async function inviteToQuestionnaire(_tx: Executor, _ctx: { mailer: Mailer; publicUrl: string }, _t: { orgId: string; trajectoryId: string; applicationId: string }): Promise<void> {}
