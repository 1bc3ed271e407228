import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { TVolunteerListItem } from '../../../shared/matching.js';
import { Page } from '../../shell/Page.js';
import { usePagedList } from '../../ui/data.js';
import { Filters, type FilterValues } from '../../ui/filters.js';
import { Paragraph } from '../../ui/nlds.js';
import { PagedTable } from '../../ui/table.js';
import { useOrganisation } from '../organisations/useOrganisation.js';
import { languageName } from './reasons.js';
import './matching.css';

/** Volunteers with their caseload (active of max) and free places; a name opens the profile. */
export default function Volunteers() {
  const { t, i18n } = useTranslation();
  const org = useOrganisation();
  const [filters, setFilters] = useState<FilterValues>({});
  const list = usePagedList<TVolunteerListItem>('/volunteers', { ...filters, limit: '100' });
  const locationName = (id: string) => org.data?.locations.find((l) => l.id === id)?.name ?? '';
  return (
    <Page title={t('volunteers.title')}>
      <Paragraph>{t('volunteers.intro')}</Paragraph>
      <Filters
        label={t('volunteers.filters')}
        fields={[{ name: 'locationId', label: t('waitingList.location'), all: t('volunteers.allLocations'), options: (org.data?.locations ?? []).map((l) => ({ value: l.id, label: l.name })) }]}
        onApply={setFilters}
      />
      <PagedTable
        list={list}
        empty={t('volunteers.none')}
        caption={t('volunteers.caption')}
        rowKey={(v) => v.userId}
        columns={[
          {
            header: t('volunteers.col.name'),
            cell: (v) => (
              <RouterLink className="utrecht-link" to={`/vrijwilligers/${v.userId}`}>
                {v.displayName}
              </RouterLink>
            ),
          },
          { header: t('fields.locations'), cell: (v) => v.locationIds.map(locationName).filter(Boolean).join(', ') || '—' },
          { header: t('volunteers.col.caseload'), cell: (v) => t('volunteers.caseload', { active: v.activeFamilies, max: v.maxFamilies }) },
          { header: t('volunteers.col.free'), cell: (v) => (v.freeSlots === 0 ? t('volunteers.full') : v.freeSlots) },
          { header: t('volunteers.col.hours'), cell: (v) => t('volunteers.hoursValue', { hours: v.hoursPerWeek }) },
          { header: t('volunteers.col.languages'), cell: (v) => v.languages.map((l) => languageName(l, i18n.language)).join(', ') || '—' },
          { header: t('volunteers.col.profile'), cell: (v) => (v.hasProfile ? t('volunteers.profileSaved') : t('volunteers.profileDefaults')) },
        ]}
      />
    </Page>
  );
}
