import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { MAX_CONTACT_MINUTES, ZContactKind, ZContactRequest, type TContact } from '../../../shared/trajectories.js';
import { api, ApiError } from '../../api.js';
import { ErrorSummary, TextAreaField, TextField, useForm, type Form } from '../../ui/form.js';
import { Button, FormFieldDescription, FormFieldErrorMessage, Paragraph, Textbox } from '../../ui/nlds.js';
import { endpoints } from './endpoints.js';
import { amsterdamToday, hoursText, kindName, shiftDate } from './labels.js';

/** Most used first: a volunteer on the phone finds the usual kinds without scrolling. */
const KIND_ORDER = ['phone', 'home_visit', 'professional_meeting', 'preparation', 'evaluation', 'mail', 'court_hearing', 'peer_contact', 'training', 'other'] as const;
const QUICK_MINUTES = [15, 30, 60, 90, 120, 180] as const;
type TimeOf = 'volunteer' | 'professional';

interface Values extends Record<string, unknown> {
  kind: string | undefined;
  occurredOn: string;
  duration: string;
  timeOf: TimeOf;
  participants: string;
  note: string;
}

/**
 * The form's own fields, turned into the API's request and checked by the shared ZContactRequest
 * (the same rules as the route), so what passes here is what the server accepts.
 */
const ZContactForm = z
  .object({
    kind: ZContactKind,
    occurredOn: z.iso.date().refine((d) => d <= amsterdamToday(), { params: { messageKey: 'contacts.form.future' } }),
    duration: z
      .string()
      .refine((d) => /^\d+$/.test(d) && Number(d) > 0, { params: { messageKey: 'contacts.form.durationRequired' } })
      .refine((d) => Number(d) <= MAX_CONTACT_MINUTES, { params: { messageKey: 'contacts.form.durationTooLong' } })
      .transform(Number),
    timeOf: z.enum(['volunteer', 'professional']),
    participants: z.string().max(800),
    note: z.string().max(2000),
  })
  .transform((v, ctx) => {
    const request = ZContactRequest.safeParse({
      kind: v.kind,
      occurredOn: v.occurredOn,
      volunteerMinutes: v.timeOf === 'volunteer' ? v.duration : 0,
      professionalMinutes: v.timeOf === 'professional' ? v.duration : 0,
      participants: v.participants
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
      note: v.note.trim() || undefined,
    });
    if (request.success) return request.data;
    // The request's minutes are this form's one duration field.
    for (const issue of request.error.issues) {
      const field = String(issue.path[0] ?? '');
      ctx.addIssue({ ...issue, path: [field === 'volunteerMinutes' || field === 'professionalMinutes' ? 'duration' : field] } as never);
    }
    return z.NEVER;
  });

/** The server names the minutes fields; on this form they are one "duration". */
function mapServerFields(err: unknown): unknown {
  if (!(err instanceof ApiError) || !err.problem?.errors) return err;
  const rename = (field: string) => field.replace(/^body\.(volunteerMinutes|professionalMinutes)$/, 'body.duration');
  return new ApiError(err.status, { ...err.problem, errors: err.problem.errors.map((e) => ({ ...e, field: rename(e.field) })) });
}

function initialValues(defaultTimeOf: TimeOf, contact?: TContact): Values {
  if (!contact) return { kind: undefined, occurredOn: amsterdamToday(), duration: '', timeOf: defaultTimeOf, participants: '', note: '' };
  const timeOf: TimeOf = contact.professionalMinutes > 0 && contact.volunteerMinutes === 0 ? 'professional' : 'volunteer';
  return {
    kind: contact.kind,
    occurredOn: contact.occurredOn,
    duration: String(contact.volunteerMinutes + contact.professionalMinutes),
    timeOf,
    participants: contact.participants.join(', '),
    note: contact.note ?? '',
  };
}

function FieldError({ form, name }: { form: Form<Values>; name: string }) {
  const error = form.errors[name];
  return error ? <FormFieldErrorMessage id={`${form.fieldId(name)}-error`}>{error}</FormFieldErrorMessage> : null;
}

/** Large radio "chips": the whole chip is the target, at least 48 px high. */
function Chips({ form, name, legend, options }: { form: Form<Values>; name: keyof Values & string; legend: string; options: Array<{ value: string; label: string }> }) {
  const id = form.fieldId(name);
  const error = form.errors[name];
  form.labels.current[name] = legend;
  return (
    <fieldset className="naast-fieldset naast-chips" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="utrecht-form-label">{legend}</legend>
      <FieldError form={form} name={name} />
      <div className="naast-chips__list">
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <label key={o.value} className="naast-chip" htmlFor={optionId}>
              <input
                type="radio"
                id={optionId}
                name={`${form.id}-${name}`}
                value={o.value}
                checked={form.values[name] === o.value}
                aria-invalid={error ? true : undefined}
                onChange={() => form.set(name, o.value as Values[typeof name])}
              />
              <span>{o.label}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

/**
 * Quick contact entry (contact vastleggen), made for one hand on a phone: big chips for the kind,
 * today/yesterday, duration buttons, whose time it is, and an optional note. Also edits a contact.
 */
export function ContactForm({
  trajectoryId,
  reason,
  defaultTimeOf,
  contact,
  familyName,
  onSaved,
  onCancel,
  autoFocus = false,
}: {
  trajectoryId: string;
  reason?: string;
  defaultTimeOf: TimeOf;
  contact?: TContact;
  /** Named in the heading and the confirmation, so it is clear which family this was for. */
  familyName?: string;
  onSaved: (c: TContact) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const today = amsterdamToday();
  const yesterday = shiftDate(today, -1);
  const [done, setDone] = useState<string | null>(null);
  const form = useForm(ZContactForm, initialValues(defaultTimeOf, contact), async (data) => {
    let saved: TContact;
    try {
      saved = contact
        ? // An emptied note is cleared (null); a missing one would leave the old note in place.
          await api<TContact>('PATCH', endpoints.contact(trajectoryId, contact.id, reason), { ...data, note: data.note ?? null })
        : await api<TContact>('POST', endpoints.contacts(trajectoryId, reason), data);
    } catch (e) {
      throw mapServerFields(e);
    }
    const minutes = saved.volunteerMinutes + saved.professionalMinutes;
    const text = t(contact ? 'contacts.form.updated' : 'contacts.form.saved', { kind: kindName(t, saved.kind).toLowerCase(), hours: hoursText(t, i18n.language, minutes) });
    if (!contact) form.reset(initialValues(defaultTimeOf));
    setDone(text);
    onSaved(saved);
  });
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (autoFocus) first.current?.querySelector('input')?.focus();
  }, [autoFocus]);
  useEffect(() => {
    if (form.busy) setDone(null);
  }, [form.busy]);

  const v = form.values;
  const dateId = form.fieldId('occurredOn');
  const durationId = form.fieldId('duration');
  form.labels.current.occurredOn = t('contacts.form.date');
  form.labels.current.duration = t('contacts.form.duration');
  const quickLabel = (m: number) => (m < 60 ? t('contacts.form.minutes', { minutes: m }) : hoursText(t, i18n.language, m));

  return (
    <form noValidate onSubmit={form.onSubmit} className="naast-contact-form" aria-label={familyName ? t('contacts.form.titleFor', { family: familyName }) : t('contacts.form.title')}>
      <div className="naast-feedback" role="status" aria-live="polite">
        {done ? <p className="naast-done">{done}</p> : null}
      </div>
      <ErrorSummary form={form} />
      <div ref={first}>
        <Chips form={form} name="kind" legend={t('contacts.form.kind')} options={KIND_ORDER.map((k) => ({ value: k, label: kindName(t, k) }))} />
      </div>

      <fieldset className="naast-fieldset" aria-describedby={form.errors.occurredOn ? `${dateId}-error` : undefined}>
        <legend className="utrecht-form-label">{t('contacts.form.date')}</legend>
        <FieldError form={form} name="occurredOn" />
        <div className="naast-quick-buttons">
          {[
            { value: today, label: t('contacts.form.today') },
            { value: yesterday, label: t('contacts.form.yesterday') },
          ].map((d) => (
            <button key={d.label} type="button" className="naast-quick" aria-pressed={v.occurredOn === d.value} onClick={() => form.set('occurredOn', d.value)}>
              {d.label}
            </button>
          ))}
        </div>
        <label className="naast-small-label" htmlFor={dateId}>
          {t('contacts.form.otherDate')}
        </label>
        <Textbox
          id={dateId}
          type="date"
          max={today}
          className="naast-date"
          invalid={!!form.errors.occurredOn}
          aria-invalid={form.errors.occurredOn ? true : undefined}
          value={v.occurredOn}
          onChange={(e: ChangeEvent<HTMLInputElement>) => form.set('occurredOn', e.target.value)}
        />
      </fieldset>

      <fieldset className="naast-fieldset" aria-describedby={`${durationId}-description${form.errors.duration ? ` ${durationId}-error` : ''}`}>
        <legend className="utrecht-form-label">{t('contacts.form.duration')}</legend>
        <FormFieldDescription id={`${durationId}-description`}>{t('contacts.form.durationHint')}</FormFieldDescription>
        <FieldError form={form} name="duration" />
        <div className="naast-quick-buttons">
          {QUICK_MINUTES.map((m) => (
            <button key={m} type="button" className="naast-quick" aria-pressed={v.duration === String(m)} onClick={() => form.set('duration', String(m))}>
              {quickLabel(m)}
            </button>
          ))}
        </div>
        <label className="naast-small-label" htmlFor={durationId}>
          {t('contacts.form.minutesField')}
        </label>
        <Textbox
          id={durationId}
          inputMode="numeric"
          className="naast-minutes"
          invalid={!!form.errors.duration}
          aria-invalid={form.errors.duration ? true : undefined}
          value={v.duration}
          onChange={(e: ChangeEvent<HTMLInputElement>) => form.set('duration', e.target.value.replace(/[^0-9]/g, ''))}
        />
        {v.duration && /^\d+$/.test(v.duration) ? <Paragraph className="naast-hint">{t('contacts.form.durationIs', { hours: hoursText(t, i18n.language, Number(v.duration)) })}</Paragraph> : null}
      </fieldset>

      <Chips
        form={form}
        name="timeOf"
        legend={t('contacts.form.timeOf')}
        options={[
          { value: 'volunteer', label: t('contacts.form.volunteerTime') },
          { value: 'professional', label: t('contacts.form.professionalTime') },
        ]}
      />
      <TextField form={form} name="participants" label={t('contacts.form.participants')} description={t('contacts.form.participantsHint')} maxLength={800} />
      <TextAreaField form={form} name="note" label={t('contacts.form.note')} description={t('contacts.form.noteHint')} rows={3} maxLength={2000} />
      <div className="naast-thumb-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {contact ? t('contacts.form.update') : t('contacts.form.submit')}
        </Button>
        {onCancel ? (
          <Button appearance="secondary-action-button" onClick={onCancel} disabled={form.busy}>
            {t('contacts.form.close')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
