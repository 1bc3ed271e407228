import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import { ZResetPasswordRequest } from '../../../shared/auth.js';
import { api } from '../../api.js';
import { useSession } from '../../session.js';
import { Page } from '../../shell/Page.js';
import { ErrorSummary, TextField, useForm } from '../../ui/form.js';
import { Alert, Button, Paragraph } from '../../ui/nlds.js';
import { takeHashToken } from './hash.js';

/** Opened from the reset mail: /reset-password#token=… */
export default function ResetPassword() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { signedOut } = useSession();
  const [token] = useState(() => takeHashToken());
  const form = useForm(ZResetPasswordRequest, { token: token ?? '', password: '' }, async (data) => {
    await api('POST', '/auth/password/reset', data);
    signedOut('password_reset');
    await navigate('/sign-in', { replace: true });
  });
  return (
    <Page title={t('reset.title')} narrow>
      {!token ? (
        <Alert type="warning">
          <Paragraph>{t('reset.noToken')}</Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{t('reset.intro')}</Paragraph>
          <form noValidate onSubmit={form.onSubmit}>
            <ErrorSummary form={form} />
            <TextField form={form} name="password" type="password" label={t('fields.newPassword')} description={t('password.hint')} autoComplete="new-password" />
            <div className="naast-actions">
              <Button type="submit" appearance="primary-action-button" busy={form.busy}>
                {t('reset.submit')}
              </Button>
            </div>
          </form>
        </>
      )}
      <Paragraph>
        <RouterLink className="utrecht-link" to="/forgot-password">
          {t('reset.newLink')}
        </RouterLink>
      </Paragraph>
    </Page>
  );
}
