import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ZEmail } from '../../../shared/common.js';
import type { TParentAccountStatus } from '../../../shared/portal.js';
import type { TTrajectoryDossier } from '../../../shared/trajectories.js';
import { api } from '../../api.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Notice, useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, TextField, useForm } from '../../ui/form.js';
import { Button, Heading2, Paragraph } from '../../ui/nlds.js';

const ZInviteForm = z.object({ email: ZEmail, displayName: z.string().trim().max(120) });
const q = (reason?: string) => (reason ? `?${new URLSearchParams({ reason })}` : '');

/**
 * Issue 6 dossier section: whether the family's parent can sign in (active / invited / not yet), and
 * the coordinator's invitation (the mail holds no names). Only for users with parents.invite.
 */
export function InviteParent(props: { dossier: TTrajectoryDossier; reason?: string; onChanged: () => void }) {
  const { user } = useSession();
  if (!user || !can(user.role, 'parents.invite')) return null;
  return <InviteParentSection {...props} />;
}

function InviteParentSection({ dossier, reason }: { dossier: TTrajectoryDossier; reason?: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const id = dossier.trajectory.id;
  const base = `/trajectories/${encodeURIComponent(id)}`;
  const status = useLoad(() => api<TParentAccountStatus>('GET', `${base}/parent-account${q(reason)}`), [id, reason]);
  const [formOpen, setFormOpen] = useState(false);
  const form = useForm(ZInviteForm, { email: '', displayName: '' }, async (data) => {
    const body = { email: data.email, ...(data.displayName ? { displayName: data.displayName } : {}) };
    const next = await api<TParentAccountStatus>('POST', `${base}/parent-invitation${q(reason)}`, body);
    status.setData(next);
    setFormOpen(false);
    return t('parentPortal.invite.sent');
  });
  const s = status.data;
  const date = (iso: string | null) => (iso ? new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso)) : '');
  const ended = dossier.trajectory.phase === 'ended';
  return (
    <section className="naast-card" aria-labelledby="dossier-parent-account">
      <Heading2 id="dossier-parent-account">{t('parentPortal.invite.title')}</Heading2>
      {status.error ? <LoadError error={status.error} onRetry={status.reload} /> : null}
      {form.notice ? <Notice>{form.notice}</Notice> : null}
      {s ? (
        <Paragraph data-testid="parent-account-status">
          <strong>{t(`parentPortal.invite.status.${s.status}`, { email: s.email ?? '', date: date(s.expiresAt) })}</strong>
        </Paragraph>
      ) : null}
      {s && s.status !== 'active' && !ended ? (
        <>
          <Paragraph>{t('parentPortal.invite.intro')}</Paragraph>
          {formOpen ? (
            <form noValidate onSubmit={form.onSubmit} aria-label={t('parentPortal.invite.title')}>
              <ErrorSummary form={form} />
              <TextField form={form} name="email" type="email" label={t('parentPortal.invite.email')} autoComplete="off" inputMode="email" spellCheck={false} />
              <TextField form={form} name="displayName" label={t('parentPortal.invite.displayName')} description={t('parentPortal.invite.displayNameHint')} autoComplete="off" maxLength={120} />
              <div className="naast-actions">
                <Button type="submit" appearance="primary-action-button" busy={form.busy}>
                  {t('parentPortal.invite.submit')}
                </Button>
              </div>
            </form>
          ) : (
            <div className="naast-actions">
              <Button appearance="secondary-action-button" onClick={() => setFormOpen(true)}>
                {s.status === 'none' ? t('parentPortal.invite.submit') : t('parentPortal.invite.again')}
              </Button>
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}
