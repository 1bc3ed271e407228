import type { ChangeEvent, ReactNode } from 'react';
import { z } from 'zod';
import type { Form } from '../../../ui/form.js';
import { FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Textbox } from '../../../ui/nlds.js';

// Field kinds ui/form.tsx has no wrapper for (a date, a time, radio buttons), built the same way:
// label, hint and error tied to the control by ids, the label kept for the error summary.

type Values = Record<string, unknown>;

interface Props<V extends Values> {
  form: Form<V>;
  name: keyof V & string;
  label: string;
  description?: ReactNode;
}

function describedBy<V extends Values>(form: Form<V>, name: string, description: unknown): string | undefined {
  const ids = [description ? `${form.fieldId(name)}-description` : null, form.errors[name] ? `${form.fieldId(name)}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** Form values → the request, before the shared schema validates it (issue paths stay the field names). */
export const preprocessed = <S extends z.ZodType>(schema: S, toBody: (v: Record<string, unknown>) => unknown) =>
  z.preprocess((v) => toBody(v as Record<string, unknown>), schema);

/** A date (yyyy-mm-dd) or a time (hh:mm) with the browser's own picker. */
export function InputField<V extends Values>(props: Props<V> & { type: 'date' | 'time'; min?: string; max?: string }) {
  const { form, name, label, description, type, min, max } = props;
  const id = form.fieldId(name);
  const error = form.errors[name];
  form.labels.current[name] = label;
  return (
    <FormField
      invalid={!!error}
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : undefined}
      errorMessage={error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : undefined}
      input={
        <Textbox
          id={id}
          name={name}
          type={type}
          min={min}
          max={max}
          invalid={!!error}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(form, name, description)}
          value={String(form.values[name] ?? '')}
          onChange={(e: ChangeEvent<HTMLInputElement>) => form.set(name, e.target.value as V[typeof name])}
          className="naast-plan-short"
        />
      }
    />
  );
}

/** Radio buttons in a fieldset with a legend (e.g. the self-reliance score 1–5, each with its words). */
export function RadioField<V extends Values>(props: Props<V> & { options: Array<{ value: string; label: string }> }) {
  const { form, name, label, description, options } = props;
  const id = form.fieldId(name);
  const error = form.errors[name];
  form.labels.current[name] = label;
  return (
    <fieldset className="naast-fieldset" aria-describedby={describedBy(form, name, description)}>
      <legend className="utrecht-form-label">{label}</legend>
      {description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : null}
      {options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${o.value}`;
        return (
          <div className="naast-plan-radio" key={o.value}>
            <input
              type="radio"
              id={optionId}
              name={`${form.id}-${name}`}
              value={o.value}
              checked={form.values[name] === o.value}
              aria-invalid={error ? true : undefined}
              onChange={() => form.set(name, o.value as V[typeof name])}
            />
            <label htmlFor={optionId}>{o.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}
