import { recordAudit } from '../../platform/audit/index.js';
import { createUser } from '../../platform/auth/accounts.js';
import { sql } from 'drizzle-orm';
import { execRows, type Database } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { getMatchableApplication, listMatchableApplications } from '../intake/public.js';
import { makeDistance } from './distance.js';
import { allMunicipalities, insertMatch, selectProfile, takeSlot, upsertProfile, type ProfileValues } from './repository.js';
import { scorePair } from './scoring.js';
import { familyOf, todayInAmsterdam, volunteerOf } from './service.js';

interface DemoVolunteer {
  /** Clearly fictional: "(demo)" in the name, an address under demo.naast.nl. */
  displayName: string;
  email: string;
  locations: string[];
  profile: ProfileValues;
  /** Families they already support (from before Naast): makes one of them full. */
  activeFamilies?: number;
}

/** Volunteers at the three demo locations with varied experience, languages and hours; one full, one with a conflict. */
const VOLUNTEERS: DemoVolunteer[] = [
  {
    displayName: 'Anna Vrij (demo)',
    email: 'anna.vrij@demo.naast.nl',
    locations: ['Helmond'],
    profile: {
      homeMunicipalityCode: 'GM0762', // Deurne
      travelMunicipalities: ['GM0794', 'GM0743', 'GM0847'],
      hoursPerWeek: 6,
      maxFamilies: 3,
      measureExperience: ['guardianship', 'ots'],
      institutionExperience: ['William Schrikker Stichting (voorbeeld)'],
      languages: ['nl'],
    },
  },
  {
    displayName: 'Bram Peeters (demo)',
    email: 'bram.peeters@demo.naast.nl',
    locations: ['Helmond'],
    profile: {
      homeMunicipalityCode: 'GM1659', // Laarbeek
      travelMunicipalities: ['GM0794', 'GM1652'],
      hoursPerWeek: 10,
      maxFamilies: 2,
      measureExperience: ['ots', 'out_of_home_authorised', 'voluntary'],
      institutionExperience: ['Jeugdbescherming Brabant'],
      languages: ['nl', 'en'],
      // A former colleague works at this provider: never matched with its families.
      conflictInstitutions: ['Pleegzorg Voorbeeld'],
    },
  },
  {
    displayName: 'Karim Haddad (demo)',
    email: 'karim.haddad@demo.naast.nl',
    locations: ['Tilburg'],
    profile: {
      homeMunicipalityCode: 'GM0855',
      travelMunicipalities: ['GM0785', 'GM0824', 'GM0867'],
      hoursPerWeek: 8,
      maxFamilies: 3,
      measureExperience: ['ots', 'out_of_home_authorised'],
      institutionExperience: ['Jeugdbescherming Brabant', 'Pleegzorg Voorbeeld'],
      languages: ['nl', 'ar', 'fr'],
    },
  },
  {
    displayName: 'Els Smulders (demo)',
    email: 'els.smulders@demo.naast.nl',
    locations: ['Tilburg'],
    profile: {
      homeMunicipalityCode: 'GM0766', // Dongen
      travelMunicipalities: ['GM0855'],
      hoursPerWeek: 5,
      maxFamilies: 2,
      measureExperience: ['voluntary'],
      institutionExperience: [],
      languages: ['nl'],
    },
    activeFamilies: 2, // full
  },
  {
    displayName: 'Tom de Wit (demo)',
    email: 'tom.dewit@demo.naast.nl',
    locations: ["'s-Hertogenbosch"],
    profile: {
      homeMunicipalityCode: 'GM0796',
      travelMunicipalities: ['GM0865', 'GM0845', 'GM0797'],
      hoursPerWeek: 7,
      maxFamilies: 3,
      measureExperience: ['voluntary', 'youth_probation'],
      institutionExperience: ['Wijkteam (voorbeeld)'],
      languages: ['nl', 'en'],
      // Worked there until last year: a conflict of interest.
      conflictInstitutions: ['Jeugdbescherming Brabant'],
    },
  },
  {
    displayName: 'Ayşe Demir (demo)',
    email: 'ayse.demir@demo.naast.nl',
    locations: ["'s-Hertogenbosch", 'Tilburg'],
    profile: {
      homeMunicipalityCode: 'GM0828', // Oss
      travelMunicipalities: ['GM1948', 'GM0796', 'GM0855'],
      hoursPerWeek: 5,
      maxFamilies: 2,
      measureExperience: ['ots', 'out_of_home_unauthorised'],
      institutionExperience: ['Pleegzorg Voorbeeld'],
      languages: ['nl', 'tr'],
    },
  },
];

/** The demo volunteer account (issue 3) at Helmond. */
const DEMO_VOLUNTEER_PROFILE: ProfileValues = {
  homeMunicipalityCode: 'GM0794',
  travelMunicipalities: ['GM1652', 'GM0762', 'GM1771'],
  hoursPerWeek: 8,
  maxFamilies: 3,
  measureExperience: ['ots', 'out_of_home_authorised'],
  institutionExperience: ['Jeugdbescherming Brabant'],
  languages: ['nl', 'en'],
};

/**
 * Demo data of issue 4's matching: a profile for the demo volunteer, six fictional volunteers with
 * profiles at Helmond, Tilburg and 's-Hertogenbosch (one full, two with a conflict of interest), and
 * one pending match offered to the demo volunteer so their screen shows something. Runs after the
 * intake's demo families. The extra volunteers have no password: they cannot sign in.
 */
export async function seedDemoVolunteers(db: Database, orgId: string, locationIds: Record<string, string>, demoVolunteerUserId: string): Promise<void> {
  await db.withSystem(async (tx) => {
    const audit = (resourceType: string, resourceId: string, action: 'create' | 'update' = 'create', subjectId: string | null = resourceId) =>
      recordAudit(tx, { orgId, actorRole: 'system', subjectId, action, resourceType, resourceId, reason: 'demo data' });

    await upsertProfile(tx, orgId, demoVolunteerUserId, DEMO_VOLUNTEER_PROFILE);
    await audit('volunteer_profile', demoVolunteerUserId);
    for (const v of VOLUNTEERS) {
      const userId = await createUser(tx, {
        orgId,
        email: v.email,
        displayName: v.displayName,
        role: 'volunteer',
        locationIds: v.locations.map((l) => locationIds[l]).filter((id): id is string => !!id),
        isDemo: true,
      });
      await audit('user', userId);
      await upsertProfile(tx, orgId, userId, v.profile);
      if (v.activeFamilies) {
        for (let i = 0; i < v.activeFamilies; i++) await takeSlot(tx, orgId, userId);
      }
      await audit('volunteer_profile', userId);
    }

    // One family of Helmond's waiting list is offered to the demo volunteer (if the intake demo made one that fits).
    const helmond = locationIds.Helmond;
    if (!helmond) return;
    const today = todayInAmsterdam();
    const distance = makeDistance(await allMunicipalities(db, tx));
    const volunteer = await selectProfile(tx, orgId, demoVolunteerUserId);
    if (!volunteer) return;
    for (const app of await listMatchableApplications(tx, orgId, { locationIds: [helmond], today })) {
      const fresh = await getMatchableApplication(tx, orgId, app.id);
      if (!fresh) continue;
      const pair = scorePair(familyOf(fresh, today), volunteerOf(volunteer), distance);
      if (pair.exclusions.length || !(await takeSlot(tx, orgId, demoVolunteerUserId))) continue;
      const id = uuidv7();
      // The demo coordinator "confirmed" it.
      const [coordinator] = await execRows<{ id: string }>(tx, sql`select id::text from users where org_id = ${orgId} and role = 'coordinator' order by created_at, id limit 1`);
      await insertMatch(tx, { orgId, id, applicationId: app.id, volunteerUserId: demoVolunteerUserId, score: pair.score, reasons: pair.reasons, confirmedBy: coordinator?.id ?? demoVolunteerUserId, confirmedAt: new Date() });
      await audit('match', id, 'create', app.parentUserId);
      break;
    }
  });
}
