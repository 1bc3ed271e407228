import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { TMyReportSummary } from '../../../shared/reports.js';
import { api } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { Empty, useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Heading2, Paragraph } from '../../ui/nlds.js';
import { reportEndpoints } from './endpoints.js';
import { formatDate } from './format.js';
import './reports.css';

function List({ items, heading, id }: { items: TMyReportSummary[]; heading: string; id: string }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <Heading2 id={id}>{heading}</Heading2>
      <ul className="naast-report-list">
        {items.map((r) => (
          <li key={r.id}>
            <h3 className="utrecht-heading-3">
              <RouterLink className="utrecht-link" to={`/mijn-verslagen/${r.id}`}>
                {t('reports.mine.reportOf', { title: r.meetingTitle })}
              </RouterLink>
            </h3>
            <Paragraph>{t('reports.mine.meetingOn', { date: formatDate(r.meetingAt, i18n.language) })}</Paragraph>
            <Paragraph>
              <strong>{r.status === 'final' ? t('reports.mine.final') : t('reports.mine.waiting')}</strong>
            </Paragraph>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /mijn-verslagen: the parent's reports: first those waiting for their response, then the final ones. */
export default function MyReports() {
  const { t } = useTranslation();
  const list = useLoad(() => api<{ items: TMyReportSummary[] }>('GET', reportEndpoints.mine()), []);
  const items = list.data?.items ?? [];
  return (
    <Page title={t('reports.mine.title')}>
      <Paragraph>{t('reports.mine.intro')}</Paragraph>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : items.length === 0 ? (
        <Empty title={t('reports.mine.emptyTitle')}>
          <Paragraph>{t('reports.mine.empty')}</Paragraph>
        </Empty>
      ) : (
        <>
          <List id="my-reports-waiting" heading={t('reports.mine.waitingTitle')} items={items.filter((r) => r.status === 'with_parent')} />
          <List id="my-reports-final" heading={t('reports.mine.finalTitle')} items={items.filter((r) => r.status === 'final')} />
        </>
      )}
    </Page>
  );
}
