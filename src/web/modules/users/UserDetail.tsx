import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import type { TRole } from '../../../shared/common.js';
import type { TOrganisationSettings } from '../../../shared/organisation.js';
import { ACCESS_REASON_MAX, ACCESS_REASON_MIN, ZUpdateUserRequest, ZUserReadQuery, type TUserDetail } from '../../../shared/users.js';
import { api, ApiError } from '../../api.js';
import { formatDateTime } from '../../i18n.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Loading, Page } from '../../shell/Page.js';
import { ActionFeedback, Notice, useAction, useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, TextAreaField, useForm } from '../../ui/form.js';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph } from '../../ui/nlds.js';
import { useOrganisation } from '../organisations/useOrganisation.js';
import NotFound from '../home/NotFound.js';
import { RoleAndPlaceFields, StatusTag } from './fields.js';

function EditUser({ user, org, onSaved }: { user: TUserDetail; org: TOrganisationSettings; onSaved: (u: TUserDetail) => void }) {
  const { t } = useTranslation();
  const initial = { role: user.role as TRole, locationIds: user.locationIds, funderMunicipalityCode: user.funderMunicipalityCode ?? undefined };
  const form = useForm(ZUpdateUserRequest, initial, async (data) => {
    const body = data.role === 'funder' ? { role: data.role, funderMunicipalityCode: data.funderMunicipalityCode } : { role: data.role, locationIds: data.locationIds };
    const updated = await api<TUserDetail>('PATCH', `/users/${user.id}`, body);
    onSaved(updated);
    return t('common.saved');
  });
  return (
    <section aria-labelledby="edit-user" className="naast-card">
      <Heading2 id="edit-user">{t('user.edit')}</Heading2>
      <Notice>{form.notice}</Notice>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <RoleAndPlaceFields form={form} org={org} />
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('common.save')}
        </Button>
      </form>
    </section>
  );
}

function Activation({ user, onChanged }: { user: TUserDetail; onChanged: (u: TUserDetail) => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const deactivate = user.status === 'active';
  const go = () =>
    action.run(async () => {
      onChanged(await api<TUserDetail>('POST', `/users/${user.id}/${deactivate ? 'deactivate' : 'reactivate'}`));
      return t(deactivate ? 'user.deactivated' : 'user.reactivated');
    });
  return (
    <section aria-labelledby="user-access" className="naast-card">
      <Heading2 id="user-access">{t('user.access')}</Heading2>
      <ActionFeedback action={action} />
      <Paragraph>{t(deactivate ? 'user.deactivateIntro' : 'user.reactivateIntro')}</Paragraph>
      <Button appearance={deactivate ? 'secondary-action-button' : 'primary-action-button'} hint={deactivate ? 'danger' : undefined} busy={action.isBusy()} onClick={() => void go()}>
        {t(deactivate ? 'user.deactivate' : 'user.reactivate')}
      </Button>
    </section>
  );
}

/** The same rule as the server's `?reason=`, but required: this form exists to ask for it. */
const ZReasonForm = ZUserReadQuery.required();

/**
 * Break-the-glass: the record belongs to another location, so the server asks why (403
 * reason_required). The reason is sent once with the read and kept in the audit log; a later
 * visit asks again. The page names nobody: the person's name is part of what is asked for.
 */
function ReasonPage({ onReason }: { onReason: (reason: string) => Promise<void> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const form = useForm(ZReasonForm, { reason: '' }, ({ reason }) => onReason(reason));
  return (
    <Page title={t('user.reason.title')} narrow>
      <Paragraph>{t('user.reason.intro')}</Paragraph>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextAreaField
          form={form}
          name="reason"
          label={t('user.reason.label')}
          description={t('user.reason.hint', { min: ACCESS_REASON_MIN, max: ACCESS_REASON_MAX })}
          maxLength={ACCESS_REASON_MAX}
        />
        <div className="naast-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy}>
            {t('user.reason.submit')}
          </Button>
          <Button appearance="secondary-action-button" onClick={() => void navigate('/users')}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Page>
  );
}

export default function UserDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { user: me } = useSession();
  const detail = useLoad(() => api<TUserDetail>('GET', `/users/${encodeURIComponent(id)}`), [id]);
  const org = useOrganisation();
  const manage = can(me?.role, 'users.manage');

  if (detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400)) return <NotFound />;
  const u = detail.data;
  // A new key per view: the h1 of the page that replaces the other one gets focus (see Page).
  if (!u && detail.error instanceof ApiError && detail.error.code === 'reason_required')
    return (
      <ReasonPage
        key="reason"
        onReason={async (reason) => detail.setData(await api<TUserDetail>('GET', `/users/${encodeURIComponent(id)}?reason=${encodeURIComponent(reason)}`))}
      />
    );
  const locationNames = u ? u.locationIds.map((l) => org.data?.locations.find((x) => x.id === l)?.name).filter(Boolean).join(', ') : '';
  const municipality = u?.funderMunicipalityCode ? (org.data?.workArea.find((w) => w.municipalityCode === u.funderMunicipalityCode)?.municipalityName ?? u.funderMunicipalityCode) : null;
  return (
    <Page key="record" title={u ? u.displayName : t('user.title')}>
      <Paragraph>
        <RouterLink className="utrecht-link" to="/users">
          {t('user.back')}
        </RouterLink>
      </Paragraph>
      {detail.loading && !u ? (
        <Loading />
      ) : detail.error || !u ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : (
        <>
          <DataList>
            <DataListItem>
              <DataListKey>{t('fields.email')}</DataListKey>
              <DataListValue>{u.email}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('fields.role')}</DataListKey>
              <DataListValue>{t(`roles.${u.role}`)}</DataListValue>
            </DataListItem>
            {u.role === 'funder' ? (
              <DataListItem>
                <DataListKey>{t('users.municipality')}</DataListKey>
                <DataListValue>{municipality ?? '—'}</DataListValue>
              </DataListItem>
            ) : (
              <DataListItem>
                <DataListKey>{t('fields.locations')}</DataListKey>
                <DataListValue>{locationNames || '—'}</DataListValue>
              </DataListItem>
            )}
            <DataListItem>
              <DataListKey>{t('fields.status')}</DataListKey>
              <DataListValue>
                <StatusTag status={u.status} />
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('users.mfa')}</DataListKey>
              <DataListValue>{u.mfaEnrolled ? t('common.yes') : t('common.no')}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('fields.language')}</DataListKey>
              <DataListValue>{t(`language.${u.language}`)}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('user.created')}</DataListKey>
              <DataListValue>{formatDateTime(u.createdAt)}</DataListValue>
            </DataListItem>
          </DataList>
          {manage && u.id !== me?.id ? (
            <div className="naast-grid">
              {org.data ? <EditUser key={u.id} user={u} org={org.data} onSaved={detail.setData} /> : <Loading />}
              <Activation user={u} onChanged={detail.setData} />
            </div>
          ) : manage ? (
            <Paragraph>{t('user.self')}</Paragraph>
          ) : null}
        </>
      )}
    </Page>
  );
}
