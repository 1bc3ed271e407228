import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ZOwnVolunteerProfileRequest, type TOwnVolunteerProfile } from '../../../shared/matching.js';
import type { TMunicipality } from '../../../shared/organisation.js';
import { api } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { Notice, useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, TextField, useForm } from '../../ui/form.js';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph } from '../../ui/nlds.js';
import { endpoints } from './endpoints.js';
import { HomeMunicipality, LanguagePicker, MunicipalityPicker, preprocessed, useMunicipalities, whole } from './fields.js';
import { measureName } from './reasons.js';

type OwnValues = { homeMunicipalityCode: string; travelMunicipalities: string[]; hoursPerWeek: string; languages: string[] };

const ZOwnForm = preprocessed(ZOwnVolunteerProfileRequest, (v) => ({
  homeMunicipalityCode: v.homeMunicipalityCode ? v.homeMunicipalityCode : null,
  travelMunicipalities: v.travelMunicipalities,
  hoursPerWeek: whole(v.hoursPerWeek),
  languages: v.languages,
}));

function OwnForm({ profile, municipalities, onSaved }: { profile: TOwnVolunteerProfile; municipalities: TMunicipality[] | null; onSaved: (p: TOwnVolunteerProfile) => void }) {
  const { t } = useTranslation();
  const initial: OwnValues = {
    homeMunicipalityCode: profile.homeMunicipalityCode ?? '',
    travelMunicipalities: profile.travelMunicipalities,
    hoursPerWeek: String(profile.hoursPerWeek),
    languages: profile.languages,
  };
  const form = useForm(ZOwnForm, initial, async (data) => {
    onSaved(await api<TOwnVolunteerProfile>('PUT', endpoints.ownProfile(), data));
    return t('volunteers.own.saved');
  });
  return (
    <section aria-labelledby="own-edit" className="naast-card">
      <Heading2 id="own-edit">{t('volunteers.own.edit')}</Heading2>
      <Notice>{form.notice}</Notice>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextField form={form} name="hoursPerWeek" label={t('volunteers.own.hours')} description={t('volunteers.own.hoursHint')} inputMode="numeric" maxLength={2} />
        <LanguagePicker form={form} name="languages" label={t('volunteers.own.languages')} description={t('volunteers.own.languagesHint')} />
        {municipalities ? (
          <>
            <HomeMunicipality form={form} name="homeMunicipalityCode" label={t('volunteers.own.home')} description={t('volunteers.own.homeHint')} municipalities={municipalities} />
            <MunicipalityPicker form={form} name="travelMunicipalities" label={t('volunteers.own.travel')} description={t('volunteers.own.travelHint')} municipalities={municipalities} />
          </>
        ) : (
          <Paragraph>{t('volunteers.own.noMunicipalities')}</Paragraph>
        )}
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('volunteers.save')}
        </Button>
      </form>
    </section>
  );
}

/** The volunteer's own availability: hours, languages and where they can go. Caseload and conflicts are the coordinator's. */
export default function MyVolunteerProfile() {
  const { t } = useTranslation();
  const profile = useLoad(() => api<TOwnVolunteerProfile>('GET', endpoints.ownProfile()), []);
  // Without access to the municipality list the area stays as the coordinator set it (see the report in the screen text).
  const municipalities = useMunicipalities();
  const p = profile.data;
  const muniReady = !!municipalities.data || !!municipalities.error;
  return (
    <Page title={t('volunteers.own.title')}>
      <Paragraph>{t('volunteers.own.intro')}</Paragraph>
      {(profile.loading && !p) || !muniReady ? (
        <Loading />
      ) : profile.error || !p ? (
        <LoadError error={profile.error} onRetry={profile.reload} />
      ) : (
        <>
          <DataList>
            <DataListItem>
              <DataListKey>{t('volunteers.col.caseload')}</DataListKey>
              <DataListValue>{t('volunteers.caseload', { active: p.activeFamilies, max: p.maxFamilies })}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('volunteers.fields.measures')}</DataListKey>
              <DataListValue>{p.measureExperience.map((m) => measureName(t, m)).join(', ') || '—'}</DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('volunteers.fields.institutions')}</DataListKey>
              <DataListValue>{p.institutionExperience.join(', ') || '—'}</DataListValue>
            </DataListItem>
          </DataList>
          <Paragraph>{t('volunteers.own.coordinatorSets')}</Paragraph>
          <OwnForm profile={p} municipalities={municipalities.data ?? null} onSaved={profile.setData} />
          <Paragraph>
            <RouterLink className="utrecht-link" to="/mijn-koppelingen">
              {t('offers.link')}
            </RouterLink>
          </Paragraph>
        </>
      )}
    </Page>
  );
}
