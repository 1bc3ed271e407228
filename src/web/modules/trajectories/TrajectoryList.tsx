import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { TTrajectorySummary } from '../../../shared/trajectories.js';
import { Page } from '../../shell/Page.js';
import { usePagedList } from '../../ui/data.js';
import { Filters, type FilterValues } from '../../ui/filters.js';
import { Paragraph } from '../../ui/nlds.js';
import { PagedTable } from '../../ui/table.js';
import { formatDate } from '../intake/labels.js';
import { useOrganisation } from '../organisations/useOrganisation.js';
import { endpoints } from './endpoints.js';
import { hoursText, phaseName } from './labels.js';
import { Signals } from './Signals.js';
import './trajectories.css';

type Row = TTrajectorySummary;

/** The coordinator's trajectories (trajecten): running ones first by default, signals in words, load more. */
export default function TrajectoryList() {
  const { t, i18n } = useTranslation();
  const org = useOrganisation();
  const [filters, setFilters] = useState<FilterValues>({});
  const list = usePagedList<Row>(endpoints.list(), { ...filters, limit: '50' });
  const h = (m: number) => hoursText(t, i18n.language, m);
  const locations = org.data?.locations ?? [];
  return (
    <Page title={t('trajectories.list.title')}>
      <Paragraph>{t('trajectories.list.intro')}</Paragraph>
      <Filters
        label={t('trajectories.list.filters')}
        fields={[
          {
            name: 'phase',
            label: t('trajectories.list.phaseFilter'),
            all: t('trajectories.list.phaseActive'),
            options: [
              { value: 'aftercare', label: t('trajectories.list.phaseAftercare') },
              { value: 'ended', label: t('trajectories.list.phaseEnded') },
              { value: 'all', label: t('trajectories.list.phaseAll') },
            ],
          },
          ...(locations.length > 1
            ? [{ name: 'locationId', label: t('trajectories.list.location'), all: t('trajectories.list.allLocations'), options: locations.map((l) => ({ value: l.id, label: l.name })) }]
            : []),
        ]}
        onApply={setFilters}
      />
      <PagedTable
        list={list}
        empty={t('trajectories.list.none')}
        caption={t('trajectories.list.caption')}
        rowKey={(r) => r.id}
        columns={[
          {
            header: t('trajectories.list.colFamily'),
            cell: (r) => (
              <RouterLink className="utrecht-link" to={`/trajecten/${r.id}`}>
                {r.familyName} <span className="naast-nowrap">({r.reference})</span>
              </RouterLink>
            ),
          },
          { header: t('trajectories.list.colPhase'), cell: (r) => phaseName(t, r.phase) },
          { header: t('trajectories.list.colVolunteer'), cell: (r) => r.leadVolunteer.name },
          { header: t('trajectories.list.colCoach'), cell: (r) => r.coach?.name ?? '—' },
          { header: t('trajectories.list.colStarted'), cell: (r) => formatDate(r.startedAt, i18n.language) },
          { header: t('trajectories.list.colLastContact'), cell: (r) => (r.lastContactOn ? formatDate(r.lastContactOn, i18n.language) : t('trajectories.dossier.noContact')) },
          {
            header: t('trajectories.list.colHours'),
            cell: (r) => t('trajectories.list.hoursValue', { total: h(Math.round((r.volunteerHours + r.professionalHours) * 60)), weekly: h(Math.round(r.weeklyHours * 60)) }),
          },
          {
            header: t('trajectories.list.colAgreements'),
            cell: (r) => (r.overdueAgreements > 0 ? t('trajectories.list.agreementsLate', { open: r.openAgreements, late: r.overdueAgreements }) : String(r.openAgreements)),
          },
          { header: t('trajectories.list.colSignals'), cell: (r) => <Signals signals={r.signals} none={t('trajectories.list.noSignals')} /> },
        ]}
      />
    </Page>
  );
}
