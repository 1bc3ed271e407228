import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { ZMfaVerifyRequest } from '../../../shared/auth.js';
import { api } from '../../api.js';
import { useSession } from '../../session.js';
import { Page } from '../../shell/Page.js';
import { ErrorSummary, TextField, useForm } from '../../ui/form.js';
import { Button, Paragraph } from '../../ui/nlds.js';

/** Second step of signing in: the 6-digit code from the authenticator app, or a recovery code. */
export default function MfaVerify() {
  const { t } = useTranslation();
  const { refresh, signedOut } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const form = useForm(ZMfaVerifyRequest, { code: '' }, async (data) => {
    await api('POST', '/auth/mfa/verify', data);
    await refresh();
    await navigate(from, { replace: true });
  });
  const cancel = async () => {
    try {
      await api('POST', '/auth/logout');
    } catch {
      /* nothing to end */
    }
    signedOut(null);
    await navigate('/sign-in', { replace: true });
  };
  return (
    <Page title={t('verify.title')} narrow>
      <Paragraph>{t('verify.intro')}</Paragraph>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextField form={form} name="code" label={t('verify.codeLabel')} description={t('verify.codeHint')} autoComplete="one-time-code" spellCheck={false} maxLength={20} />
        <div className="naast-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy}>
            {t('verify.submit')}
          </Button>
          <Button appearance="secondary-action-button" onClick={() => void cancel()}>
            {t('verify.cancel')}
          </Button>
        </div>
      </form>
    </Page>
  );
}
