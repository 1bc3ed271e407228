// What other modules and the platform may use from the organisations module.
export { createOrganisation, hasOrganisations, getOrganisationName, removeOrganisation, type NewOrganisation } from './service.js';
export { unknownLocationIds, inWorkArea, routeMunicipality, getServiceNorms, type ServiceNorms } from './settings.js';
export { serviceNormsColumn } from './settings.js';
export {
  locationNameColumn,
  municipalityByCode,
  municipalityCentres,
  municipalityNameColumn,
  unknownMunicipalityCodes,
  workAreaMunicipalities,
  type MunicipalityCentre,
} from './lookups.js';
