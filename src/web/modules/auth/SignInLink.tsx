import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import { ZSignInLinkConsumeRequest } from '../../../shared/portal.js';
import { api } from '../../api.js';
import { pendingStep, useSession } from '../../session.js';
import { Page } from '../../shell/Page.js';
import { ErrorSummary, useForm } from '../../ui/form.js';
import { Alert, Button, Paragraph } from '../../ui/nlds.js';
import { takeHashToken } from './hash.js';

/**
 * Opened from the sign-in link mail: /inloggen/link#token=… The link is used only when the person
 * presses the button, not on page load: mail scanners that open links do not use it up.
 */
export default function SignInLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [token] = useState(() => takeHashToken());
  const form = useForm(ZSignInLinkConsumeRequest, { token: token ?? '' }, async (data) => {
    await api('POST', '/auth/sign-in-link/consume', data);
    const user = await refresh();
    const step = user ? pendingStep(user) : null;
    await navigate(step ?? (user?.role === 'parent' ? '/mijn-gezin' : '/'), { replace: true });
  });
  return (
    <Page title={t('parentPortal.signInLink.pageTitle')} narrow>
      {!token ? (
        <Alert type="warning">
          <Paragraph>{t('parentPortal.signInLink.noToken')}</Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{t('parentPortal.signInLink.pageIntro')}</Paragraph>
          <form noValidate onSubmit={form.onSubmit} aria-label={t('parentPortal.signInLink.pageTitle')}>
            <ErrorSummary form={form} />
            <div className="naast-actions">
              <Button type="submit" appearance="primary-action-button" busy={form.busy}>
                {t('parentPortal.signInLink.submit')}
              </Button>
            </div>
          </form>
        </>
      )}
      <Paragraph>
        <RouterLink className="utrecht-link" to="/sign-in">
          {t('parentPortal.signInLink.newLink')}
        </RouterLink>
      </Paragraph>
    </Page>
  );
}
