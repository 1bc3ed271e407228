import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { REFERRER_TYPES, STAFF_CHANNELS, ZStaffApplicationRequest, type TApplicationDetail, type TApplicationForm } from '../../../shared/intake.js';
import type { TMunicipality } from '../../../shared/organisation.js';
import { api } from '../../api.js';
import { useSession } from '../../session.js';
import { Loading, Page } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, SelectField, TextField, useForm } from '../../ui/form.js';
import { Button, Heading2, Paragraph } from '../../ui/nlds.js';
import { ChildrenFields, ConsentFields, emptyFamily, familyBody, InstitutionFields, PeopleFields, PlaceFields, SituationFields } from './ApplicationFields.js';
import { CheckboxField } from '../../ui/fields.js';
import { flatSchema, text, withFlatErrors, type Flat } from './nested.js';
import './intake.css';

/** A referrer may only send an application the parent agreed to: said at the checkbox, before the server says it. */
const ZStaffForm = ZStaffApplicationRequest.superRefine((v, ctx) => {
  if (v.referrerType !== 'self' && !v.parentAgreedToReferral)
    ctx.addIssue({ code: 'custom', path: ['parentAgreedToReferral'], message: '', params: { messageKey: 'applicationForm.errors.agreedRequired' } });
});

function StaffForm({ info, municipalities }: { info: TApplicationForm; municipalities: TMunicipality[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const schema = useMemo(
    () =>
      flatSchema(ZStaffForm, (v: Flat) => {
        const referred = v.referrerType !== 'self';
        return {
          ...familyBody(t, v),
          privacyStatementVersion: info.privacyStatement.version,
          channel: v.channel,
          referrerType: v.referrerType,
          referrerName: referred ? text(v.referrerName) : undefined,
          referrerOrganisation: referred ? text(v.referrerOrganisation) : undefined,
          referrerEmail: referred ? text(v.referrerEmail) : undefined,
          referrerPhone: referred ? text(v.referrerPhone) : undefined,
          parentAgreedToReferral: referred && v.parentAgreedToReferral === true,
          referrerMayBeTold: referred && v.referrerMayBeTold === true,
        };
      }),
    [t, info],
  );
  const initial: Flat = {
    channel: 'phone',
    referrerType: 'self',
    referrerName: '',
    referrerOrganisation: '',
    referrerEmail: '',
    referrerPhone: '',
    parentAgreedToReferral: false,
    referrerMayBeTold: false,
    ...emptyFamily(),
  };
  const form = useForm(schema, initial, async (data) => {
    const created = await withFlatErrors(api<TApplicationDetail>('POST', '/applications', data));
    await navigate(`/aanmeldingen/${created.id}`);
  });
  const referred = form.values.referrerType !== 'self';
  const options = municipalities.map((m) => ({ code: m.code, name: `${m.name} (${m.province})` }));
  return (
    <form noValidate onSubmit={form.onSubmit} aria-label={t('intake.new.title')}>
      <ErrorSummary form={form} />
      <section className="naast-section" aria-labelledby={`${form.id}-h-how`}>
        <Heading2 id={`${form.id}-h-how`}>{t('intake.new.how')}</Heading2>
        <SelectField form={form} name="channel" label={t('intake.new.channel')} options={STAFF_CHANNELS.map((c) => ({ value: c, label: t(`intake.channel.${c}`) }))} />
        <SelectField form={form} name="referrerType" label={t('intake.new.referrerType')} options={REFERRER_TYPES.map((r) => ({ value: r, label: t(`intake.referrer.${r}`) }))} />
        {referred ? (
          <>
            <TextField form={form} name="referrerName" label={t('intake.new.referrerName')} autoComplete="off" maxLength={120} />
            <TextField form={form} name="referrerOrganisation" label={t('intake.new.referrerOrganisation')} autoComplete="off" maxLength={160} />
            <TextField
              form={form}
              name="referrerEmail"
              type="email"
              label={t('intake.new.referrerEmail')}
              description={t('intake.new.referrerEmailHint')}
              autoComplete="off"
              inputMode="email"
              spellCheck={false}
              maxLength={254}
            />
            <TextField form={form} name="referrerPhone" label={t('intake.new.referrerPhone')} autoComplete="off" inputMode="numeric" maxLength={20} />
            <CheckboxField form={form} name="parentAgreedToReferral" label={t('intake.new.agreed')} />
            <CheckboxField form={form} name="referrerMayBeTold" label={t('intake.new.mayBeTold')} />
          </>
        ) : null}
      </section>
      <PeopleFields form={form} staff />
      <ChildrenFields form={form} staff />
      <PlaceFields form={form} municipalities={options} staff />
      <InstitutionFields form={form} />
      <SituationFields form={form} staff />
      <ConsentFields form={form} statement={info.privacyStatement.text} staff />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('intake.new.submit')}
        </Button>
      </div>
    </form>
  );
}

/** A coordinator records an application that came by phone, mail or from a referrer (/aanmeldingen/nieuw). */
export default function NewApplication() {
  const { t } = useTranslation();
  const { user } = useSession();
  const orgId = user?.orgId ?? '';
  // The privacy statement the parent was told about, and its version, come with the public form.
  const info = useLoad(() => api<TApplicationForm>('GET', `/public/organisations/${encodeURIComponent(orgId)}/application-form`), [orgId]);
  const municipalities = useLoad(() => api<{ items: TMunicipality[] }>('GET', '/municipalities'), []);
  const failed = info.error ?? municipalities.error;
  return (
    <Page title={t('intake.new.title')} narrow>
      <Paragraph>{t('intake.new.intro')}</Paragraph>
      {info.loading || municipalities.loading ? (
        <Loading />
      ) : failed || !info.data || !municipalities.data ? (
        <LoadError
          error={failed}
          onRetry={() => {
            info.reload();
            municipalities.reload();
          }}
        />
      ) : (
        <StaffForm info={info.data} municipalities={[...municipalities.data.items].sort((a, b) => a.name.localeCompare(b.name, 'nl'))} />
      )}
    </Page>
  );
}
