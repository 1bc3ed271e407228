import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TMyDeadline } from '../../../shared/legal.js';
import { api } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { Empty, useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Button, Heading2, OrderedList, OrderedListItem, Paragraph } from '../../ui/nlds.js';
import { useAnnounce } from '../trajectories/plan/feedback.js';
import { DeadlineItem } from './DeadlineItem.js';
import { legalEndpoints } from './endpoints.js';
import './legal.css';

type FeedStatus = { active: boolean; createdAt: string | null };

/**
 * /agenda: my upcoming deadlines (families I lead or coach, next 60 days) and my private calendar
 * link. The link is shown once, right after it is made (only its hash is stored); making a new one
 * stops the old one.
 */
function FeedSection() {
  const { t } = useTranslation();
  const status = useLoad(() => api<FeedStatus>('GET', legalEndpoints.feed()), []);
  const [url, setUrl] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [copied, setCopied] = useState(false);
  const { announce, region } = useAnnounce();

  const make = async () => {
    setBusy(true);
    setError(null);
    try {
      const made = await api<{ url: string }>('POST', legalEndpoints.feed());
      setUrl(made.url);
      setCopied(false);
      status.setData({ active: true, createdAt: new Date().toISOString() });
      announce(t('legal.feed.made'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('DELETE', legalEndpoints.feed());
      setUrl(null);
      status.setData({ active: false, createdAt: null });
      announce(t('legal.feed.removed'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section aria-labelledby="feed-heading" className="naast-card">
      <Heading2 id="feed-heading">{t('legal.feed.title')}</Heading2>
      <Paragraph>{t('legal.feed.intro')}</Paragraph>
      <Paragraph>{t('legal.feed.privacy')}</Paragraph>
      {region}
      {error ? <LoadError error={error} /> : null}
      {status.loading && !status.data ? (
        <Loading />
      ) : status.error ? (
        <LoadError error={status.error} onRetry={status.reload} />
      ) : (
        <>
          {url ? (
            <div className="naast-legal-form">
              <label className="utrecht-form-label" htmlFor="feed-url">
                {t('legal.feed.urlLabel')}
              </label>
              <Paragraph id="feed-url-hint">{t('legal.feed.urlHint')}</Paragraph>
              <input id="feed-url" className="utrecht-textbox naast-legal-feed" readOnly value={url} aria-describedby="feed-url-hint" onFocus={(e) => e.currentTarget.select()} />
              <div className="naast-actions">
                <Button appearance="secondary-action-button" onClick={() => void copy()}>
                  {t('legal.feed.copy')}
                </Button>
              </div>
              <div aria-live="polite">{copied ? <Paragraph>{t('legal.feed.copied')}</Paragraph> : null}</div>
            </div>
          ) : status.data?.active ? (
            <Paragraph>{t('legal.feed.active')}</Paragraph>
          ) : (
            <Paragraph>{t('legal.feed.inactive')}</Paragraph>
          )}
          <div className="naast-actions">
            <Button appearance="primary-action-button" busy={busy} onClick={() => void make()}>
              {status.data?.active ? t('legal.feed.replace') : t('legal.feed.make')}
            </Button>
            {status.data?.active ? (
              <Button appearance="secondary-action-button" busy={busy} onClick={() => void remove()}>
                {t('legal.feed.remove')}
              </Button>
            ) : null}
          </div>
          <h3 className="utrecht-heading-3">{t('legal.feed.howTitle')}</h3>
          <h4 className="utrecht-heading-4">{t('legal.feed.iphoneTitle')}</h4>
          <OrderedList>
            {(['1', '2', '3', '4'] as const).map((n) => (
              <OrderedListItem key={n}>{t(`legal.feed.iphone.${n}`)}</OrderedListItem>
            ))}
          </OrderedList>
          <h4 className="utrecht-heading-4">{t('legal.feed.androidTitle')}</h4>
          <OrderedList>
            {(['1', '2', '3', '4'] as const).map((n) => (
              <OrderedListItem key={n}>{t(`legal.feed.android.${n}`)}</OrderedListItem>
            ))}
          </OrderedList>
          <Paragraph>{t('legal.feed.delay')}</Paragraph>
        </>
      )}
    </section>
  );
}

function MyDeadlines() {
  const { t } = useTranslation();
  const mine = useLoad(() => api<{ items: TMyDeadline[] }>('GET', legalEndpoints.myDeadlines()), []);
  return (
    <section aria-labelledby="my-deadlines-heading" className="naast-card">
      <Heading2 id="my-deadlines-heading">{t('legal.agenda.upcoming')}</Heading2>
      {mine.loading && !mine.data ? (
        <Loading />
      ) : mine.error || !mine.data ? (
        <LoadError error={mine.error} onRetry={mine.reload} />
      ) : mine.data.items.length === 0 ? (
        <Empty title={t('legal.agenda.noneTitle')}>{t('legal.agenda.none')}</Empty>
      ) : (
        <ul className="naast-legal-list">
          {mine.data.items.map((d) => (
            <DeadlineItem key={d.id} d={d} reference={d.reference} />
          ))}
        </ul>
      )}
    </section>
  );
}

export default function CalendarFeed() {
  const { t } = useTranslation();
  return (
    <Page title={t('legal.agenda.title')}>
      <Paragraph>{t('legal.agenda.intro')}</Paragraph>
      <MyDeadlines />
      <FeedSection />
    </Page>
  );
}
