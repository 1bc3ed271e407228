import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { Page } from '../../shell/Page.js';
import { useSession } from '../../session.js';
import { Paragraph } from '../../ui/nlds.js';

/** 404: also shown for pages the user's role may not open (the same answer as the API gives). */
export default function NotFound() {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <Page title={t('notFound.title')}>
      <Paragraph>{t('notFound.text')}</Paragraph>
      <Paragraph>
        <RouterLink className="utrecht-link" to={user ? '/' : '/sign-in'}>
          {user ? t('notFound.home') : t('notFound.signIn')}
        </RouterLink>
      </Paragraph>
    </Page>
  );
}
