import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AFTERCARE_MONTHS_SETTING,
  RETENTION_MONTHS_SETTING,
  FIRST_CONTACT_WORKING_DAYS,
  MAX_FAMILIES_PER_VOLUNTEER,
  TRAJECTORY_NORM_MONTHS,
  ZFunding,
  ZLocationRequest,
  ZMunicipalityCode,
  ZUpdateOrganisationRequest,
  ZWorkAreaRequest,
  type TMunicipality,
  type TOrganisationSettings,
  type TWorkAreaEntry,
} from '../../../shared/organisation.js';
import { api } from '../../api.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Loading, Page } from '../../shell/Page.js';
import { ActionFeedback, Notice, useAction, useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, SelectField, TextField, useForm } from '../../ui/form.js';
import { Button, Checkbox, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '../../ui/nlds.js';
import { CheckboxField } from '../../ui/fields.js';
import { flatSchema, int, type Flat } from '../intake/nested.js';
import { DataTable } from '../../ui/table.js';
import { useOrganisation } from './useOrganisation.js';

type Reload = () => void;

/** The address an organisation puts on its website: parents apply there without an account. */
function PublicForm({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const href = `/aanmelden/${orgId}`;
  return (
    <section aria-labelledby="org-public-form" className="naast-card">
      <Heading2 id="org-public-form">{t('org.publicForm')}</Heading2>
      <Paragraph>{t('org.publicFormIntro')}</Paragraph>
      <Paragraph>
        <code className="naast-code">{`${window.location.origin}${href}`}</code>
      </Paragraph>
      <Paragraph>
        <a className="utrecht-link" href={href} target="_blank" rel="noreferrer">
          {t('org.publicFormOpen')}
        </a>
      </Paragraph>
    </section>
  );
}

function NameForm({ name, onSaved }: { name: string; onSaved: Reload }) {
  const { t } = useTranslation();
  const form = useForm(ZUpdateOrganisationRequest, { name }, async (data) => {
    await api('PATCH', '/organisation', data);
    onSaved();
    return t('common.saved');
  });
  return (
    <section aria-labelledby="org-name" className="naast-card">
      <Heading2 id="org-name">{t('org.name')}</Heading2>
      <Notice>{form.notice}</Notice>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextField form={form} name="name" label={t('org.nameLabel')} autoComplete="organization" maxLength={120} />
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('common.save')}
        </Button>
      </form>
    </section>
  );
}

/** Service norms: first contact within N working days, a volunteer's caseload limit, the trajectory norm and aftercare. */
function Norms({ org, manage, onSaved }: { org: TOrganisationSettings; manage: boolean; onSaved: Reload }) {
  const { t } = useTranslation();
  const schema = flatSchema(ZUpdateOrganisationRequest, (v: Flat) => ({
    firstContactWorkingDays: int(v.firstContactWorkingDays),
    maxFamiliesPerVolunteer: int(v.maxFamiliesPerVolunteer),
    trajectoryNormMonths: int(v.trajectoryNormMonths),
    aftercareMonths: int(v.aftercareMonths),
    retentionMonths: int(v.retentionMonths),
  }));
  const initial: Flat = {
    firstContactWorkingDays: String(org.firstContactWorkingDays),
    maxFamiliesPerVolunteer: String(org.maxFamiliesPerVolunteer),
    trajectoryNormMonths: String(org.trajectoryNormMonths),
    aftercareMonths: String(org.aftercareMonths),
    retentionMonths: String(org.retentionMonths),
  };
  const form = useForm(schema, initial, async (data) => {
    await api('PATCH', '/organisation', data);
    onSaved();
    return t('common.saved');
  });
  return (
    <section aria-labelledby="org-norms" className="naast-card">
      <Heading2 id="org-norms">{t('intakeSettings.norms')}</Heading2>
      <Paragraph>{t('intakeSettings.normsIntro')}</Paragraph>
      {manage ? (
        <>
          <Notice>{form.notice}</Notice>
          <form noValidate onSubmit={form.onSubmit}>
            <ErrorSummary form={form} />
            <TextField
              form={form}
              name="firstContactWorkingDays"
              label={t('intakeSettings.firstContactDays')}
              description={t('intakeSettings.firstContactDaysHint', FIRST_CONTACT_WORKING_DAYS)}
              inputMode="numeric"
              maxLength={2}
            />
            <TextField
              form={form}
              name="maxFamiliesPerVolunteer"
              label={t('intakeSettings.maxFamilies')}
              description={t('intakeSettings.maxFamiliesHint', MAX_FAMILIES_PER_VOLUNTEER)}
              inputMode="numeric"
              maxLength={2}
            />
            <TextField
              form={form}
              name="trajectoryNormMonths"
              label={t('orgNorms.trajectoryNormMonths')}
              description={t('orgNorms.trajectoryNormMonthsHint', TRAJECTORY_NORM_MONTHS)}
              inputMode="numeric"
              maxLength={2}
            />
            <TextField
              form={form}
              name="aftercareMonths"
              label={t('orgNorms.aftercareMonths')}
              description={t('orgNorms.aftercareMonthsHint', AFTERCARE_MONTHS_SETTING)}
              inputMode="numeric"
              maxLength={2}
            />
            <TextField
              form={form}
              name="retentionMonths"
              label={t('retention.months')}
              description={t('retention.monthsHint', RETENTION_MONTHS_SETTING)}
              inputMode="numeric"
              maxLength={3}
            />
            <Button type="submit" appearance="primary-action-button" busy={form.busy}>
              {t('common.save')}
            </Button>
          </form>
        </>
      ) : (
        <DataList>
          <DataListItem>
            <DataListKey>{t('intakeSettings.firstContactDays')}</DataListKey>
            <DataListValue>{org.firstContactWorkingDays}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('intakeSettings.maxFamilies')}</DataListKey>
            <DataListValue>{org.maxFamiliesPerVolunteer}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('orgNorms.trajectoryNormMonths')}</DataListKey>
            <DataListValue>{org.trajectoryNormMonths}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('orgNorms.aftercareMonths')}</DataListKey>
            <DataListValue>{org.aftercareMonths}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('retention.months')}</DataListKey>
            <DataListValue>{org.retentionMonths}</DataListValue>
          </DataListItem>
        </DataList>
      )}
    </section>
  );
}

function LocationRow({ id, name, manage, onChanged }: { id: string; name: string; manage: boolean; onChanged: (msg: string) => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const form = useForm(ZLocationRequest, { name }, async (data) => {
    await api('PATCH', `/organisation/locations/${id}`, data);
    setEditing(false);
    onChanged(t('org.locationRenamed', { name: data.name }));
  });
  const remove = () =>
    action.run(async () => {
      await api('DELETE', `/organisation/locations/${id}`);
      onChanged(t('org.locationDeleted', { name }));
    });
  if (editing)
    return (
      <UnorderedListItem>
        <form noValidate onSubmit={form.onSubmit}>
          <ErrorSummary form={form} />
          <TextField form={form} name="name" label={t('org.locationNewName', { name })} maxLength={80} />
          <div className="naast-actions">
            <Button type="submit" appearance="primary-action-button" busy={form.busy}>
              {t('common.save')}
            </Button>
            <Button appearance="secondary-action-button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      </UnorderedListItem>
    );
  return (
    <UnorderedListItem>
      <div className="naast-actions">
        <span>{name}</span>
        {manage ? (
          <>
            <Button appearance="subtle-button" onClick={() => setEditing(true)}>
              {t('org.rename')}
              <span className="naast-visually-hidden"> {name}</span>
            </Button>
            <Button appearance="subtle-button" hint="danger" busy={action.isBusy()} onClick={() => void remove()}>
              {t('org.delete')}
              <span className="naast-visually-hidden"> {name}</span>
            </Button>
          </>
        ) : null}
      </div>
      <ActionFeedback action={action} />
    </UnorderedListItem>
  );
}

function Locations({ org, manage, onChanged }: { org: TOrganisationSettings; manage: boolean; onChanged: Reload }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm(ZLocationRequest, { name: '' }, async (data) => {
    await api('POST', '/organisation/locations', data);
    form.reset({ name: '' });
    setNotice(t('org.locationAdded', { name: data.name }));
    onChanged();
  });
  const changed = (msg: string) => {
    setNotice(msg);
    onChanged();
  };
  return (
    <section aria-labelledby="org-locations" className="naast-card">
      <Heading2 id="org-locations">{t('org.locations')}</Heading2>
      {notice ? <Notice>{notice}</Notice> : null}
      {org.locations.length === 0 ? (
        <Paragraph>{t('org.noLocations')}</Paragraph>
      ) : (
        <UnorderedList>
          {org.locations.map((l) => (
            <LocationRow key={`${l.id}-${l.name}`} id={l.id} name={l.name} manage={manage} onChanged={changed} />
          ))}
        </UnorderedList>
      )}
      {manage ? (
        <form noValidate onSubmit={form.onSubmit}>
          <ErrorSummary form={form} />
          <TextField form={form} name="name" label={t('org.newLocation')} maxLength={80} />
          <Button type="submit" appearance="secondary-action-button" busy={form.busy}>
            {t('org.addLocation')}
          </Button>
        </form>
      ) : null}
    </section>
  );
}

function AddWorkArea({ org, onAdded }: { org: TOrganisationSettings; onAdded: (name: string) => void }) {
  const { t } = useTranslation();
  const municipalities = useLoad(() => api<{ items: TMunicipality[] }>('GET', '/municipalities'), []);
  const schema = ZWorkAreaRequest.extend({ municipalityCode: ZMunicipalityCode });
  const initial = { municipalityCode: undefined as string | undefined, locationId: org.locations[0]?.id as string | undefined, funding: 'subsidy' as string | undefined, purchaseAgreement: false };
  const form = useForm(schema, initial, async ({ municipalityCode, ...body }) => {
    await api('PUT', `/organisation/work-area/${municipalityCode}`, { ...body, purchaseAgreement: body.funding === 'per_trajectory' && body.purchaseAgreement });
    form.reset(initial);
    onAdded(municipalities.data?.items.find((m) => m.code === municipalityCode)?.name ?? municipalityCode);
  });
  if (municipalities.loading) return <Loading />;
  if (municipalities.error) return <LoadError error={municipalities.error} onRetry={municipalities.reload} />;
  const taken = new Set(org.workArea.map((w) => w.municipalityCode));
  const options = (municipalities.data?.items ?? []).filter((m) => !taken.has(m.code)).map((m) => ({ value: m.code, label: `${m.name} (${m.province})` }));
  return (
    <form noValidate onSubmit={form.onSubmit} aria-labelledby="add-work-area">
      <h3 id="add-work-area" className="utrecht-heading-3">
        {t('org.addMunicipality')}
      </h3>
      <ErrorSummary form={form} />
      <SelectField form={form} name="municipalityCode" label={t('org.municipality')} placeholder={t('users.chooseMunicipality')} options={options} />
      <SelectField form={form} name="locationId" label={t('org.location')} placeholder={t('org.chooseLocation')} options={org.locations.map((l) => ({ value: l.id, label: l.name }))} />
      <SelectField form={form} name="funding" label={t('org.funding')} options={ZFunding.options.map((f) => ({ value: f, label: t(`funding.${f}`) }))} />
      {form.values.funding === 'per_trajectory' ? (
        <CheckboxField form={form} name="purchaseAgreement" label={t('intakeSettings.purchaseAgreement')} description={t('intakeSettings.purchaseAgreementHint')} />
      ) : null}
      <Button type="submit" appearance="secondary-action-button" busy={form.busy}>
        {t('org.addMunicipalityButton')}
      </Button>
    </form>
  );
}

function WorkArea({ org, manage, onChanged }: { org: TOrganisationSettings; manage: boolean; onChanged: Reload }) {
  const { t } = useTranslation();
  const action = useAction();
  const locationName = (id: string) => org.locations.find((l) => l.id === id)?.name ?? '—';
  // The box follows the click at once (a checkbox that waits for the server confuses screen readers); a failure puts it back.
  const [agreements, setAgreements] = useState<Record<string, boolean>>({});
  const setAgreement = (w: TWorkAreaEntry, on: boolean) =>
    action.run(async () => {
      setAgreements((a) => ({ ...a, [w.municipalityCode]: on }));
      try {
        await api('PUT', `/organisation/work-area/${w.municipalityCode}`, { locationId: w.locationId, funding: w.funding, purchaseAgreement: on });
      } catch (err) {
        setAgreements((a) => ({ ...a, [w.municipalityCode]: !on }));
        throw err;
      }
      onChanged();
      return t(on ? 'intakeSettings.agreementOn' : 'intakeSettings.agreementOff', { name: w.municipalityName });
    }, `agreement-${w.municipalityCode}`);
  const remove = (w: TWorkAreaEntry) =>
    action.run(async () => {
      await api('DELETE', `/organisation/work-area/${w.municipalityCode}`);
      onChanged();
      return t('org.municipalityRemoved', { name: w.municipalityName });
    }, w.municipalityCode);
  return (
    <section aria-labelledby="org-work-area" className="naast-card">
      <Heading2 id="org-work-area">{t('org.workArea')}</Heading2>
      <Paragraph>{t('org.workAreaIntro')}</Paragraph>
      <ActionFeedback action={action} />
      {org.workArea.length === 0 ? (
        <Paragraph>{t('org.noWorkArea')}</Paragraph>
      ) : (
        <DataTable
          caption={t('org.workArea')}
          labelledBy="org-work-area"
          rows={org.workArea}
          rowKey={(w) => w.municipalityCode}
          columns={[
            { header: t('org.municipality'), cell: (w) => w.municipalityName },
            { header: t('org.location'), cell: (w) => locationName(w.locationId) },
            { header: t('org.funding'), cell: (w) => t(`funding.${w.funding}`) },
            {
              header: t('intakeSettings.purchaseAgreement'),
              cell: (w) =>
                w.funding !== 'per_trajectory' ? (
                  t('intakeSettings.notApplicable')
                ) : manage ? (
                  // Named by aria-label: a visually hidden label would sit outside the table's scroll region on a phone.
                  <div className="naast-checkbox-row">
                    <Checkbox
                      id={`agreement-${w.municipalityCode}`}
                      aria-label={t('intakeSettings.purchaseAgreementFor', { name: w.municipalityName })}
                      checked={agreements[w.municipalityCode] ?? w.purchaseAgreement}
                      disabled={action.isBusy(`agreement-${w.municipalityCode}`)}
                      onChange={(e) => void setAgreement(w, e.target.checked)}
                    />
                  </div>
                ) : w.purchaseAgreement ? (
                  t('common.yes')
                ) : (
                  t('common.no')
                ),
            },
            manage && {
              header: t('users.actions'),
              cell: (w) => (
                <Button appearance="subtle-button" hint="danger" busy={action.isBusy(w.municipalityCode)} onClick={() => void remove(w)}>
                  {t('org.remove')}
                  <span className="naast-visually-hidden"> {w.municipalityName}</span>
                </Button>
              ),
            },
          ]}
        />
      )}
      {manage ? (
        <AddWorkArea
          org={org}
          onAdded={(name) => {
            action.setNotice(t('org.municipalityAdded', { name }));
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

export default function Organisation() {
  const { t } = useTranslation();
  const { user } = useSession();
  const manage = can(user?.role, 'org.settings.manage');
  const org = useOrganisation();
  return (
    <Page title={t('org.title')}>
      <Paragraph>{t(manage ? 'org.introAdmin' : 'org.intro')}</Paragraph>
      {org.loading && !org.data ? (
        <Loading />
      ) : org.error || !org.data ? (
        <LoadError error={org.error} onRetry={org.reload} />
      ) : (
        <>
          {manage ? <NameForm name={org.data.name} onSaved={org.reload} /> : <Paragraph>{org.data.name}</Paragraph>}
          {user ? <PublicForm orgId={user.orgId} /> : null}
          <Norms org={org.data} manage={manage} onSaved={org.reload} />
          <Locations org={org.data} manage={manage} onChanged={org.reload} />
          <WorkArea org={org.data} manage={manage} onChanged={org.reload} />
        </>
      )}
    </Page>
  );
}
