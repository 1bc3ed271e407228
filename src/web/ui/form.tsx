import { useCallback, useId, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError } from '../api.js';
import { Alert, Checkbox, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Heading2, Paragraph, Select, SelectOption, Textarea, Textbox } from './nlds.js';

type Values = Record<string, unknown>;
type Translate = (key: string, opts?: Record<string, unknown>) => string;

/** A form's state: values, field errors (client Zod or server problem+json), a general error and busy flag. */
export interface Form<V extends Values> {
  id: string;
  values: V;
  set: <K extends keyof V>(name: K, value: V[K]) => void;
  reset: (values: V) => void;
  errors: Partial<Record<string, string>>;
  /** An error not tied to one field (wrong password, network). */
  formError: { title: string; detail?: string } | null;
  /** The confirmation the last successful submit returned (see useForm). */
  notice: string | null;
  busy: boolean;
  labels: RefObject<Record<string, string>>;
  summaryRef: RefObject<HTMLDivElement | null>;
  onSubmit: (e: FormEvent) => void;
  fieldId: (name: string) => string;
}

/** Zod issue → a message in the user's language (the server sends the same rules, already translated). */
export function issueMessage(t: Translate, issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & { origin?: string; minimum?: number; maximum?: number; format?: string; input?: unknown };
  switch (i.code) {
    case 'invalid_type':
      return i.input === undefined || i.input === '' ? t('field.required') : t('field.invalid');
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? t('field.required') : t('field.tooShort', { count: Number(i.minimum) });
      if (i.origin === 'array') return t('field.tooFew', { count: Number(i.minimum) });
      return t('field.invalid');
    case 'too_big':
      if (i.origin === 'string') return t('field.tooLong', { count: Number(i.maximum) });
      if (i.origin === 'array') return t('field.tooMany', { count: Number(i.maximum) });
      return t('field.invalid');
    case 'invalid_format':
      if (i.input === '') return t('field.required');
      return i.format === 'email' ? t('field.email') : t('field.format');
    case 'invalid_value':
      return t('field.choose');
    case 'custom': {
      // A shared refinement names its own message (params.messageKey), e.g. a postcode's format.
      const key = (i as { params?: { messageKey?: unknown } }).params?.messageKey;
      return typeof key === 'string' ? t(key, { defaultValue: t('field.invalid') }) : t('field.invalid');
    }
    default:
      return t('field.invalid');
  }
}

/** What to tell the user about a failed call: the server's own words, or ours for network and unknown failures. */
function problemText(t: Translate, err: unknown): { title: string; detail?: string } {
  if (err instanceof ApiError && err.problem) return { title: err.problem.title, detail: err.problem.detail };
  if (err instanceof ApiError && err.status === 0) return { title: t('errors.network.title'), detail: t('errors.network.detail') };
  return { title: t('errors.unknown.title'), detail: t('errors.unknown.detail') };
}

/**
 * One form, validated by the same Zod schema as its API route. `onValid` gets the parsed data;
 * server field errors ('body.email') land next to the fields, other problems in the summary.
 * Text that `onValid` returns is the confirmation (`notice`), until the next submit starts.
 */
export function useForm<V extends Values, S extends z.ZodType>(schema: S, initial: V, onValid: (data: z.infer<S>) => Promise<string | void> | string | void): Form<V> {
  const { t } = useTranslation();
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [formError, setFormError] = useState<Form<V>['formError']>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const labels = useRef<Record<string, string>>({});
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const valuesRef = useRef(values);
  valuesRef.current = values;

  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());

  const set = useCallback(<K extends keyof V>(name: K, value: V[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
  }, []);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const parsed = schema.safeParse(valuesRef.current);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '_');
        next[key] ??= issueMessage(t, issue);
      }
      setErrors(next);
      setFormError(null);
      focusSummary();
      return;
    }
    setErrors({});
    setFormError(null);
    setNotice(null);
    setBusy(true);
    Promise.resolve(onValid(parsed.data))
      .then((done) => {
        if (done) setNotice(done);
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.problem) {
          const next: Record<string, string> = {};
          for (const fe of err.problem.errors ?? []) {
            const key = fe.field.split('.')[1] ?? '_';
            next[key] ??= fe.message;
          }
          const known = Object.keys(next).filter((k) => k in valuesRef.current);
          setErrors(next);
          if (known.length === 0 || err.code !== 'validation') setFormError(problemText(t, err));
        } else {
          setFormError(problemText(t, err));
        }
        focusSummary();
      })
      .finally(() => setBusy(false));
  };

  return {
    id,
    values,
    set,
    reset: (v: V) => {
      setValues(v);
      setErrors({});
      setFormError(null);
    },
    errors,
    formError,
    notice,
    busy,
    labels,
    summaryRef,
    onSubmit,
    fieldId: (name: string) => `${id}-${name}`,
  };
}

/**
 * The error summary above a form: focused after a failed submit (so screen readers read it) and
 * linking every message to its field.
 */
export function ErrorSummary<V extends Values>({ form }: { form: Form<V> }) {
  const { t } = useTranslation();
  const fieldErrors = Object.entries(form.errors).filter(([k, v]) => v && k in form.values) as Array<[string, string]>;
  const other = Object.entries(form.errors).filter(([k, v]) => v && !(k in form.values)) as Array<[string, string]>;
  const has = fieldErrors.length > 0 || other.length > 0 || form.formError;
  return (
    <div ref={form.summaryRef} tabIndex={-1} className="naast-error-summary">
      {has ? (
        <Alert type="error">
          <Heading2>{form.formError?.title ?? t('form.errorSummary')}</Heading2>
          {form.formError?.detail ? <Paragraph>{form.formError.detail}</Paragraph> : null}
          {fieldErrors.length + other.length > 0 ? (
            <ul>
              {fieldErrors.map(([name, message]) => (
                <li key={name}>
                  <a
                    href={`#${form.fieldId(name)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(form.fieldId(name))?.focus();
                    }}
                  >
                    {form.labels.current[name] ? `${form.labels.current[name]}: ` : ''}
                    {message}
                  </a>
                </li>
              ))}
              {other.map(([name, message]) => (
                <li key={name}>{message}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
    </div>
  );
}

interface FieldProps<V extends Values> {
  form: Form<V>;
  name: keyof V & string;
  label: string;
  description?: ReactNode;
}

function describedBy<V extends Values>(form: Form<V>, name: string, description: unknown): string | undefined {
  const ids = [description ? `${form.fieldId(name)}-description` : null, form.errors[name] ? `${form.fieldId(name)}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** What every control of a field carries: its id, name, invalid state and the ids of its hint and error. */
function controlProps<V extends Values>({ form, name, description }: FieldProps<V>) {
  const error = form.errors[name];
  return {
    id: form.fieldId(name),
    name,
    invalid: !!error,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(form, name, description),
  };
}

/** A control whose value is the text typed, as is (trimming is the schema's job). */
function textBinding<V extends Values>(form: Form<V>, name: keyof V & string) {
  return {
    value: String(form.values[name] ?? ''),
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => form.set(name, e.target.value as V[typeof name]),
  };
}

function FieldFrame<V extends Values>({ form, name, label, description, type, control }: FieldProps<V> & { type?: string; control: ReactNode }) {
  const error = form.errors[name];
  const id = form.fieldId(name);
  form.labels.current[name] = label;
  return (
    <FormField
      type={type}
      invalid={!!error}
      label={<FormLabel htmlFor={id}>{label}</FormLabel>}
      description={description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : undefined}
      errorMessage={error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : undefined}
      input={control}
    />
  );
}

export function TextField<V extends Values>(
  props: FieldProps<V> & { type?: 'text' | 'email' | 'password' | 'search'; autoComplete?: string; inputMode?: 'numeric' | 'text' | 'email'; required?: boolean; maxLength?: number; spellCheck?: boolean },
) {
  const { form, name, type = 'text', autoComplete, inputMode, required, maxLength, spellCheck } = props;
  return (
    <FieldFrame
      {...props}
      control={
        <Textbox
          {...controlProps(props)}
          type={type}
          autoComplete={autoComplete}
          inputMode={inputMode}
          required={required}
          maxLength={maxLength}
          spellCheck={spellCheck}
          {...textBinding(form, name)}
        />
      }
    />
  );
}

/** Several lines of free text (e.g. a reason). */
export function TextAreaField<V extends Values>(props: FieldProps<V> & { rows?: number; maxLength?: number }) {
  const { form, name, rows = 4, maxLength } = props;
  return (
    <FieldFrame
      {...props}
      control={
        <Textarea
          {...controlProps(props)}
          rows={rows}
          maxLength={maxLength}
          {...textBinding(form, name)}
        />
      }
    />
  );
}

export function SelectField<V extends Values>(props: FieldProps<V> & { options: Array<{ value: string; label: string }>; placeholder?: string }) {
  const { form, name, options, placeholder } = props;
  return (
    <FieldFrame
      {...props}
      control={
        <Select
          {...controlProps(props)}
          value={String(form.values[name] ?? '')}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => form.set(name, (e.target.value === '' ? undefined : e.target.value) as V[typeof name])}
        >
          {placeholder !== undefined ? <SelectOption value="">{placeholder}</SelectOption> : null}
          {options.map((o) => (
            <SelectOption key={o.value} value={o.value}>
              {o.label}
            </SelectOption>
          ))}
        </Select>
      }
    />
  );
}

/** Several checkboxes for an array value (e.g. locations), in a fieldset with a legend. */
export function CheckboxGroup<V extends Values>({ form, name, label, options, description }: FieldProps<V> & { options: Array<{ value: string; label: string }> }) {
  const selected = (form.values[name] as string[] | undefined) ?? [];
  const error = form.errors[name];
  const id = form.fieldId(name);
  form.labels.current[name] = label;
  return (
    <fieldset className="naast-fieldset" aria-describedby={describedBy(form, name, description)} aria-invalid={error ? true : undefined}>
      <legend className="utrecht-form-label">{label}</legend>
      {description ? <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription> : null}
      {error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : null}
      {options.length === 0 ? <Paragraph>—</Paragraph> : null}
      {options.map((o, i) => (
        <div className="naast-checkbox-row" key={o.value}>
          <Checkbox
            id={i === 0 ? id : `${id}-${o.value}`}
            checked={selected.includes(o.value)}
            onChange={(e) => form.set(name, (e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value)) as V[typeof name])}
          />
          <label htmlFor={i === 0 ? id : `${id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** A friendly message for a failed load (not a form). */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { title, detail } = problemText(t, error);
  return (
    <Alert type="error">
      <Paragraph>
        <strong>{title}</strong>
      </Paragraph>
      {detail ? <Paragraph>{detail}</Paragraph> : null}
      {onRetry ? (
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </Alert>
  );
}
