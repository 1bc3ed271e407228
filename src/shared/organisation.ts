import { z } from 'zod';
import { ZId } from './common.js';

export const ZFunding = z.enum(['subsidy', 'per_trajectory']);
export const ZMunicipalityCode = z.string().regex(/^GM\d{4}$/);

export const ZLocation = z.object({ id: ZId, name: z.string() });
export type TLocation = z.infer<typeof ZLocation>;
/** purchaseAgreement: a per-trajectory municipality pays only under a purchase agreement (inkoopafspraak). */
export const ZWorkAreaEntry = z.object({ municipalityCode: ZMunicipalityCode, municipalityName: z.string(), locationId: ZId, funding: ZFunding, purchaseAgreement: z.boolean() });
export type TWorkAreaEntry = z.infer<typeof ZWorkAreaEntry>;
/** Service norms per organisation (stored in organisations.settings). */
export const FIRST_CONTACT_WORKING_DAYS = { default: 2, min: 1, max: 10 } as const;
export const MAX_FAMILIES_PER_VOLUNTEER = { default: 3, min: 1, max: 10 } as const;
export const ZFirstContactWorkingDays = z.number().int().min(FIRST_CONTACT_WORKING_DAYS.min).max(FIRST_CONTACT_WORKING_DAYS.max);
export const ZMaxFamiliesPerVolunteer = z.number().int().min(MAX_FAMILIES_PER_VOLUNTEER.min).max(MAX_FAMILIES_PER_VOLUNTEER.max);
/** Trajectory norms (issue 5): a trajectory longer than this is flagged (seeds 000/001: about 8 months). */
export const TRAJECTORY_NORM_MONTHS = { default: 8, min: 3, max: 24 } as const;
/** Aftercare (nazorg) after closing; 0 means the organisation offers none (the trajectory ends the next night). */
export const AFTERCARE_MONTHS_SETTING = { default: 12, min: 0, max: 36 } as const;
export const ZTrajectoryNormMonths = z.number().int().min(TRAJECTORY_NORM_MONTHS.min).max(TRAJECTORY_NORM_MONTHS.max);
export const ZAftercareMonths = z.number().int().min(AFTERCARE_MONTHS_SETTING.min).max(AFTERCARE_MONTHS_SETTING.max);
/**
 * Retention (issue 6): months a dossier is kept after aftercare ended; then it is erased. Naast is
 * not a care provider, so no statutory 20 years: keep data no longer than needed (AVG art. 5(1)(e)).
 */
export const RETENTION_MONTHS_SETTING = { default: 24, min: 1, max: 120 } as const;
export const ZRetentionMonths = z.number().int().min(RETENTION_MONTHS_SETTING.min).max(RETENTION_MONTHS_SETTING.max);
export const ZOrganisationSettings = z.object({
  name: z.string(),
  locations: z.array(ZLocation),
  workArea: z.array(ZWorkAreaEntry),
  /** First contact with a new application within this many Dutch working days (default 2). */
  firstContactWorkingDays: ZFirstContactWorkingDays,
  /** A volunteer's caseload limit (default 3). */
  maxFamiliesPerVolunteer: ZMaxFamiliesPerVolunteer,
  /** A trajectory older than this many months shows the over-norm signal (default 8). */
  trajectoryNormMonths: ZTrajectoryNormMonths,
  /** Months of aftercare after closing (default 12). */
  aftercareMonths: ZAftercareMonths,
  /** Months a dossier is kept after aftercare ended (default 24). */
  retentionMonths: ZRetentionMonths,
});
export type TOrganisationSettings = z.infer<typeof ZOrganisationSettings>;

/** Every field optional: send what changes. */
export const ZUpdateOrganisationRequest = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  firstContactWorkingDays: ZFirstContactWorkingDays.optional(),
  maxFamiliesPerVolunteer: ZMaxFamiliesPerVolunteer.optional(),
  trajectoryNormMonths: ZTrajectoryNormMonths.optional(),
  aftercareMonths: ZAftercareMonths.optional(),
  retentionMonths: ZRetentionMonths.optional(),
});
export type TUpdateOrganisationRequest = z.infer<typeof ZUpdateOrganisationRequest>;
export const ZLocationRequest = z.strictObject({ name: z.string().trim().min(1).max(80) });
export const ZWorkAreaRequest = z.strictObject({ locationId: ZId, funding: ZFunding, purchaseAgreement: z.boolean().default(false) });
export const ZMunicipalityCodeParams = z.strictObject({ code: ZMunicipalityCode });
export const ZMunicipality = z.object({ code: ZMunicipalityCode, name: z.string(), province: z.string() });
export type TMunicipality = z.infer<typeof ZMunicipality>;
/** Reference list (~350 rows): the default limit returns all of them in one page. */
export const ZMunicipalitiesQuery = z.strictObject({
  province: z.string().max(40).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
});
