import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FormField, FormLabel, Select, SelectOption } from './nlds.js';

export interface FilterField {
  name: string;
  label: string;
  /** The first option: no filter on this field. */
  all: string;
  options: Array<{ value: string; label: string }>;
}

export type FilterValues = Record<string, string | undefined>;

/**
 * Filters above a list, applied together with one button rather than on every change, so a
 * screen reader user hears one update of the list.
 */
export function Filters({ label, fields, onApply }: { label: string; fields: FilterField[]; onApply: (values: FilterValues) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(Object.fromEntries(fields.map((f) => [f.name, values[f.name] || undefined])));
  };
  return (
    <form className="naast-filters" onSubmit={submit} aria-label={label}>
      {fields.map((f) => (
        <FormField
          key={f.name}
          label={<FormLabel htmlFor={`filter-${f.name}`}>{f.label}</FormLabel>}
          input={
            <Select id={`filter-${f.name}`} value={values[f.name] ?? ''} onChange={(e: ChangeEvent<HTMLSelectElement>) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}>
              <SelectOption value="">{f.all}</SelectOption>
              {f.options.map((o) => (
                <SelectOption key={o.value} value={o.value}>
                  {o.label}
                </SelectOption>
              ))}
            </Select>
          }
        />
      ))}
      <div className="naast-actions">
        <Button type="submit" appearance="secondary-action-button">
          {t('users.applyFilters')}
        </Button>
      </div>
    </form>
  );
}
