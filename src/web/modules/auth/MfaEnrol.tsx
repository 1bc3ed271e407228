import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../../session.js';
import { Page } from '../../shell/Page.js';
import { Paragraph } from '../../ui/nlds.js';
import { EnrolFlow } from './EnrolFlow.js';

/** First sign-in of a staff member: two-factor must be set up before anything else. */
export default function MfaEnrol() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  return (
    <Page title={t('enrol.title')} narrow>
      <Paragraph>{t('enrol.intro')}</Paragraph>
      <EnrolFlow
        onDone={() => {
          void refresh().then(() => navigate(from, { replace: true }));
        }}
      />
    </Page>
  );
}
