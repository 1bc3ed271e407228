import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import type { z } from 'zod';
import { ZAcceptInvitationRequest, type ZInvitationInfo } from '../../../shared/auth.js';
import { api } from '../../api.js';
import { formatDateTime } from '../../i18n.js';
import { useSession } from '../../session.js';
import { Loading, Page } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, TextField, useForm } from '../../ui/form.js';
import { Alert, Button, Paragraph } from '../../ui/nlds.js';
import { takeHashToken } from './hash.js';

type TInvitationInfo = z.infer<typeof ZInvitationInfo>;

function AcceptForm({ token, info }: { token: string; info: TInvitationInfo }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const form = useForm(ZAcceptInvitationRequest, { token, displayName: info.displayName, password: '' }, async (data) => {
    const res = await api<{ next: 'done' | 'mfa' | 'mfa_enrol' }>('POST', '/auth/invitations/accept', data);
    await refresh();
    await navigate(res.next === 'mfa_enrol' ? '/sign-in/enrol' : res.next === 'mfa' ? '/sign-in/code' : '/', { replace: true });
  });
  return (
    <>
      <Paragraph>{t('invitation.intro', { org: info.orgName, role: t(`roles.${info.role}`) })}</Paragraph>
      <Paragraph>{t('invitation.account', { email: info.email })}</Paragraph>
      {info.expiresAt ? <Paragraph>{t('invitation.expires', { when: formatDateTime(info.expiresAt) })}</Paragraph> : null}
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextField form={form} name="displayName" label={t('fields.displayName')} description={t('invitation.nameHint')} autoComplete="name" maxLength={120} />
        <TextField form={form} name="password" type="password" label={t('invitation.passwordLabel')} description={t('password.hint')} autoComplete="new-password" />
        <div className="naast-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy}>
            {t('invitation.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}

/** Opened from the invitation mail: /invitation#token=… */
export default function AcceptInvitation() {
  const { t } = useTranslation();
  const [token] = useState(() => takeHashToken());
  const info = useLoad(() => (token ? api<TInvitationInfo>('POST', '/auth/invitations/inspect', { token }) : Promise.resolve(null)), [token]);
  return (
    <Page title={t('invitation.title')} narrow>
      {!token ? (
        <Alert type="warning">
          <Paragraph>{t('invitation.noToken')}</Paragraph>
        </Alert>
      ) : info.loading ? (
        <Loading />
      ) : info.error || !info.data ? (
        <>
          <LoadError error={info.error} />
          <Paragraph>{t('invitation.askAgain')}</Paragraph>
        </>
      ) : (
        <AcceptForm token={token} info={info.data} />
      )}
      <Paragraph>
        <RouterLink className="utrecht-link" to="/sign-in">
          {t('invitation.haveAccount')}
        </RouterLink>
      </Paragraph>
    </Page>
  );
}
