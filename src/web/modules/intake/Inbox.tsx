import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ZQueue, type TInboxItem } from '../../../shared/intake.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Page } from '../../shell/Page.js';
import { usePagedList } from '../../ui/data.js';
import { Filters, type FilterValues } from '../../ui/filters.js';
import { Paragraph, StatusBadge } from '../../ui/nlds.js';
import { PagedTable } from '../../ui/table.js';
import { useOrganisation } from '../organisations/useOrganisation.js';
import { Deadline, formatDate, PriorityFlag } from './labels.js';
import './intake.css';

function Flags({ a }: { a: TInboxItem }) {
  const { t } = useTranslation();
  const flags = [
    a.priority !== 3 ? <PriorityFlag key="p" priority={a.priority} /> : null,
    a.financingNeeded ? (
      <StatusBadge key="f" status="warning">
        {t('intake.flag.financing')}
      </StatusBadge>
    ) : null,
    a.possibleDuplicate ? (
      <StatusBadge key="d" status="warning">
        {t('intake.flag.duplicate')}
      </StatusBadge>
    ) : null,
  ].filter(Boolean);
  if (flags.length === 0) return <>—</>;
  return (
    <ul className="naast-flags">
      {flags.map((f, i) => (
        <li key={i}>{f}</li>
      ))}
    </ul>
  );
}

/** The coordinator inbox (/aanmeldingen): open applications, the earliest first-contact deadline first. */
export default function Inbox() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [filters, setFilters] = useState<FilterValues>({});
  const list = usePagedList<TInboxItem>('/applications', { ...filters, limit: '50' });
  const org = useOrganisation();
  const publicPath = user ? `/aanmelden/${user.orgId}` : null;
  return (
    <Page title={t('intake.inbox.title')}>
      <Paragraph>{t('intake.inbox.intro')}</Paragraph>
      {can(user?.role, 'applications.manage') ? (
        <Paragraph>
          <RouterLink className="utrecht-link" to="/aanmeldingen/nieuw">
            {t('intake.inbox.new')}
          </RouterLink>
        </Paragraph>
      ) : null}
      <Filters
        label={t('intake.inbox.filters')}
        fields={[
          {
            name: 'state',
            label: t('intake.inbox.state'),
            all: t('intake.inbox.stateOpen'),
            options: [
              { value: 'intake', label: t('intake.inbox.stateIntake') },
              { value: 'all', label: t('intake.inbox.stateAll') },
            ],
          },
          { name: 'locationId', label: t('intake.inbox.location'), all: t('intake.inbox.allLocations'), options: (org.data?.locations ?? []).map((l) => ({ value: l.id, label: l.name })) },
          { name: 'queue', label: t('intake.inbox.queue'), all: t('intake.inbox.allQueues'), options: ZQueue.options.map((q) => ({ value: q, label: t(`intake.queue.${q}`) })) },
        ]}
        onApply={setFilters}
      />
      <PagedTable
        list={list}
        empty={t('intake.inbox.none')}
        caption={t('intake.inbox.list')}
        rowKey={(a) => a.id}
        columns={[
          {
            header: t('intake.inbox.reference'),
            cell: (a) => (
              <RouterLink className="utrecht-link naast-nowrap" to={`/aanmeldingen/${a.id}`}>
                {a.reference}
              </RouterLink>
            ),
          },
          { header: t('intake.inbox.name'), cell: (a) => a.shortName },
          { header: t('intake.inbox.deadline'), cell: (a) => <Deadline dueAt={a.firstContactDueAt} state={a.dueState} /> },
          { header: t('intake.inbox.place'), cell: (a) => (a.queue === 'helpdesk' ? t('intake.queue.helpdesk') : (a.locationName ?? '—')) + ` · ${a.municipalityName}` },
          { header: t('intake.inbox.flags'), cell: (a) => <Flags a={a} /> },
          { header: t('intake.inbox.status'), cell: (a) => t(`intake.status.${a.status}`) },
          { header: t('intake.inbox.received'), cell: (a) => formatDate(a.receivedAt, i18n.language) },
        ]}
      />
      {publicPath ? (
        <Paragraph>
          {t('intake.inbox.publicLink')}{' '}
          <RouterLink className="utrecht-link" to={publicPath}>
            {`${window.location.origin}${publicPath}`}
          </RouterLink>
        </Paragraph>
      ) : null}
    </Page>
  );
}
