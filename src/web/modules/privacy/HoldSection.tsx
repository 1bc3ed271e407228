import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_MAX, ZHoldCreate, ZHoldLift } from '../../../shared/privacy.js';
import type { TTrajectoryDossier } from '../../../shared/trajectories.js';
import { api } from '../../api.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, TextAreaField, useForm } from '../../ui/form.js';
import { Button, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '../../ui/nlds.js';
import { formatDate } from './parts.js';

type Hold = { id: string; reason: string; setAt: string; liftedAt: string | null; liftReason: string | null };

function LiftForm({ path, onDone }: { path: string; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useForm(ZHoldLift, { reason: '' }, async (data) => {
    await api('DELETE', path, data);
    onDone();
  });
  return (
    <form noValidate onSubmit={form.onSubmit}>
      <ErrorSummary form={form} />
      <TextAreaField form={form} name="reason" label={t('retention.liftReason')} maxLength={NOTE_MAX} rows={2} />
      <Button type="submit" appearance="secondary-action-button" busy={form.busy}>
        {t('retention.lift')}
      </Button>
    </form>
  );
}

function Holds({ trajectoryId }: { trajectoryId: string }) {
  const { t, i18n } = useTranslation();
  const base = `/trajectories/${trajectoryId}/legal-holds`;
  const holds = useLoad(() => api<{ items: Hold[] }>('GET', base), [trajectoryId]);
  const [lifting, setLifting] = useState<string | null>(null);
  const form = useForm(ZHoldCreate, { reason: '' }, async (data) => {
    await api('POST', base, data);
    form.reset({ reason: '' });
    holds.reload();
    return t('retention.holdSet');
  });
  return (
    <section aria-labelledby="dossier-holds" className="naast-card">
      <Heading2 id="dossier-holds">{t('retention.holdsTitle')}</Heading2>
      <Paragraph>{t('retention.holdsIntro')}</Paragraph>
      {holds.error ? <LoadError error={holds.error} onRetry={holds.reload} /> : null}
      {holds.data?.items.length ? (
        <UnorderedList>
          {holds.data.items.map((h) => (
            <UnorderedListItem key={h.id}>
              <strong>{h.liftedAt ? t('retention.holdLifted') : t('retention.holdActive')}</strong> · {formatDate(h.setAt, i18n.language)} · {h.reason}
              {h.liftReason ? ` (${h.liftReason})` : null}
              {!h.liftedAt ? (
                lifting === h.id ? (
                  <LiftForm
                    path={`${base}/${h.id}`}
                    onDone={() => {
                      setLifting(null);
                      holds.reload();
                    }}
                  />
                ) : (
                  <div>
                    <Button appearance="subtle-button" onClick={() => setLifting(h.id)}>
                      {t('retention.lift')}
                    </Button>
                  </div>
                )
              ) : null}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : holds.data ? (
        <Paragraph>{t('retention.noHolds')}</Paragraph>
      ) : null}
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        {form.notice ? <Paragraph role="status">{form.notice}</Paragraph> : null}
        <TextAreaField form={form} name="reason" label={t('retention.holdReason')} maxLength={NOTE_MAX} rows={2} />
        <Button type="submit" appearance="secondary-action-button" busy={form.busy}>
          {t('retention.setHold')}
        </Button>
      </form>
    </section>
  );
}

/** Issue 6: legal holds (bewaarplicht) on a dossier, for admins only (retention.manage); nothing otherwise. */
export function HoldSection({ dossier }: { dossier: TTrajectoryDossier; reason?: string; onChanged: () => void }) {
  const { user } = useSession();
  if (!can(user?.role, 'retention.manage')) return null;
  return <Holds trajectoryId={dossier.trajectory.id} />;
}
