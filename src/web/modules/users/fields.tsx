import { useTranslation } from 'react-i18next';
import { ZRole, type TRole } from '../../../shared/common.js';
import type { TOrganisationSettings } from '../../../shared/organisation.js';
import type { TUserStatus } from '../../../shared/users.js';
import { CheckboxGroup, SelectField, type Form } from '../../ui/form.js';
import { StatusBadge } from '../../ui/nlds.js';

export function StatusTag({ status }: { status: TUserStatus }) {
  const { t } = useTranslation();
  return <StatusBadge status={status === 'active' ? 'safe' : 'danger'}>{t(`status.${status}`)}</StatusBadge>;
}

type RoleAndPlaces = { role: TRole | undefined; locationIds: string[] | undefined; funderMunicipalityCode: string | undefined };

/**
 * Role, then where the person works: locations for staff and parents, or for a funder the one
 * municipality of the work area whose figures they may see (invite and edit ask the same).
 */
export function RoleAndPlaceFields<V extends RoleAndPlaces & Record<string, unknown>>({ form, org }: { form: Form<V>; org: TOrganisationSettings }) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField form={form} name="role" label={t('fields.role')} options={ZRole.options.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      {form.values.role === 'funder' ? (
        <SelectField
          form={form}
          name="funderMunicipalityCode"
          label={t('users.municipality')}
          description={t('users.municipalityHint')}
          placeholder={t('users.chooseMunicipality')}
          options={org.workArea.map((w) => ({ value: w.municipalityCode, label: w.municipalityName }))}
        />
      ) : (
        <CheckboxGroup form={form} name="locationIds" label={t('fields.locations')} description={t('users.locationsHint')} options={org.locations.map((l) => ({ value: l.id, label: l.name }))} />
      )}
    </>
  );
}
