import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TConsent, TConsentRecipient, TMyConsents, TRecipientRequest } from '../../../shared/consent.js';
import { api } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { Empty, useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Button, Heading2, Paragraph } from '../../ui/nlds.js';
import { useAnnounce } from '../trajectories/plan/feedback.js';
import { ConsentCard, ConsentForm, consentEndpoints, consentSentence, RecipientForm } from './ConsentParts.js';

/**
 * /toestemmingen: the parent's own consents (issue 6). On a phone first, in plain words: what is
 * allowed now (with "Intrekken"), a short form to give a new one (choose or add the recipient,
 * purpose, the kinds of data with an explanation, the period), and the history with what was shared.
 */
export default function MyConsents() {
  const { t, i18n } = useTranslation();
  const data = useLoad(() => api<TMyConsents>('GET', consentEndpoints.mine()), []);
  const [mode, setMode] = useState<null | 'consent' | 'recipient'>(null);
  const [preselect, setPreselect] = useState<string | undefined>(undefined);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { announce, region } = useAnnounce();

  const revoke = async (c: TConsent, note: string | undefined) => {
    setBusyId(c.id);
    setError(null);
    try {
      await api('POST', consentEndpoints.myRevoke(c.id), note ? { note } : {});
      announce(t('consent.mine.revoked', { sentence: consentSentence(t, i18n.language, c) }));
      data.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusyId(null);
    }
  };

  let body;
  if (data.loading && !data.data) body = <Loading />;
  else if (data.error || !data.data) body = <LoadError error={data.error} onRetry={data.reload} />;
  else {
    const { consents, recipients, trajectoryId } = data.data;
    const current = consents.filter((c) => c.status === 'active' || c.status === 'future');
    const history = consents.filter((c) => c.status === 'revoked' || c.status === 'expired');
    body = (
      <>
        {error ? <LoadError error={error} /> : null}
        <section aria-labelledby="my-consents-now" className="naast-consent-block">
          <Heading2 id="my-consents-now">{t('consent.mine.nowTitle')}</Heading2>
          {current.length === 0 ? (
            <Empty title={t('consent.mine.noneTitle')}>
              <Paragraph>{t('consent.mine.none')}</Paragraph>
            </Empty>
          ) : (
            <ul className="naast-consent-list">
              {current.map((c) => (
                <ConsentCard key={c.id} c={c} busy={busyId === c.id} onRevoke={(note) => revoke(c, note)} />
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="my-consents-new" className="naast-consent-block">
          <Heading2 id="my-consents-new">{t('consent.mine.newTitle')}</Heading2>
          {trajectoryId === null ? (
            <Paragraph>{t('consent.mine.noTrajectory')}</Paragraph>
          ) : mode === 'consent' && recipients.length > 0 ? (
            <>
              <Paragraph>{t('consent.mine.newIntro')}</Paragraph>
              <ConsentForm
                key={preselect ?? 'none'}
                recipients={recipients}
                staff={false}
                preselect={preselect}
                save={(b) => api<TConsent>('POST', consentEndpoints.myConsents(), b)}
                onDone={(c) => {
                  setMode(null);
                  announce(t('consent.mine.given', { sentence: consentSentence(t, i18n.language, c) }));
                  data.reload();
                }}
                onCancel={() => setMode(null)}
              />
              <Paragraph>
                <Button appearance="subtle-button" onClick={() => setMode('recipient')}>
                  {t('consent.mine.someoneElse')}
                </Button>
              </Paragraph>
            </>
          ) : mode === 'recipient' || (mode === 'consent' && recipients.length === 0) ? (
            <>
              <Paragraph>{t('consent.mine.recipientIntro')}</Paragraph>
              <RecipientForm
                save={(b: TRecipientRequest) => api<TConsentRecipient>('POST', consentEndpoints.myRecipients(), b)}
                onDone={(r) => {
                  setPreselect(r.id);
                  setMode('consent');
                  announce(t('consent.recipient.added', { name: r.name }));
                  data.reload();
                }}
                onCancel={() => setMode(null)}
              />
            </>
          ) : (
            <>
              <Paragraph>{t('consent.mine.newExplain')}</Paragraph>
              <Button appearance="primary-action-button" className="naast-consent-big" onClick={() => setMode('consent')}>
                {t('consent.mine.newButton')}
              </Button>
            </>
          )}
        </section>

        <section aria-labelledby="my-consents-history" className="naast-consent-block">
          <Heading2 id="my-consents-history">{t('consent.mine.historyTitle')}</Heading2>
          <Paragraph>{t('consent.mine.historyIntro')}</Paragraph>
          {history.length === 0 ? (
            <Paragraph>{t('consent.mine.historyNone')}</Paragraph>
          ) : (
            <ul className="naast-consent-list">
              {history.map((c) => (
                <ConsentCard key={c.id} c={c} />
              ))}
            </ul>
          )}
        </section>
      </>
    );
  }

  return (
    <Page title={t('consent.mine.title')}>
      <Paragraph>{t('consent.mine.intro')}</Paragraph>
      {region}
      {body}
    </Page>
  );
}
