import type { ChangeEvent, ReactNode } from 'react';
import { z } from 'zod';
import type { Form } from './form.js';
import { Checkbox, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Textbox } from './nlds.js';
import './fields.css';

// Field kinds beside the text fields of form.tsx (a date or time, one checkbox, radio buttons), built
// the same way: label, hint and error tied to the control with ids, the label kept for the error summary.

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

function Hint<V extends Values>({ form, name, description }: Props<V>) {
  return description ? <FormFieldDescription id={`${form.fieldId(name)}-description`}>{description}</FormFieldDescription> : null;
}

function Error<V extends Values>({ form, name }: { form: Form<V>; name: string }) {
  const error = form.errors[name];
  return error ? <FormFieldErrorMessage id={`${form.fieldId(name)}-error`}>{error}</FormFieldErrorMessage> : null;
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
      description={description ? <Hint {...props} /> : undefined}
      errorMessage={error ? <Error form={form} name={name} /> : undefined}
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
          className="naast-date"
        />
      }
    />
  );
}

/** One yes/no checkbox (e.g. consent); its value is a boolean. */
export function CheckboxField<V extends Values>(props: Props<V>) {
  const { form, name, label, description } = props;
  const id = form.fieldId(name);
  const error = form.errors[name];
  form.labels.current[name] = label;
  return (
    <div className="naast-fieldset">
      <Error form={form} name={name} />
      <div className="naast-checkbox-row">
        <Checkbox
          id={id}
          name={name}
          checked={form.values[name] === true}
          invalid={!!error}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(form, name, description)}
          onChange={(e) => form.set(name, e.target.checked as V[typeof name])}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <Hint {...props} />
    </div>
  );
}

/** A date (yyyy-mm-dd) with the browser's own date picker. */
export function DateField<V extends Values>(props: Props<V> & { min?: string; max?: string }) {
  return <InputField {...props} type="date" />;
}

/** Radio buttons in a fieldset with a legend; each option may carry a short explanation. */
export function RadioField<V extends Values>(props: Props<V> & { options: Array<{ value: string; label: string; hint?: string }> }) {
  const { form, name, label, description, options } = props;
  const id = form.fieldId(name);
  const error = form.errors[name];
  form.labels.current[name] = label;
  return (
    <fieldset className="naast-fieldset" aria-describedby={describedBy(form, name, description)}>
      <legend className="utrecht-form-label">{label}</legend>
      <Hint {...props} />
      <Error form={form} name={name} />
      {options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${o.value}`;
        return (
          <div className="naast-radio-row" key={o.value}>
            <input
              type="radio"
              id={optionId}
              name={`${form.id}-${name}`}
              value={o.value}
              checked={form.values[name] === o.value}
              aria-invalid={error ? true : undefined}
              aria-describedby={o.hint ? `${optionId}-hint` : undefined}
              onChange={() => form.set(name, o.value as V[typeof name])}
            />
            <span>
              <label htmlFor={optionId}>{o.label}</label>
              {o.hint ? (
                <span id={`${optionId}-hint`} className="naast-radio-hint">
                  {o.hint}
                </span>
              ) : null}
            </span>
          </div>
        );
      })}
    </fieldset>
  );
}
