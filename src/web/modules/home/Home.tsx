import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { TRole } from '../../../shared/common.js';
import { useSession } from '../../session.js';
import { Page } from '../../shell/Page.js';
import { Empty } from '../../ui/data.js';
import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from '../../ui/nlds.js';
import { PendingOffersNotice } from '../matching/PendingOffers.js';
import { FamilyOverview } from '../portal/ParentHome.js';

type HomeLink = { to: string; key: string };

/** The role's daily work, shown under the section heading. */
const WORK: Partial<Record<TRole, HomeLink[]>> = {
  admin: [{ to: '/trajecten', key: 'home.links.trajectories' }],
  coordinator: [
    { to: '/trajecten', key: 'home.links.trajectories' },
    { to: '/aanmeldingen', key: 'home.links.inbox' },
    { to: '/aanmeldingen/nieuw', key: 'home.links.newApplication' },
    { to: '/wachtlijst', key: 'home.links.waitingList' },
    { to: '/wachtlijst/voorstel', key: 'home.links.proposal' },
    { to: '/vrijwilligers', key: 'home.links.volunteers' },
  ],
  volunteer: [
    { to: '/mijn-gezinnen', key: 'home.links.myFamilies' },
    { to: '/mijn-koppelingen', key: 'home.links.myOffers' },
    { to: '/mijn-beschikbaarheid', key: 'home.links.myAvailability' },
  ],
  parent: [
    { to: '/mijn-gezin', key: 'portal.nav' },
    { to: '/mijn-aanmelding', key: 'home.links.myApplication' },
  ],
};

/** Settings and team, after the work. */
const LINKS: Partial<Record<TRole, HomeLink[]>> = {
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

function LinkList({ links }: { links: HomeLink[] }) {
  const { t } = useTranslation();
  return (
    <UnorderedList>
      {links.map((l) => (
        <UnorderedListItem key={l.to}>
          <RouterLink className="utrecht-link" to={l.to}>
            {t(l.key)}
          </RouterLink>
        </UnorderedListItem>
      ))}
    </UnorderedList>
  );
}

export default function Home() {
  const { t } = useTranslation();
  const { user } = useSession();
  if (!user) return null;
  const role = user.role;
  const work = WORK[role] ?? [];
  const links = LINKS[role] ?? [];
  return (
    <Page title={t('home.title', { name: user.displayName })}>
      <Paragraph>{t(`home.${role}.intro`)}</Paragraph>
      {role === 'volunteer' ? <PendingOffersNotice /> : null}
      <Heading2>{t(`home.${role}.section`)}</Heading2>
      {/* Issue 6: a parent's home shows the portal (their family, in plain words). */}
      {role === 'parent' ? (
        <FamilyOverview />
      ) : (
        <Empty title={t(`home.${role}.emptyTitle`)}>
          <Paragraph>{t(`home.${role}.emptyText`)}</Paragraph>
        </Empty>
      )}
      {work.length ? <LinkList links={work} /> : null}
      {links.length ? (
        <>
          <Heading2>{t('home.quickLinks')}</Heading2>
          <LinkList links={links} />
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
