import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ZForgotPasswordRequest } from '../../../shared/auth.js';
import { api } from '../../api.js';
import { Page } from '../../shell/Page.js';
import { Notice } from '../../ui/data.js';
import { ErrorSummary, TextField, useForm } from '../../ui/form.js';
import { Button, Paragraph } from '../../ui/nlds.js';

export default function ForgotPassword() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const form = useForm(ZForgotPasswordRequest, { email: '' }, async (data) => {
    await api('POST', '/auth/password/forgot', data);
    setSent(true);
  });
  return (
    <Page title={t('forgot.title')} narrow>
      {sent ? (
        <Notice>{t('forgot.sent')}</Notice>
      ) : (
        <>
          <Paragraph>{t('forgot.intro')}</Paragraph>
          <form noValidate onSubmit={form.onSubmit}>
            <ErrorSummary form={form} />
            <TextField form={form} name="email" type="email" label={t('fields.email')} autoComplete="email" inputMode="email" spellCheck={false} />
            <div className="naast-actions">
              <Button type="submit" appearance="primary-action-button" busy={form.busy}>
                {t('forgot.submit')}
              </Button>
            </div>
          </form>
        </>
      )}
      <Paragraph>
        <RouterLink className="utrecht-link" to="/sign-in">
          {t('forgot.back')}
        </RouterLink>
      </Paragraph>
    </Page>
  );
}
