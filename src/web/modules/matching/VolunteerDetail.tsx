import { useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { ZVolunteerProfileRequest, type TVolunteerProfile } from '../../../shared/matching.js';
import type { TMunicipality } from '../../../shared/organisation.js';
import type { TWaitingList } from '../../../shared/waiting-list.js';
import { api, ApiError } from '../../api.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Loading, Page } from '../../shell/Page.js';
import { Notice, useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, TextAreaField, TextField, useForm, type Form } from '../../ui/form.js';
import { Button, Checkbox, DataList, DataListItem, DataListKey, DataListValue, FormField, FormFieldDescription, FormLabel, Heading2, Paragraph, Textbox } from '../../ui/nlds.js';
import NotFound from '../home/NotFound.js';
import { useOrganisation } from '../organisations/useOrganisation.js';
import { ReasonForm } from '../waiting-list/shared.js';
import { endpoints } from './endpoints.js';
import { HomeMunicipality, LanguagePicker, lines, MeasurePicker, MunicipalityPicker, preprocessed, useMunicipalities, whole } from './fields.js';
import { languageName, measureName } from './reasons.js';

type ProfileValues = {
  homeMunicipalityCode: string;
  travelMunicipalities: string[];
  hoursPerWeek: string;
  maxFamilies: string;
  measureExperience: string[];
  institutionExperience: string;
  languages: string[];
  conflictInstitutions: string;
  conflictApplicationIds: string[];
};

const ZProfileForm = preprocessed(ZVolunteerProfileRequest, (v) => ({
  homeMunicipalityCode: v.homeMunicipalityCode ? v.homeMunicipalityCode : null,
  travelMunicipalities: v.travelMunicipalities,
  hoursPerWeek: whole(v.hoursPerWeek),
  maxFamilies: whole(v.maxFamilies),
  measureExperience: v.measureExperience,
  institutionExperience: lines(v.institutionExperience),
  languages: v.languages,
  conflictInstitutions: lines(v.conflictInstitutions),
  conflictApplicationIds: v.conflictApplicationIds,
}));

const toValues = (p: TVolunteerProfile): ProfileValues => ({
  homeMunicipalityCode: p.homeMunicipalityCode ?? '',
  travelMunicipalities: p.travelMunicipalities,
  hoursPerWeek: String(p.hoursPerWeek),
  maxFamilies: String(p.maxFamilies),
  measureExperience: p.measureExperience,
  institutionExperience: p.institutionExperience.join('\n'),
  languages: p.languages,
  conflictInstitutions: p.conflictInstitutions.join('\n'),
  conflictApplicationIds: p.conflictApplicationIds,
});

/**
 * Families this volunteer must not be matched with, by reference number. A reference is looked up
 * on the waiting lists of the volunteer's locations: only families still waiting can be matched.
 */
function ConflictFamilies({ form, locationIds }: { form: Form<ProfileValues>; locationIds: string[] }) {
  const { t } = useTranslation();
  const lists = useLoad(
    () => Promise.all(locationIds.map((l) => api<TWaitingList>('GET', endpoints.waitingList(l)).catch(() => null))),
    [locationIds.join(',')],
  );
  const [reference, setReference] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const known = new Map<string, string>();
  for (const l of lists.data ?? []) for (const i of l?.items ?? []) known.set(i.applicationId, i.reference);
  const chosen = form.values.conflictApplicationIds;
  const id = form.fieldId('conflictApplicationIds');
  form.labels.current.conflictApplicationIds = t('volunteers.conflicts.families');
  const add = () => {
    const ref = reference.trim().toUpperCase();
    const found = [...known.entries()].find(([, r]) => r.toUpperCase() === ref);
    if (!ref) return;
    if (!found) {
      setProblem(t('volunteers.conflicts.notFound', { reference: ref }));
      return;
    }
    setProblem(null);
    setReference('');
    if (!chosen.includes(found[0])) form.set('conflictApplicationIds', [...chosen, found[0]]);
  };
  return (
    <fieldset className="naast-fieldset" aria-describedby={`${id}-description`}>
      <legend className="utrecht-form-label">{t('volunteers.conflicts.families')}</legend>
      <FormFieldDescription id={`${id}-description`}>{t('volunteers.conflicts.familiesHint')}</FormFieldDescription>
      {form.errors.conflictApplicationIds ? <p className="utrecht-form-field-error-message">{form.errors.conflictApplicationIds}</p> : null}
      {chosen.length === 0 ? <Paragraph>{t('volunteers.conflicts.noFamilies')}</Paragraph> : null}
      {chosen.map((appId) => (
        <div className="naast-checkbox-row" key={appId}>
          <Checkbox id={`${id}-chosen-${appId}`} checked onChange={() => form.set('conflictApplicationIds', chosen.filter((c) => c !== appId))} />
          <label htmlFor={`${id}-chosen-${appId}`}>{known.get(appId) ?? t('volunteers.conflicts.notWaiting')}</label>
        </div>
      ))}
      <div className="naast-inline-add">
        <FormField
          invalid={!!problem}
          label={<FormLabel htmlFor={id}>{t('volunteers.conflicts.addLabel')}</FormLabel>}
          input={
            <Textbox
              id={id}
              value={reference}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setReference(e.target.value)}
              onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
          }
        />
        <Button appearance="secondary-action-button" onClick={add} busy={lists.loading}>
          {t('volunteers.conflicts.add')}
        </Button>
      </div>
      <p id={`${id}-problem`} className="utrecht-paragraph" aria-live="polite">
        {problem ?? ''}
      </p>
    </fieldset>
  );
}

function EditProfile({ profile, reason, municipalities, onSaved }: { profile: TVolunteerProfile; reason: string | undefined; municipalities: TMunicipality[]; onSaved: (p: TVolunteerProfile) => void }) {
  const { t } = useTranslation();
  const form = useForm(ZProfileForm, toValues(profile), async (data) => {
    const saved = await api<TVolunteerProfile>('PUT', endpoints.volunteerProfile(profile.userId, reason), data);
    onSaved(saved);
    return t('volunteers.saved', { name: saved.displayName });
  });
  return (
    <section aria-labelledby="edit-profile" className="naast-card">
      <Heading2 id="edit-profile">{t('volunteers.edit')}</Heading2>
      <Notice>{form.notice}</Notice>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextField form={form} name="hoursPerWeek" label={t('volunteers.fields.hours')} description={t('volunteers.fields.hoursHint')} inputMode="numeric" maxLength={2} />
        <TextField
          form={form}
          name="maxFamilies"
          label={t('volunteers.fields.maxFamilies')}
          description={t('volunteers.fields.maxFamiliesHint', { limit: profile.maxFamiliesLimit, active: profile.activeFamilies })}
          inputMode="numeric"
          maxLength={2}
        />
        <HomeMunicipality form={form} name="homeMunicipalityCode" label={t('volunteers.fields.home')} description={t('volunteers.fields.homeHint')} municipalities={municipalities} />
        <MunicipalityPicker form={form} name="travelMunicipalities" label={t('volunteers.fields.travel')} description={t('volunteers.fields.travelHint')} municipalities={municipalities} />
        <LanguagePicker form={form} name="languages" label={t('volunteers.fields.languages')} description={t('volunteers.fields.languagesHint')} />
        <MeasurePicker form={form} name="measureExperience" label={t('volunteers.fields.measures')} description={t('volunteers.fields.measuresHint')} />
        <TextAreaField form={form} name="institutionExperience" label={t('volunteers.fields.institutions')} description={t('volunteers.fields.institutionsHint')} rows={4} />
        <Heading2>{t('volunteers.conflicts.title')}</Heading2>
        <Paragraph>{t('volunteers.conflicts.intro')}</Paragraph>
        <TextAreaField form={form} name="conflictInstitutions" label={t('volunteers.conflicts.institutions')} description={t('volunteers.conflicts.institutionsHint')} rows={3} />
        <ConflictFamilies form={form} locationIds={profile.locationIds} />
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('volunteers.save')}
        </Button>
      </form>
    </section>
  );
}

/** What the profile holds; `short` (above the edit form) only what the form does not show. */
function Summary({ p, municipalities, short }: { p: TVolunteerProfile; municipalities: TMunicipality[]; short: boolean }) {
  const { t, i18n } = useTranslation();
  const org = useOrganisation();
  const name = (code: string) => municipalities.find((m) => m.code === code)?.name ?? code;
  return (
    <DataList>
      <DataListItem>
        <DataListKey>{t('fields.locations')}</DataListKey>
        <DataListValue>{p.locationIds.map((l) => org.data?.locations.find((x) => x.id === l)?.name).filter(Boolean).join(', ') || '—'}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('volunteers.col.caseload')}</DataListKey>
        <DataListValue>{t('volunteers.caseload', { active: p.activeFamilies, max: p.maxFamilies })}</DataListValue>
      </DataListItem>
      {short ? null : (
        <>
          <DataListItem>
            <DataListKey>{t('volunteers.fields.hours')}</DataListKey>
            <DataListValue>{t('volunteers.hoursValue', { hours: p.hoursPerWeek })}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('volunteers.fields.home')}</DataListKey>
            <DataListValue>{p.homeMunicipalityCode ? name(p.homeMunicipalityCode) : t('volunteers.home.unknown')}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('volunteers.fields.travel')}</DataListKey>
            <DataListValue>{p.travelMunicipalities.map(name).join(', ') || '—'}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('volunteers.fields.languages')}</DataListKey>
            <DataListValue>{p.languages.map((l) => languageName(l, i18n.language)).join(', ') || '—'}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('volunteers.fields.measures')}</DataListKey>
            <DataListValue>{p.measureExperience.map((m) => measureName(t, m)).join(', ') || '—'}</DataListValue>
          </DataListItem>
          <DataListItem>
            <DataListKey>{t('volunteers.fields.institutions')}</DataListKey>
            <DataListValue>{p.institutionExperience.join(', ') || '—'}</DataListValue>
          </DataListItem>
        </>
      )}
    </DataList>
  );
}

/** A volunteer's profile as the coordinator sees and edits it: availability, experience, languages, conflicts of interest. */
export default function VolunteerDetail() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const navigate = useNavigate();
  const { user } = useSession();
  const [reason, setReason] = useState<string | undefined>(undefined);
  const detail = useLoad(() => api<TVolunteerProfile>('GET', endpoints.volunteerProfile(userId, reason)), [userId, reason]);
  const municipalities = useMunicipalities();
  const manage = can(user?.role, 'volunteers.manage');

  if (detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400)) return <NotFound />;
  if (!detail.data && detail.error instanceof ApiError && detail.error.code === 'reason_required')
    return (
      <Page key="reason" title={t('volunteers.profileTitle')}>
        <ReasonForm intro={t('volunteers.reasonIntro')} onReason={async (r) => setReason(r)} onCancel={() => void navigate('/vrijwilligers')} />
      </Page>
    );
  const p = detail.data;
  return (
    <Page key="record" title={p ? p.displayName : t('volunteers.profileTitle')}>
      <Paragraph>
        <RouterLink className="utrecht-link" to="/vrijwilligers">
          {t('volunteers.back')}
        </RouterLink>
      </Paragraph>
      {detail.loading && !p ? (
        <Loading />
      ) : detail.error || !p ? (
        <LoadError error={detail.error} onRetry={detail.reload} />
      ) : (
        <>
              {!p.saved ? <Paragraph>{t('volunteers.notSavedYet')}</Paragraph> : null}
              <Summary p={p} municipalities={municipalities.data ?? []} short={manage} />
              <Paragraph>{t('volunteers.locationsReadOnly')}</Paragraph>
              {manage ? (
                municipalities.data ? (
                  <EditProfile key={p.userId} profile={p} reason={reason} municipalities={municipalities.data} onSaved={detail.setData} />
                ) : municipalities.error ? (
                  <LoadError error={municipalities.error} onRetry={municipalities.reload} />
                ) : (
                  <Loading />
                )
              ) : null}
        </>
      )}
    </Page>
  );
}
