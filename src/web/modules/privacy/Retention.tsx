import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TRetentionOverview } from '../../../shared/privacy.js';
import { api } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from '../../ui/nlds.js';
import { formatDate, formatDateTime } from './parts.js';
import './privacy.css';

/** /bewaren: the retention period, dossiers due soon, legal holds and destruction records (issue 6, admins). */
export default function Retention() {
  const { t, i18n } = useTranslation();
  const data = useLoad(() => api<TRetentionOverview>('GET', '/retention'), []);
  const o = data.data;
  return (
    <Page title={t('retention.title')}>
      {data.error ? <LoadError error={data.error} onRetry={data.reload} /> : null}
      {!o && !data.error ? <Loading /> : null}
      {o ? (
        <>
          <section aria-labelledby="ret-period" className="naast-card">
            <Heading2 id="ret-period">{t('retention.periodTitle')}</Heading2>
            <Paragraph>{t('retention.period', { months: o.retentionMonths })}</Paragraph>
            <Paragraph>{t('retention.why')}</Paragraph>
            <Paragraph>
              <Link className="utrecht-link" to="/organisation">
                {t('retention.changePeriod')}
              </Link>
            </Paragraph>
          </section>
          <section aria-labelledby="ret-due" className="naast-card">
            <Heading2 id="ret-due">{t('retention.dueTitle')}</Heading2>
            {o.dueSoon.length ? (
              <UnorderedList className="naast-privacy-log">
                {o.dueSoon.map((d) => (
                  <UnorderedListItem key={d.trajectoryId}>
                    <Link className="utrecht-link" to={`/trajecten/${d.trajectoryId}`}>
                      {d.reference}
                    </Link>{' '}
                    · {t('retention.dueOn', { date: formatDate(d.dueOn, i18n.language) })}
                    {d.held ? ` · ${t('retention.held')}` : null}
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            ) : (
              <Paragraph>{t('retention.dueNone')}</Paragraph>
            )}
          </section>
          <section aria-labelledby="ret-holds" className="naast-card">
            <Heading2 id="ret-holds">{t('retention.holdsTitle')}</Heading2>
            {o.holds.length ? (
              <UnorderedList className="naast-privacy-log">
                {o.holds.map((h) => (
                  <UnorderedListItem key={h.id}>
                    <Link className="utrecht-link" to={`/trajecten/${h.trajectoryId}`}>
                      {h.reference}
                    </Link>{' '}
                    · {formatDate(h.setAt, i18n.language)} · {h.reason}
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            ) : (
              <Paragraph>{t('retention.noHolds')}</Paragraph>
            )}
          </section>
          <section aria-labelledby="ret-destroyed" className="naast-card">
            <Heading2 id="ret-destroyed">{t('retention.destroyedTitle')}</Heading2>
            <Paragraph>{t('retention.destroyedIntro')}</Paragraph>
            {o.destructions.length ? (
              <UnorderedList className="naast-privacy-log">
                {o.destructions.map((d) => (
                  <UnorderedListItem key={d.id}>
                    <strong>{formatDateTime(d.destroyedAt, i18n.language)}</strong> · {t(`retention.rule.${d.rule}`)} ·{' '}
                    {t('retention.rows', { count: Object.values(d.counts).reduce((a, b) => a + b, 0) })}
                  </UnorderedListItem>
                ))}
              </UnorderedList>
            ) : (
              <Paragraph>{t('retention.destroyedNone')}</Paragraph>
            )}
          </section>
        </>
      ) : null}
    </Page>
  );
}
