import { useState, type ChangeEvent, type FormEvent } from 'react';
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
import { LoadMore, Notice, usePagedList } from '../../ui/data.js';
import { CheckboxGroup, ErrorSummary, LoadError, SelectField, TextField, useForm } from '../../ui/form.js';
import {
  Button,
  FormField,
  FormLabel,
  Heading2,
  Paragraph,
  Select,
  SelectOption,
  StatusBadge,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '../../ui/nlds.js';
import { useOrganisation } from '../organisations/useOrganisation.js';

const ROLES = ZRole.options;
const STATUSES = ZUserStatus.options;

function Filters({ onApply }: { onApply: (f: { role?: string; status?: string }) => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ role: role || undefined, status: status || undefined });
  };
  return (
    <form className="naast-filters" onSubmit={submit} aria-label={t('users.filters')}>
      <FormField label={<FormLabel htmlFor="filter-role">{t('fields.role')}</FormLabel>} input={
        <Select id="filter-role" value={role} onChange={(e: ChangeEvent<HTMLSelectElement>) => setRole(e.target.value)}>
          <SelectOption value="">{t('users.allRoles')}</SelectOption>
          {ROLES.map((r) => (
            <SelectOption key={r} value={r}>
              {t(`roles.${r}`)}
            </SelectOption>
          ))}
        </Select>
      } />
      <FormField label={<FormLabel htmlFor="filter-status">{t('fields.status')}</FormLabel>} input={
        <Select id="filter-status" value={status} onChange={(e: ChangeEvent<HTMLSelectElement>) => setStatus(e.target.value)}>
          <SelectOption value="">{t('users.allStatuses')}</SelectOption>
          {STATUSES.map((s) => (
            <SelectOption key={s} value={s}>
              {t(`status.${s}`)}
            </SelectOption>
          ))}
        </Select>
      } />
      <div className="naast-actions">
        <Button type="submit" appearance="secondary-action-button">
          {t('users.applyFilters')}
        </Button>
      </div>
    </form>
  );
}

export function StatusTag({ status }: { status: 'active' | 'deactivated' }) {
  const { t } = useTranslation();
  return <StatusBadge status={status === 'active' ? 'safe' : 'danger'}>{t(`status.${status}`)}</StatusBadge>;
}

function InviteForm({ org, onInvited }: { org: TOrganisationSettings; onInvited: () => void }) {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const empty = { email: '', displayName: '', role: 'volunteer' as TRole, locationIds: [] as string[], funderMunicipalityCode: undefined as string | undefined };
  const form = useForm(ZInviteUserRequest, empty, async (data) => {
    setDone(false);
    await api('POST', '/users/invitations', { ...data, funderMunicipalityCode: data.role === 'funder' ? data.funderMunicipalityCode : undefined });
    form.reset(empty);
    setDone(true);
    onInvited();
  });
  return (
    <section aria-labelledby="invite-heading" className="naast-card">
      <Heading2 id="invite-heading">{t('users.invite')}</Heading2>
      <Paragraph>{t('users.inviteIntro')}</Paragraph>
      {done ? <Notice>{t('users.invited')}</Notice> : null}
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextField form={form} name="displayName" label={t('fields.displayName')} autoComplete="off" maxLength={120} />
        <TextField form={form} name="email" type="email" label={t('fields.email')} autoComplete="off" inputMode="email" spellCheck={false} />
        <SelectField form={form} name="role" label={t('fields.role')} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        {form.values.role !== 'funder' ? (
          <CheckboxGroup form={form} name="locationIds" label={t('fields.locations')} description={t('users.locationsHint')} options={org.locations.map((l) => ({ value: l.id, label: l.name }))} />
        ) : (
          <SelectField
            form={form}
            name="funderMunicipalityCode"
            label={t('users.municipality')}
            description={t('users.municipalityHint')}
            placeholder={t('users.chooseMunicipality')}
            options={org.workArea.map((w) => ({ value: w.municipalityCode, label: w.municipalityName }))}
          />
        )}
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
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const act = async (inv: TInvitation, kind: 'revoke' | 'resend') => {
    setBusy(inv.id);
    setError(null);
    setNotice(null);
    try {
      if (kind === 'revoke') await api('DELETE', `/users/invitations/${inv.id}`);
      else await api('POST', `/users/invitations/${inv.id}/resend`);
      setNotice(t(kind === 'revoke' ? 'users.revoked' : 'users.resent', { name: inv.displayName }));
      list.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section aria-labelledby="invitations-heading">
      <Heading2 id="invitations-heading">{t('users.pending')}</Heading2>
      {notice ? <Notice>{notice}</Notice> : null}
      {error ? <LoadError error={error} /> : null}
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Paragraph>{t('users.noPending')}</Paragraph>
      ) : (
        <div className="naast-table-wrap" tabIndex={0} role="region" aria-labelledby="invitations-heading">
          <Table>
            <TableCaption className="naast-visually-hidden">{t('users.pending')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('fields.displayName')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('fields.email')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('fields.role')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.expires')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('users.actions')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.items.map((inv) => (
                <TableRow key={inv.id}>
                  <TableCell>{inv.displayName}</TableCell>
                  <TableCell>{inv.email}</TableCell>
                  <TableCell>{t(`roles.${inv.role}`)}</TableCell>
                  <TableCell>{inv.status === 'expired' ? <StatusBadge status="warning">{t('users.expired')}</StatusBadge> : formatDateTime(inv.expiresAt)}</TableCell>
                  <TableCell>
                    <div className="naast-actions">
                      {inv.status === 'expired' ? (
                        <Button appearance="secondary-action-button" busy={busy === inv.id} onClick={() => void act(inv, 'resend')}>
                          {t('users.resend')}
                          <span className="naast-visually-hidden"> {inv.displayName}</span>
                        </Button>
                      ) : null}
                      <Button appearance="secondary-action-button" hint="danger" busy={busy === inv.id} onClick={() => void act(inv, 'revoke')}>
                        {t('users.revoke')}
                        <span className="naast-visually-hidden"> {inv.displayName}</span>
                      </Button>
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}

export default function UsersList() {
  const { t } = useTranslation();
  const { user } = useSession();
  const manage = can(user?.role, 'users.manage');
  const [filters, setFilters] = useState<{ role?: string; status?: string }>({});
  const [version, setVersion] = useState(0);
  const list = usePagedList<TUserSummary>('/users', { ...filters, limit: '50' }, version);
  const org = useOrganisation();
  const locationName = (id: string) => org.data?.locations.find((l) => l.id === id)?.name ?? '';
  return (
    <Page title={t('users.title')}>
      <Paragraph>{t(manage ? 'users.introAdmin' : 'users.intro')}</Paragraph>
      <Filters onApply={setFilters} />
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Paragraph>{t('users.none')}</Paragraph>
      ) : (
        <>
          <div className="naast-table-wrap" tabIndex={0} role="region" aria-label={t('users.listLabel')}>
            <Table>
              <TableCaption className="naast-visually-hidden">{t('users.listLabel')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('fields.displayName')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('fields.email')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('fields.role')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('fields.locations')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('fields.status')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('users.mfa')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.items.map((u) => (
                  <TableRow key={u.id}>
                    <TableCell>
                      <RouterLink className="utrecht-link" to={`/users/${u.id}`}>
                        {u.displayName}
                      </RouterLink>
                    </TableCell>
                    <TableCell>{u.email}</TableCell>
                    <TableCell>{t(`roles.${u.role}`)}</TableCell>
                    <TableCell>{u.locationIds.map(locationName).filter(Boolean).join(', ') || '—'}</TableCell>
                    <TableCell>
                      <StatusTag status={u.status} />
                    </TableCell>
                    <TableCell>{u.mfaEnrolled ? t('common.yes') : t('common.no')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <LoadMore hasMore={list.hasMore} busy={list.loadingMore} onClick={list.loadMore} shown={list.items.length} />
        </>
      )}
      {manage ? (
        <>
          {org.data ? <InviteForm org={org.data} onInvited={() => setVersion((v) => v + 1)} /> : org.error ? <LoadError error={org.error} onRetry={org.reload} /> : <Loading />}
          <Invitations version={version} />
        </>
      ) : null}
    </Page>
  );
}
