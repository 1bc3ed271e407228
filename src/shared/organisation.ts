import { z } from 'zod';
import { ZId } from './common.js';

export const ZFunding = z.enum(['subsidy', 'per_trajectory']);
export const ZMunicipalityCode = z.string().regex(/^GM\d{4}$/);

export const ZLocation = z.object({ id: ZId, name: z.string() });
export type TLocation = z.infer<typeof ZLocation>;
export const ZWorkAreaEntry = z.object({ municipalityCode: ZMunicipalityCode, municipalityName: z.string(), locationId: ZId, funding: ZFunding });
export type TWorkAreaEntry = z.infer<typeof ZWorkAreaEntry>;
export const ZOrganisationSettings = z.object({ name: z.string(), locations: z.array(ZLocation), workArea: z.array(ZWorkAreaEntry) });
export type TOrganisationSettings = z.infer<typeof ZOrganisationSettings>;

export const ZUpdateOrganisationRequest = z.strictObject({ name: z.string().trim().min(1).max(120) });
export const ZLocationRequest = z.strictObject({ name: z.string().trim().min(1).max(80) });
export const ZWorkAreaRequest = z.strictObject({ locationId: ZId, funding: ZFunding });
export const ZMunicipalityCodeParams = z.strictObject({ code: ZMunicipalityCode });
export const ZMunicipality = z.object({ code: ZMunicipalityCode, name: z.string(), province: z.string() });
export type TMunicipality = z.infer<typeof ZMunicipality>;
/** Reference list (~350 rows): the default limit returns all of them in one page. */
export const ZMunicipalitiesQuery = z.strictObject({
  province: z.string().max(40).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(500),
});
