import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ZRole, type TRole } from '../../../shared/common.js';
import type { TOrganisationSettings } from '../../../shared/organisation.js';
import { ZInviteUserRequest, ZUserStatus, type TInvitation, type TUserSummary } from '../../../shared/users.js';
import { api } from '../../api.js';
import { formatDateTime } from '../../i18n.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Loading, Page } from '../../shell/Page.js';
import { ActionFeedback, Notice, useAction, usePagedList } from '../../ui/data.js';
import { Filters, type FilterValues } from '../../ui/filters.js';
import { ErrorSummary, LoadError, TextField, useForm } from '../../ui/form.js';
import { Button, Heading2, Paragraph, StatusBadge } from '../../ui/nlds.js';
import { PagedTable } from '../../ui/table.js';
import { useOrganisation } from '../organisations/useOrganisation.js';
import { RoleAndPlaceFields, StatusTag } from './fields.js';

function InviteForm({ org, onInvited }: { org: TOrganisationSettings; onInvited: () => void }) {
  const { t } = useTranslation();
  const empty = { email: '', displayName: '', role: 'volunteer' as TRole, locationIds: [] as string[], funderMunicipalityCode: undefined as string | undefined };
  const form = useForm(ZInviteUserRequest, empty, async (data) => {
    await api('POST', '/users/invitations', { ...data, funderMunicipalityCode: data.role === 'funder' ? data.funderMunicipalityCode : undefined });
    form.reset(empty);
    onInvited();
    return t('users.invited');
  });
  return (
    <section aria-labelledby="invite-heading" className="naast-card">
      <Heading2 id="invite-heading">{t('users.invite')}</Heading2>
      <Paragraph>{t('users.inviteIntro')}</Paragraph>
      <Notice>{form.notice}</Notice>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextField form={form} name="displayName" label={t('fields.displayName')} autoComplete="off" maxLength={120} />
        <TextField form={form} name="email" type="email" label={t('fields.email')} autoComplete="off" inputMode="email" spellCheck={false} />
        <RoleAndPlaceFields form={form} org={org} />
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('users.sendInvite')}
        </Button>
      </form>
    </section>
  );
}

function Invitations({ version }: { version: number }) {
  const { t } = useTranslation();
  const list = usePagedList<TInvitation>('/users/invitations', { limit: '50' }, version);
  const action = useAction();
  const act = (inv: TInvitation, kind: 'revoke' | 'resend') =>
    action.run(async () => {
      if (kind === 'revoke') await api('DELETE', `/users/invitations/${inv.id}`);
      else await api('POST', `/users/invitations/${inv.id}/resend`);
      list.reload();
      return t(kind === 'revoke' ? 'users.revoked' : 'users.resent', { name: inv.displayName });
    }, inv.id);
  return (
    <section aria-labelledby="invitations-heading">
      <Heading2 id="invitations-heading">{t('users.pending')}</Heading2>
      <ActionFeedback action={action} />
      <PagedTable
        list={list}
        empty={t('users.noPending')}
        caption={t('users.pending')}
        labelledBy="invitations-heading"
        rowKey={(inv) => inv.id}
        columns={[
          { header: t('fields.displayName'), cell: (inv) => inv.displayName },
          { header: t('fields.email'), cell: (inv) => inv.email },
          { header: t('fields.role'), cell: (inv) => t(`roles.${inv.role}`) },
          { header: t('users.expires'), cell: (inv) => (inv.status === 'expired' ? <StatusBadge status="warning">{t('users.expired')}</StatusBadge> : formatDateTime(inv.expiresAt)) },
          {
            header: t('users.actions'),
            cell: (inv) => (
              <div className="naast-actions">
                {inv.status === 'expired' ? (
                  <Button appearance="secondary-action-button" busy={action.isBusy(inv.id)} onClick={() => void act(inv, 'resend')}>
                    {t('users.resend')}
                    <span className="naast-visually-hidden"> {inv.displayName}</span>
                  </Button>
                ) : null}
                <Button appearance="secondary-action-button" hint="danger" busy={action.isBusy(inv.id)} onClick={() => void act(inv, 'revoke')}>
                  {t('users.revoke')}
                  <span className="naast-visually-hidden"> {inv.displayName}</span>
                </Button>
              </div>
            ),
          },
        ]}
      />
    </section>
  );
}

export default function UsersList() {
  const { t } = useTranslation();
  const { user } = useSession();
  const manage = can(user?.role, 'users.manage');
  const [filters, setFilters] = useState<FilterValues>({});
  const [version, setVersion] = useState(0);
  const list = usePagedList<TUserSummary>('/users', { ...filters, limit: '50' }, version);
  const org = useOrganisation();
  const locationName = (id: string) => org.data?.locations.find((l) => l.id === id)?.name ?? '';
  return (
    <Page title={t('users.title')}>
      <Paragraph>{t(manage ? 'users.introAdmin' : 'users.intro')}</Paragraph>
      <Filters
        label={t('users.filters')}
        fields={[
          { name: 'role', label: t('fields.role'), all: t('users.allRoles'), options: ZRole.options.map((r) => ({ value: r, label: t(`roles.${r}`) })) },
          { name: 'status', label: t('fields.status'), all: t('users.allStatuses'), options: ZUserStatus.options.map((s) => ({ value: s, label: t(`status.${s}`) })) },
        ]}
        onApply={setFilters}
      />
      <PagedTable
        list={list}
        empty={t('users.none')}
        caption={t('users.listLabel')}
        rowKey={(u) => u.id}
        columns={[
          {
            header: t('fields.displayName'),
            cell: (u) => (
              <RouterLink className="utrecht-link" to={`/users/${u.id}`}>
                {u.displayName}
              </RouterLink>
            ),
          },
          { header: t('fields.email'), cell: (u) => u.email },
          { header: t('fields.role'), cell: (u) => t(`roles.${u.role}`) },
          { header: t('fields.locations'), cell: (u) => u.locationIds.map(locationName).filter(Boolean).join(', ') || '—' },
          { header: t('fields.status'), cell: (u) => <StatusTag status={u.status} /> },
          { header: t('users.mfa'), cell: (u) => (u.mfaEnrolled ? t('common.yes') : t('common.no')) },
        ]}
      />
      {manage ? (
        <>
          {org.data ? <InviteForm org={org.data} onInvited={() => setVersion((v) => v + 1)} /> : org.error ? <LoadError error={org.error} onRetry={org.reload} /> : <Loading />}
          <Invitations version={version} />
        </>
      ) : null}
    </Page>
  );
}
