import { useTranslation } from 'react-i18next';
import type { TMyApplication, TMyApplications } from '../../../shared/waiting-list.js';
import { api } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { Empty, useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph } from '../../ui/nlds.js';
import { endpoints } from '../matching/endpoints.js';
import { daysText, waitText, WaitExplanation } from './Explanation.js';
import { formatDate } from './shared.js';

function Application({ app, heading }: { app: TMyApplication; heading: boolean }) {
  const { t, i18n } = useTranslation();
  const w = app.waiting;
  const headingId = `application-${app.id}`;
  return (
    <>
      <section aria-labelledby={heading ? headingId : undefined} className="naast-card">
        {heading ? <Heading2 id={headingId}>{t('myApplication.applicationTitle', { reference: app.reference })}</Heading2> : null}
        <Paragraph className="naast-big-number">{t(`myApplication.status.${app.status}.title`)}</Paragraph>
        <Paragraph>{t(`myApplication.status.${app.status}.text`)}</Paragraph>
        <DataList>
          <DataListItem>
            <DataListKey>{t('myApplication.reference')}</DataListKey>
            <DataListValue>{app.reference}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('myApplication.received')}</DataListKey>
            <DataListValue>{formatDate(app.receivedAt, i18n.language)}</DataListValue>
          </DataListItem>
          {app.acceptedAt ? (
            <DataListItem>
              <DataListKey>{t('myApplication.accepted')}</DataListKey>
              <DataListValue>{formatDate(app.acceptedAt, i18n.language)}</DataListValue>
            </DataListItem>
          ) : null}
          {w ? (
            <>
              <DataListItem>
                <DataListKey>{t('myApplication.position')}</DataListKey>
                <DataListValue>{t('myApplication.positionValue', { position: w.position })}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('myApplication.waiting')}</DataListKey>
                <DataListValue>{daysText(t, w.daysWaiting)}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('myApplication.expected')}</DataListKey>
                <DataListValue>{w.matchPending ? t('myApplication.matchPending') : waitText(t, w.expectedWaitDays)}</DataListValue>
              </DataListItem>
            </>
          ) : null}
        </DataList>
      </section>
      {w && !w.matchPending ? <WaitExplanation method={w.method} position={w.position} audience="parent" /> : null}
    </>
  );
}

/** The parent's own application: where it stands, in plain words; on the waiting list their place and expected waiting time. */
export default function MyApplication() {
  const { t } = useTranslation();
  const data = useLoad(() => api<TMyApplications>('GET', endpoints.myApplications()), []);
  const items = data.data?.items ?? [];
  return (
    <Page title={t('myApplication.title')}>
      <Paragraph>{t('myApplication.intro')}</Paragraph>
      {data.loading && !data.data ? (
        <Loading />
      ) : data.error ? (
        <LoadError error={data.error} onRetry={data.reload} />
      ) : items.length === 0 ? (
        <Empty title={t('myApplication.noneTitle')}>
          <Paragraph>{t('myApplication.noneText')}</Paragraph>
        </Empty>
      ) : (
        items.map((a) => <Application key={a.id} app={a} heading={items.length > 1} />)
      )}
      <Paragraph>{t('myApplication.questions')}</Paragraph>
    </Page>
  );
}
