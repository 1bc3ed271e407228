import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import { ZLoginRequest } from '../../../shared/auth.js';
import { api } from '../../api.js';
import { useSession } from '../../session.js';
import { Page } from '../../shell/Page.js';
import { ErrorSummary, TextField, useForm } from '../../ui/form.js';
import { Alert, Button, Paragraph } from '../../ui/nlds.js';

type LoginNext = { next: 'done' | 'mfa' | 'mfa_enrol' };

export default function SignIn() {
  const { t } = useTranslation();
  const { refresh, reason, clearReason } = useSession();
  const location = useLocation();
  const state = (location.state ?? {}) as { required?: boolean };

  // After a correct password the session changes; SignedOutOnly (App.tsx) then moves on to
  // two-factor or to the page that was asked for.
  const form = useForm(ZLoginRequest, { email: '', password: '' }, async (data) => {
    await api<LoginNext>('POST', '/auth/login', data);
    await refresh();
  });

  // The reason is shown once; a later visit to this page starts clean.
  const [shownReason] = useState(reason);
  useEffect(() => clearReason(), [clearReason]);

  const message = shownReason === 'expired' ? t('signIn.expired') : shownReason === 'signed_out' ? t('signIn.signedOut') : shownReason === 'password_reset' ? t('signIn.passwordReset') : state.required ? t('signIn.required') : null;

  return (
    <Page title={t('signIn.title')} narrow>
      {message ? (
        <Alert type={shownReason === 'expired' || state.required ? 'warning' : 'ok'}>
          <Paragraph>{message}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>{t('signIn.intro')}</Paragraph>
      <form noValidate onSubmit={form.onSubmit} aria-label={t('signIn.title')}>
        <ErrorSummary form={form} />
        <TextField form={form} name="email" type="email" label={t('fields.email')} autoComplete="username" inputMode="email" spellCheck={false} />
        <TextField form={form} name="password" type="password" label={t('fields.password')} autoComplete="current-password" />
        <div className="naast-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy}>
            {form.busy ? t('signIn.busy') : t('signIn.submit')}
          </Button>
        </div>
      </form>
      <Paragraph>
        <RouterLink className="utrecht-link" to="/forgot-password">
          {t('signIn.forgot')}
        </RouterLink>
      </Paragraph>
    </Page>
  );
}
