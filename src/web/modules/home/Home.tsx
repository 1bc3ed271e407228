import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { TRole } from '../../../shared/common.js';
import { useSession } from '../../session.js';
import { Page } from '../../shell/Page.js';
import { Empty } from '../../ui/data.js';
import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from '../../ui/nlds.js';

/** What each role will find here once later issues land; until then an empty state that says so. */
const LINKS: Partial<Record<TRole, Array<{ to: string; key: string }>>> = {
  admin: [
    { to: '/users', key: 'home.links.users' },
    { to: '/organisation', key: 'home.links.organisation' },
    { to: '/audit-log', key: 'home.links.auditLog' },
  ],
  coordinator: [
    { to: '/users', key: 'home.links.team' },
    { to: '/organisation', key: 'home.links.locations' },
  ],
};

export default function Home() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user) return null;
  const role = user.role;
  const links = LINKS[role] ?? [];
  return (
    <Page title={t('home.title', { name: user.displayName })}>
      <Paragraph>{t(`home.${role}.intro`)}</Paragraph>
      <Heading2>{t(`home.${role}.section`)}</Heading2>
      <Empty title={t(`home.${role}.emptyTitle`)}>
        <Paragraph>{t(`home.${role}.emptyText`)}</Paragraph>
      </Empty>
      {links.length ? (
        <>
          <Heading2>{t('home.quickLinks')}</Heading2>
          <UnorderedList>
            {links.map((l) => (
              <UnorderedListItem key={l.to}>
                <RouterLink className="utrecht-link" to={l.to}>
                  {t(l.key)}
                </RouterLink>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      ) : null}
      <Heading2>{t('home.yourAccount')}</Heading2>
      <Paragraph>
        {t('home.accountText')}{' '}
        <RouterLink className="utrecht-link" to="/profile">
          {t('nav.profile')}
        </RouterLink>
      </Paragraph>
    </Page>
  );
}
