import type { ScheduledJob } from './platform/jobs/index.js';
import { platformJobs } from './platform/jobs/housekeeping.js';
import { intakeJobs } from './modules/intake/reminders.js';
import { legalJobs } from './modules/legal/reminders.js';
import { satisfactionJobs } from './modules/satisfaction/public.js';
import { trajectoryJobs } from './modules/trajectories/service.js';
import { privacyJobs } from './modules/privacy/retention.js';

/** Every scheduled background job, like plugins.ts lists the HTTP entries. Started by main.ts (not by buildApp). */
export const scheduledJobs: readonly ScheduledJob[] = [...platformJobs, ...intakeJobs, ...trajectoryJobs, ...legalJobs, ...satisfactionJobs, ...privacyJobs];
