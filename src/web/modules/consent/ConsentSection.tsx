import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TConsent, TConsentRecipient, TRecipientKind } from '../../../shared/consent.js';
import type { TTrajectoryDossier } from '../../../shared/trajectories.js';
import { api } from '../../api.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Loading } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Button, Heading2, Paragraph } from '../../ui/nlds.js';
import { useAnnounce } from '../trajectories/plan/feedback.js';
import { ConsentCard, ConsentForm, consentEndpoints, consentSentence, RecipientForm, recipientLabel } from './ConsentParts.js';

type Props = { dossier: TTrajectoryDossier; reason?: string; onChanged: () => void };
type Data = { recipients: TConsentRecipient[]; consents: TConsent[] };

/** Family-map roles that are professionals a family may share with, and the recipient kind each becomes. */
const FROM_FAMILY_MAP: Partial<Record<string, TRecipientKind>> = {
  youth_protection_worker: 'youth_protection_worker',
  care_provider: 'care_provider',
  lawyer: 'lawyer',
  school: 'school',
};

/**
 * The dossier's section "Toestemmingen" (issue 6): what the parent allows to be shared, with its
 * status and what was shared with it. Staff with consent.record add recipients (also straight from
 * the family map), record a consent the parent gave in person with a note of the conversation, and
 * withdraw one on the parent's instruction. Hidden for whoever lacks consent.read.
 */
export function ConsentSection(props: Props) {
  const { user } = useSession();
  if (!can(user?.role, 'consent.read')) return null;
  return <Section {...props} canRecord={can(user?.role, 'consent.record')} />;
}

function Section({ dossier, reason, onChanged, canRecord }: Props & { canRecord: boolean }) {
  const { t, i18n } = useTranslation();
  const tid = dossier.trajectory.id;
  const [version, setVersion] = useState(0);
  const [mode, setMode] = useState<null | 'consent' | 'recipient'>(null);
  const [preselect, setPreselect] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { announce, region } = useAnnounce();
  const data = useLoad(async (): Promise<Data> => {
    const r = await api<{ items: TConsentRecipient[] }>('GET', consentEndpoints.recipients(tid, reason));
    const c = await api<{ items: TConsent[] }>('GET', consentEndpoints.consents(tid, reason));
    return { recipients: r.items, consents: c.items };
  }, [tid, reason, version]);
  const open = dossier.trajectory.phase !== 'ended';
  const changed = (msg: string) => {
    setVersion((v) => v + 1);
    announce(msg);
    onChanged();
  };

  const revoke = async (c: TConsent, note: string | undefined) => {
    setBusy(c.id);
    setError(null);
    try {
      await api('POST', consentEndpoints.revoke(tid, c.id, reason), { note });
      changed(t('consent.section.revoked', { sentence: consentSentence(t, i18n.language, c) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const addFromMap = async (m: TTrajectoryDossier['familyMap'][number], kind: TRecipientKind) => {
    setBusy(`map-${m.id}`);
    setError(null);
    try {
      const r = await api<TConsentRecipient>('POST', consentEndpoints.recipients(tid, reason), { kind, name: m.name, organisation: m.organisation ?? null });
      setPreselect(r.id);
      changed(t('consent.recipient.added', { name: r.name }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  let body;
  if (data.loading && !data.data) body = <Loading />;
  else if (data.error || !data.data) body = <LoadError error={data.error} onRetry={data.reload} />;
  else {
    const { recipients, consents } = data.data;
    const known = new Set(recipients.map((r) => `${r.kind}|${r.name.trim().toLowerCase()}`));
    const suggestions = dossier.familyMap
      .map((m) => ({ m, kind: FROM_FAMILY_MAP[m.role] }))
      .filter((x): x is { m: typeof x.m; kind: TRecipientKind } => !!x.kind && !known.has(`${x.kind}|${x.m.name.trim().toLowerCase()}`));
    body = (
      <>
        {error ? <LoadError error={error} /> : null}
        {consents.length === 0 ? (
          <Paragraph>{t('consent.section.none')}</Paragraph>
        ) : (
          <ul className="naast-consent-list">
            {consents.map((c) => (
              <ConsentCard key={c.id} c={c} busy={busy === c.id} noteRequired onRevoke={canRecord ? (note) => revoke(c, note) : undefined} />
            ))}
          </ul>
        )}

        <h3 className="utrecht-heading-3">{t('consent.section.recipientsTitle')}</h3>
        {recipients.length === 0 ? (
          <Paragraph>{t('consent.section.noRecipients')}</Paragraph>
        ) : (
          <ul className="naast-consent-recipients">
            {recipients.map((r) => (
              <li key={r.id}>
                {recipientLabel(t, r)}
                {r.email ? ` · ${r.email}` : ''}
              </li>
            ))}
          </ul>
        )}

        {canRecord && open ? (
          <>
            {suggestions.length > 0 ? (
              <>
                <h3 className="utrecht-heading-3">{t('consent.section.fromMapTitle')}</h3>
                <Paragraph>{t('consent.section.fromMapIntro')}</Paragraph>
                <ul className="naast-consent-recipients">
                  {suggestions.map(({ m, kind }) => (
                    <li key={m.id}>
                      <Button appearance="secondary-action-button" busy={busy === `map-${m.id}`} onClick={() => void addFromMap(m, kind)}>
                        {t('consent.section.addFromMap', { who: recipientLabel(t, { kind, name: m.name, organisation: m.organisation }) })}
                      </Button>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {mode === 'recipient' ? (
              <>
                <h3 className="utrecht-heading-3">{t('consent.recipient.title')}</h3>
                <RecipientForm
                  save={(b) => api<TConsentRecipient>('POST', consentEndpoints.recipients(tid, reason), b)}
                  onDone={(r) => {
                    setMode(null);
                    setPreselect(r.id);
                    changed(t('consent.recipient.added', { name: r.name }));
                  }}
                  onCancel={() => setMode(null)}
                />
              </>
            ) : mode === 'consent' && recipients.length > 0 ? (
              <>
                <h3 className="utrecht-heading-3">{t('consent.section.recordTitle')}</h3>
                <Paragraph>{t('consent.section.recordIntro')}</Paragraph>
                <ConsentForm
                  key={preselect ?? 'none'}
                  recipients={recipients}
                  staff
                  preselect={preselect}
                  save={(b) => api<TConsent>('POST', consentEndpoints.consents(tid, reason), b)}
                  onDone={(c) => {
                    setMode(null);
                    changed(t('consent.section.recorded', { sentence: consentSentence(t, i18n.language, c) }));
                  }}
                  onCancel={() => setMode(null)}
                />
              </>
            ) : (
              <div className="naast-actions">
                {recipients.length > 0 ? (
                  <Button appearance="primary-action-button" onClick={() => setMode('consent')}>
                    {t('consent.section.record')}
                  </Button>
                ) : null}
                <Button appearance="secondary-action-button" onClick={() => setMode('recipient')}>
                  {t('consent.recipient.title')}
                </Button>
              </div>
            )}
          </>
        ) : null}
      </>
    );
  }

  return (
    <section className="naast-card" aria-labelledby="dossier-consent" id="consent">
      <Heading2 id="dossier-consent">{t('consent.section.title')}</Heading2>
      <Paragraph>{t('consent.section.intro')}</Paragraph>
      {region}
      {body}
    </section>
  );
}
