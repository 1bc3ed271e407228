import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ZDeclineMatchRequest, type TMyMatch, type TMyMatches } from '../../../shared/matching.js';
import { api } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { Empty, useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, TextAreaField, useForm } from '../../ui/form.js';
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph } from '../../ui/nlds.js';
import { formatDate } from '../waiting-list/shared.js';
import { endpoints } from './endpoints.js';
import { languageName, measureName } from './reasons.js';
import './matching.css';

function FamilyFacts({ m }: { m: TMyMatch }) {
  const { t, i18n } = useTranslation();
  const measures = m.family.measures.filter((x) => x !== 'none');
  return (
    <DataList>
      <DataListItem>
        <DataListKey>{t('offers.municipality')}</DataListKey>
        <DataListValue>{m.family.municipalityName}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('offers.measures')}</DataListKey>
        <DataListValue>{measures.map((x) => measureName(t, x)).join(', ') || t('offers.noMeasure')}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('offers.institutions')}</DataListKey>
        <DataListValue>{m.family.institutions.join(', ') || '—'}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('offers.language')}</DataListKey>
        <DataListValue>{languageName(m.family.preferredLanguage || 'nl', i18n.language)}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('offers.offeredOn')}</DataListKey>
        <DataListValue>{formatDate(m.confirmedAt, i18n.language)}</DataListValue>
      </DataListItem>
    </DataList>
  );
}

const ZDeclineForm = ZDeclineMatchRequest;

/** One pending offer: big Accept / Decline buttons (one thumb on a phone); declining asks why. */
function Offer({ m, onAnswered }: { m: TMyMatch; onAnswered: (m: TMyMatch, answer: 'accepted' | 'declined') => void }) {
  const { t } = useTranslation();
  const [declining, setDeclining] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const headingId = `offer-${m.id}`;
  const form = useForm(ZDeclineForm, { reason: '' }, async (data) => {
    const updated = await api<TMyMatch>('POST', endpoints.decline(m.id), data);
    onAnswered(updated, 'declined');
  });
  const reasonRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (declining) reasonRef.current?.querySelector('textarea')?.focus();
  }, [declining]);
  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      const updated = await api<TMyMatch>('POST', endpoints.accept(m.id));
      onAnswered(updated, 'accepted');
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <article className="naast-offer" aria-labelledby={headingId}>
      <Heading2 id={headingId}>{t('offers.offerTitle', { reference: m.family.reference })}</Heading2>
      <Paragraph>{t('offers.offerIntro')}</Paragraph>
      <FamilyFacts m={m} />
      {error ? <LoadError error={error} /> : null}
      {declining ? (
        <div ref={reasonRef}>
          <form noValidate onSubmit={form.onSubmit}>
            <ErrorSummary form={form} />
            <TextAreaField form={form} name="reason" label={t('offers.declineReason')} description={t('offers.declineHint')} maxLength={500} rows={3} />
            <div className="naast-big-actions">
              <Button type="submit" appearance="primary-action-button" busy={form.busy}>
                {t('offers.sendDecline')}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => setDeclining(false)} disabled={form.busy}>
                {t('offers.back')}
              </Button>
            </div>
          </form>
        </div>
      ) : (
        <div className="naast-big-actions">
          <Button appearance="primary-action-button" busy={busy} onClick={() => void accept()}>
            {t('offers.accept')}
            <span className="naast-visually-hidden"> {m.family.reference}</span>
          </Button>
          <Button appearance="secondary-action-button" disabled={busy} onClick={() => setDeclining(true)}>
            {t('offers.decline')}
            <span className="naast-visually-hidden"> {m.family.reference}</span>
          </Button>
        </div>
      )}
    </article>
  );
}

/** The volunteer's match offers: pending ones to answer, and earlier ones. */
export default function MyOffers() {
  const { t, i18n } = useTranslation();
  const data = useLoad(() => api<TMyMatches>('GET', endpoints.myMatches()), []);
  const [done, setDone] = useState<{ reference: string; answer: 'accepted' | 'declined' } | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) requestAnimationFrame(() => doneRef.current?.focus());
  }, [done]);
  const items = data.data?.items ?? [];
  const pending = items.filter((m) => m.status === 'pending');
  const earlier = items.filter((m) => m.status !== 'pending');
  const answered = (m: TMyMatch, answer: 'accepted' | 'declined') => {
    setDone({ reference: m.family.reference, answer });
    data.setData({ items: items.map((x) => (x.id === m.id ? m : x)) });
  };
  return (
    <Page title={t('offers.title')}>
      <Paragraph>{t('offers.intro')}</Paragraph>
      <div ref={doneRef} tabIndex={-1} className="naast-feedback" aria-live="polite">
        {done ? (
          <Alert type="ok">
            <Paragraph>
              <strong>{done.answer === 'accepted' ? t('offers.acceptedTitle', { reference: done.reference }) : t('offers.declinedTitle', { reference: done.reference })}</strong>
            </Paragraph>
            <Paragraph>{done.answer === 'accepted' ? t('offers.acceptedText') : t('offers.declinedText')}</Paragraph>
          </Alert>
        ) : null}
      </div>
      {data.loading && !data.data ? (
        <Loading />
      ) : data.error ? (
        <LoadError error={data.error} onRetry={data.reload} />
      ) : (
        <>
          {pending.length === 0 ? (
            <Empty title={t('offers.noneTitle')}>
              <Paragraph>{t('offers.noneText')}</Paragraph>
            </Empty>
          ) : (
            pending.map((m) => <Offer key={m.id} m={m} onAnswered={answered} />)
          )}
          {earlier.length > 0 ? (
            <section aria-labelledby="earlier-heading">
              <Heading2 id="earlier-heading">{t('offers.earlier')}</Heading2>
              <ul className="naast-candidates">
                {earlier.map((m) => (
                  <li key={m.id} className="naast-candidate">
                    <Paragraph>
                      <strong>{m.family.reference}</strong> – {m.family.municipalityName}
                    </Paragraph>
                    <Paragraph>
                      {t(`offers.status.${m.status}`)}
                      {m.respondedAt ? ` (${formatDate(m.respondedAt, i18n.language)})` : ''}
                    </Paragraph>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </Page>
  );
}
