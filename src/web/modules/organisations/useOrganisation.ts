import type { TOrganisationSettings } from '../../../shared/organisation.js';
import { api } from '../../api.js';
import { useLoad } from '../../ui/data.js';

/** Locations and work area, for pickers on other screens (users). */
export function useOrganisation() {
  return useLoad(() => api<TOrganisationSettings>('GET', '/organisation'), []);
}
