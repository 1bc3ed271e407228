import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import { ZLoginRequest } from '../../../shared/auth.js';
import { ZSignInLinkRequest } from '../../../shared/portal.js';
import { api } from '../../api.js';
import { useSession } from '../../session.js';
import { Page } from '../../shell/Page.js';
import { Notice } from '../../ui/data.js';
import { ErrorSummary, TextField, useForm } from '../../ui/form.js';
import { Alert, Button, Heading2, Paragraph } from '../../ui/nlds.js';

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
      <SignInLinkOption />
    </Page>
  );
}

/** Issue 6: parents may sign in without a password, with a single-use link by mail (15 minutes). */
function SignInLinkOption() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const form = useForm(ZSignInLinkRequest, { email: '' }, async (data) => {
    await api('POST', '/auth/sign-in-link', data);
    setSent(true);
  });
  return (
    <section aria-labelledby="sign-in-link-heading">
      <Heading2 id="sign-in-link-heading">{t('parentPortal.signInLink.heading')}</Heading2>
      <Paragraph>{t('parentPortal.signInLink.intro')}</Paragraph>
      {sent ? (
        <Notice>{t('parentPortal.signInLink.sent')}</Notice>
      ) : open ? (
        <form noValidate onSubmit={form.onSubmit} aria-label={t('parentPortal.signInLink.heading')}>
          <ErrorSummary form={form} />
          <TextField form={form} name="email" type="email" label={t('fields.email')} autoComplete="email" inputMode="email" spellCheck={false} />
          <div className="naast-actions">
            <Button type="submit" appearance="primary-action-button" busy={form.busy}>
              {t('parentPortal.signInLink.send')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="naast-actions">
          <Button type="button" appearance="secondary-action-button" onClick={() => setOpen(true)}>
            {t('parentPortal.signInLink.open')}
          </Button>
        </div>
      )}
    </section>
  );
}
