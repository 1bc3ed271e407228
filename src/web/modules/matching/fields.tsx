import { useMemo, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ISO_639_1, MATCH_MEASURES } from '../../../shared/matching.js';
import type { TMunicipality } from '../../../shared/organisation.js';
import { api } from '../../api.js';
import { useLoad } from '../../ui/data.js';
import { CheckboxGroup, type Form } from '../../ui/form.js';
import { Button, Checkbox, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Paragraph, Select, SelectOption, Textbox } from '../../ui/nlds.js';
import { endpoints } from './endpoints.js';
import { languageName, measureName } from './reasons.js';

type Values = Record<string, unknown>;

/** The municipalities reference list (CBS code, name, province), sorted by name; every signed-in role may read it. */
export function useMunicipalities() {
  return useLoad(async () => {
    const { items } = await api<{ items: TMunicipality[] }>('GET', endpoints.municipalities());
    return [...items].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  }, []);
}

/** One item per line → a list (empty lines dropped); the schema checks each item's length. */
export const lines = (v: unknown): string[] =>
  String(v ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/** A whole number typed as text: the number, or the text itself so the schema reports it. */
export const whole = (v: unknown): unknown => {
  const s = String(v ?? '').trim();
  return /^\d{1,3}$/.test(s) ? Number(s) : s === '' ? undefined : s;
};

/** Form values → the request, before the shared schema validates it (issue paths stay the field names). */
export const preprocessed = <S extends z.ZodType>(schema: S, toBody: (v: Record<string, unknown>) => unknown) =>
  z.preprocess((v) => toBody(v as Record<string, unknown>), schema);

function useFieldIds<V extends Values>(form: Form<V>, name: string, description: unknown) {
  const id = form.fieldId(name);
  const error = form.errors[name];
  const describedBy = [description ? `${id}-description` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return { id, error, describedBy };
}

/**
 * Several municipalities out of ~350: the chosen ones as ticked boxes (untick to remove), and a
 * search that lists matching municipalities to tick. Keyboard and screen-reader friendly: plain
 * checkboxes, and the number of results is announced.
 */
export function MunicipalityPicker<V extends Values>({
  form,
  name,
  label,
  description,
  municipalities,
}: {
  form: Form<V>;
  name: keyof V & string;
  label: string;
  description?: string;
  municipalities: TMunicipality[];
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const selected = (form.values[name] as string[] | undefined) ?? [];
  const { id, error, describedBy } = useFieldIds(form, name, description);
  form.labels.current[name] = label;
  const byCode = useMemo(() => new Map(municipalities.map((m) => [m.code, m])), [municipalities]);
  const q = query.trim().toLowerCase();
  const results = q.length === 0 ? [] : municipalities.filter((m) => !selected.includes(m.code) && (m.name.toLowerCase().includes(q) || m.province.toLowerCase().startsWith(q))).slice(0, 30);
  const setSelected = (codes: string[]) => form.set(name, codes as V[typeof name]);
  return (
    <fieldset className="naast-fieldset" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend className="utrecht-form-label">{label}</legend>
      {description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : null}
      <div className="naast-chosen">
        <Paragraph>{selected.length === 0 ? t('volunteers.municipalities.noneChosen') : t('volunteers.municipalities.chosen', { count: selected.length })}</Paragraph>
        {selected.map((code) => (
          <div className="naast-checkbox-row" key={code}>
            <Checkbox id={`${id}-chosen-${code}`} checked onChange={() => setSelected(selected.filter((c) => c !== code))} />
            <label htmlFor={`${id}-chosen-${code}`}>{byCode.get(code)?.name ?? code}</label>
          </div>
        ))}
      </div>
      <FormField
        label={<FormLabel htmlFor={id}>{t('volunteers.municipalities.search')}</FormLabel>}
        input={
          <Textbox
            id={id}
            type="search"
            autoComplete="off"
            value={query}
            onChange={(e: ChangeEvent<HTMLInputElement>) => setQuery(e.target.value)}
            onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
              if (e.key === 'Enter') e.preventDefault();
            }}
          />
        }
      />
      <p className="utrecht-paragraph" aria-live="polite">
        {q.length === 0 ? t('volunteers.municipalities.typeToSearch') : t('volunteers.municipalities.found', { count: results.length })}
      </p>
      {results.length > 0 ? (
        <div className="naast-search-results">
          {results.map((m) => (
            <div className="naast-checkbox-row" key={m.code}>
              <Checkbox id={`${id}-add-${m.code}`} checked={false} onChange={() => setSelected([...selected, m.code])} />
              <label htmlFor={`${id}-add-${m.code}`}>
                {m.name}
                {m.province ? <small> ({m.province})</small> : null}
              </label>
            </div>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}

/** Languages in the Netherlands' everyday mix first; any other ISO language can be added. */
const COMMON_LANGUAGES = ['nl', 'en', 'ar', 'tr', 'pl', 'ti', 'so', 'fa', 'uk', 'de', 'fr', 'es', 'ro', 'bg', 'ru', 'zh'];

export function LanguagePicker<V extends Values>({ form, name, label, description }: { form: Form<V>; name: keyof V & string; label: string; description?: string }) {
  const { t, i18n } = useTranslation();
  const selected = (form.values[name] as string[] | undefined) ?? [];
  const [other, setOther] = useState('');
  const shown = [...COMMON_LANGUAGES, ...selected.filter((l) => !COMMON_LANGUAGES.includes(l))];
  const all = useMemo(
    () => ISO_639_1.filter((c) => !COMMON_LANGUAGES.includes(c)).map((c) => ({ value: c, label: languageName(c, i18n.language) })).sort((a, b) => a.label.localeCompare(b.label)),
    [i18n.language],
  );
  const addId = `${form.fieldId(name)}-other`;
  return (
    <>
      <div className="naast-columns">
        <CheckboxGroup form={form} name={name} label={label} description={description} options={shown.map((c) => ({ value: c, label: languageName(c, i18n.language) }))} />
      </div>
      <div className="naast-inline-add">
        <FormField
          label={<FormLabel htmlFor={addId}>{t('volunteers.languages.other')}</FormLabel>}
          input={
            <Select id={addId} value={other} onChange={(e: ChangeEvent<HTMLSelectElement>) => setOther(e.target.value)}>
              <SelectOption value="">{t('volunteers.languages.choose')}</SelectOption>
              {all.map((o) => (
                <SelectOption key={o.value} value={o.value}>
                  {o.label}
                </SelectOption>
              ))}
            </Select>
          }
        />
        <Button
          appearance="secondary-action-button"
          disabled={!other}
          onClick={() => {
            if (other && !selected.includes(other)) form.set(name, [...selected, other] as V[typeof name]);
            setOther('');
          }}
        >
          {t('volunteers.languages.add')}
        </Button>
      </div>
    </>
  );
}

export function MeasurePicker<V extends Values>({ form, name, label, description }: { form: Form<V>; name: keyof V & string; label: string; description?: string }) {
  const { t } = useTranslation();
  return (
    <div className="naast-columns">
      <CheckboxGroup form={form} name={name} label={label} description={description} options={MATCH_MEASURES.filter((m) => m !== 'none').map((m) => ({ value: m, label: measureName(t, m) }))} />
    </div>
  );
}

/** Home municipality: one choice, or "not known". */
export function HomeMunicipality<V extends Values>({ form, name, label, description, municipalities }: { form: Form<V>; name: keyof V & string; label: string; description?: string; municipalities: TMunicipality[] }) {
  const { t } = useTranslation();
  const { id, error, describedBy } = useFieldIds(form, name, description);
  form.labels.current[name] = label;
  return (
    <FormField
      invalid={!!error}
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : undefined}
      errorMessage={error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : undefined}
      input={
        <Select id={id} invalid={!!error} aria-describedby={describedBy} value={String(form.values[name] ?? '')} onChange={(e: ChangeEvent<HTMLSelectElement>) => form.set(name, e.target.value as V[typeof name])}>
          <SelectOption value="">{t('volunteers.home.unknown')}</SelectOption>
          {municipalities.map((m) => (
            <SelectOption key={m.code} value={m.code}>
              {m.name}
            </SelectOption>
          ))}
        </Select>
      }
    />
  );
}
