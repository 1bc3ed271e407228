import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import type { TWaitingList } from '../../../shared/waiting-list.js';
import { api, ApiError } from '../../api.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Loading, Page } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Heading2, Paragraph } from '../../ui/nlds.js';
import { DataTable } from '../../ui/table.js';
import { endpoints } from '../matching/endpoints.js';
import { useOrganisation } from '../organisations/useOrganisation.js';
import { daysText, PriorityBadge, waitText, WaitExplanation } from './Explanation.js';
import { formatDate, LocationPicker, ReasonForm } from './shared.js';

function List({ locationId, locationName }: { locationId: string; locationName: string }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const navigate = useNavigate();
  const [reason, setReason] = useState<string | undefined>(undefined);
  const list = useLoad(() => api<TWaitingList>('GET', endpoints.waitingList(locationId, reason)), [locationId, reason]);
  const mayMatch = can(user?.role, 'matching.manage');

  if (list.error instanceof ApiError && list.error.code === 'reason_required')
    return <ReasonForm intro={t('waitingList.reason.intro', { location: locationName })} onReason={async (r) => setReason(r)} onCancel={() => void navigate('/')} />;
  if (list.loading && !list.data) return <Loading />;
  if (list.error || !list.data) return <LoadError error={list.error} onRetry={list.reload} />;
  const data = list.data;
  const urgent = data.items.filter((i) => i.priority === 1).length;
  return (
    <>
      <section aria-labelledby="waiting-heading">
        <Heading2 id="waiting-heading">{t('waitingList.listTitle', { location: locationName })}</Heading2>
        <Paragraph>
          {data.items.length === 0
            ? t('waitingList.empty')
            : t(data.items.length === 1 ? 'waitingList.countOne' : 'waitingList.count', { count: data.items.length, urgent, date: formatDate(data.today, i18n.language) })}
        </Paragraph>
        {data.items.length > 0 ? (
          <DataTable
            caption={t('waitingList.caption', { location: locationName })}
            labelledBy="waiting-heading"
            rowKey={(r) => r.applicationId}
            rows={data.items}
            columns={[
              { header: t('waitingList.col.position'), cell: (r) => r.position },
              { header: t('waitingList.col.reference'), cell: (r) => r.reference },
              {
                header: t('waitingList.col.priority'),
                cell: (r) => <PriorityBadge priority={r.priority} />,
              },
              { header: t('waitingList.col.waiting'), cell: (r) => daysText(t, r.daysWaiting) },
              {
                header: t('waitingList.col.expected'),
                cell: (r) => (r.matchPending ? t('waitingList.matchPending') : waitText(t, r.expectedWaitDays)),
              },
              mayMatch && {
                header: t('waitingList.col.match'),
                cell: (r) => (
                  <RouterLink className="utrecht-link" to={`/aanmeldingen/${r.applicationId}/matchen`}>
                    {t('waitingList.findVolunteer')}
                    <span className="naast-visually-hidden"> {r.reference}</span>
                  </RouterLink>
                ),
              },
            ]}
          />
        ) : null}
        <Paragraph>{t('waitingList.priorityHint')}</Paragraph>
      </section>
      <WaitExplanation method={data.method} />
    </>
  );
}

/** The waiting list of one location: families in order, with their expected waiting time and how it is computed. */
export default function WaitingList() {
  const { t } = useTranslation();
  const { user } = useSession();
  const org = useOrganisation();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const locations = org.data?.locations ?? [];
  const own = locations.find((l) => user?.locationIds.includes(l.id));
  const locationId = chosen ?? own?.id ?? locations[0]?.id;
  const location = locations.find((l) => l.id === locationId);
  return (
    <Page title={t('waitingList.title')}>
      <Paragraph>{t('waitingList.intro')}</Paragraph>
      {can(user?.role, 'matching.manage') ? (
        <Paragraph>
          <RouterLink className="utrecht-link" to="/wachtlijst/voorstel">
            {t('waitingList.toProposal')}
          </RouterLink>
        </Paragraph>
      ) : null}
      {org.loading && !org.data ? (
        <Loading />
      ) : org.error || !org.data ? (
        <LoadError error={org.error} onRetry={org.reload} />
      ) : !location ? (
        <Paragraph>{t('waitingList.noLocations')}</Paragraph>
      ) : (
        <>
          <LocationPicker locations={locations} value={location.id} onApply={(id) => setChosen(id)} />
          <List key={location.id} locationId={location.id} locationName={location.name} />
        </>
      )}
    </Page>
  );
}
