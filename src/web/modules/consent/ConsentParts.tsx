import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_CATEGORIES,
  RECIPIENT_KINDS,
  ZConsentRequest,
  ZRecipientRequest,
  ZStaffConsentRequest,
  type TConsent,
  type TConsentRecipient,
  type TRecipientRequest,
} from '../../../shared/consent.js';
import { ErrorSummary, SelectField, TextAreaField, TextField, useForm, type Form } from '../../ui/form.js';
import { InputField, preprocessed, RadioField } from '../../ui/fields.js';
import { Button, Checkbox, FormFieldDescription, FormFieldErrorMessage, Paragraph } from '../../ui/nlds.js';
import { formatDay, formatWhen, text, todayAmsterdam } from '../trajectories/plan/format.js';
import './consent.css';

// The consent register's pieces shared by the parent's page (/toestemmingen) and the dossier section.

type Translate = (key: string, opts?: Record<string, unknown>) => string;

const q = (reason?: string) => (reason ? `?${new URLSearchParams({ reason }).toString()}` : '');
const enc = (x: string) => encodeURIComponent(x);

/** The consent API paths (under /api/v1), in one place. */
export const consentEndpoints = {
  mine: () => '/me/consents',
  myRecipients: () => '/me/consent-recipients',
  myConsents: () => '/me/consents',
  myRevoke: (id: string) => `/me/consents/${enc(id)}/revoke`,
  recipients: (tid: string, reason?: string) => `/trajectories/${enc(tid)}/consent-recipients${q(reason)}`,
  consents: (tid: string, reason?: string) => `/trajectories/${enc(tid)}/consents${q(reason)}`,
  revoke: (tid: string, cid: string, reason?: string) => `/trajectories/${enc(tid)}/consents/${enc(cid)}/revoke${q(reason)}`,
};

/** "Jeugdbeschermer Sanne de Vries (William Schrikker)". */
export function recipientLabel(t: Translate, r: { kind: string; name: string; organisation: string | null }): string {
  const who = `${t(`consent.kinds.${r.kind}`)} ${r.name}`;
  return r.organisation ? `${who} (${r.organisation})` : who;
}

/** "verslagen, brieven en het plan" in the reader's language. */
export function categoriesText(t: Translate, lang: string, categories: readonly string[]): string {
  const words = categories.map((c) => t(`consent.categories.${c}`));
  return new Intl.ListFormat(lang.startsWith('en') ? 'en-GB' : 'nl-NL', { type: 'conjunction' }).format(words);
}

/** The consent in plain words: who may see what, for what, until when. */
export function consentSentence(t: Translate, lang: string, c: TConsent): string {
  const vars = {
    who: recipientLabel(t, c.recipient),
    what: categoriesText(t, lang, c.categories),
    purpose: c.purpose,
    from: formatDay(c.validFrom, lang),
    until: formatDay(c.validUntil, lang),
  };
  return c.status === 'future' ? t('consent.sentenceFuture', vars) : t('consent.sentence', vars);
}

/** What happened to a consent that no longer counts (withdrawn or expired), and when. */
export function historyText(t: Translate, lang: string, c: TConsent): string {
  if (c.status === 'revoked' && c.revokedAt) return t('consent.revokedOn', { date: formatWhen(c.revokedAt, lang), name: c.revokedBy?.name ?? '' });
  if (c.status === 'expired') return t('consent.expiredOn', { date: formatDay(c.validUntil, lang) });
  return '';
}

/** How it was given: in Naast by the parent, or recorded by a staff member after a conversation. */
function givenText(t: Translate, lang: string, c: TConsent): string {
  const date = formatWhen(c.createdAt, lang);
  return c.givenVia === 'portal' ? t('consent.givenPortal', { date, name: c.recordedBy.name }) : t('consent.givenStaff', { date, name: c.recordedBy.name });
}

/** The shares made with a consent (the sharing gate writes them): what, how, when, opened or not. */
function SharesList({ c }: { c: TConsent }) {
  const { t, i18n } = useTranslation();
  if (c.shares.length === 0) return <Paragraph className="naast-consent-meta">{t('consent.sharesNone')}</Paragraph>;
  return (
    <>
      <Paragraph className="naast-consent-meta">{t('consent.sharesTitle')}</Paragraph>
      <ul className="naast-consent-shares">
        {c.shares.map((s) => (
          <li key={s.id}>
            {t('consent.shareLine', {
              what: t(`consent.categories.${s.category}`, { defaultValue: s.category }),
              how: t(`consent.channels.${s.channel}`, { defaultValue: s.channel }),
              date: formatWhen(s.sharedAt, i18n.language),
            })}
            {s.openedAt ? ` ${t('consent.shareOpened', { date: formatWhen(s.openedAt, i18n.language) })}` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * One consent as a card: the plain sentence, how it was given, the shares made with it, and (when
 * allowed) "Intrekken" with a confirmation step. Staff must write why (the parent's instruction).
 */
export function ConsentCard({
  c,
  onRevoke,
  noteRequired = false,
  busy = false,
}: {
  c: TConsent;
  onRevoke?: (note: string | undefined) => Promise<void>;
  noteRequired?: boolean;
  busy?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const sentence = consentSentence(t, lang, c);
  const history = historyText(t, lang, c);
  const noteId = `consent-note-${c.id}`;
  const headingId = `consent-${c.id}`;
  const live = c.status === 'active' || c.status === 'future';
  const confirm = async () => {
    const v = note.trim();
    if (noteRequired && !v) {
      setNoteError(t('consent.revokeNoteRequired'));
      document.getElementById(noteId)?.focus();
      return;
    }
    if (v.length > 1000) {
      setNoteError(t('field.tooLong', { count: 1000 }));
      return;
    }
    setNoteError(null);
    await onRevoke?.(v || undefined);
  };
  return (
    <li className={`naast-consent-card naast-consent-card--${c.status}`} aria-labelledby={headingId}>
      <p className="naast-consent-status">
        <span className={`naast-consent-badge naast-consent-badge--${c.status}`}>{t(`consent.status.${c.status}`)}</span>
      </p>
      <p id={headingId} className="naast-consent-sentence">
        {sentence}
      </p>
      {history ? <Paragraph>{history}</Paragraph> : null}
      {c.revokeNote ? <Paragraph className="naast-consent-meta">{t('consent.revokeNoteShown', { note: c.revokeNote })}</Paragraph> : null}
      <Paragraph className="naast-consent-meta">{givenText(t, lang, c)}</Paragraph>
      {c.staffNote ? <Paragraph className="naast-consent-meta">{t('consent.staffNoteShown', { note: c.staffNote })}</Paragraph> : null}
      <SharesList c={c} />
      {live && onRevoke ? (
        confirming ? (
          <div className="naast-consent-confirm" role="group" aria-labelledby={`${headingId}-confirm`}>
            <p id={`${headingId}-confirm`} className="naast-consent-confirm-title">
              {t('consent.revokeConfirmTitle')}
            </p>
            <Paragraph>{t('consent.revokeConfirmText')}</Paragraph>
            <div className="naast-consent-field">
              <label htmlFor={noteId} className="utrecht-form-label">
                {noteRequired ? t('consent.revokeNoteStaff') : t('consent.revokeNote')}
              </label>
              {noteRequired ? null : <FormFieldDescription id={`${noteId}-hint`}>{t('consent.optional')}</FormFieldDescription>}
              {noteError ? <FormFieldErrorMessage id={`${noteId}-error`}>{noteError}</FormFieldErrorMessage> : null}
              <textarea
                id={noteId}
                className="utrecht-textarea"
                rows={2}
                maxLength={1000}
                value={note}
                aria-invalid={noteError ? true : undefined}
                aria-describedby={[noteRequired ? null : `${noteId}-hint`, noteError ? `${noteId}-error` : null].filter(Boolean).join(' ') || undefined}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
            <div className="naast-actions">
              <Button appearance="primary-action-button" busy={busy} onClick={() => void confirm()}>
                {t('consent.revokeYes')}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => setConfirming(false)}>
                {t('consent.revokeNo')}
              </Button>
            </div>
          </div>
        ) : (
          <Button appearance="secondary-action-button" className="naast-consent-revoke" onClick={() => setConfirming(true)} aria-describedby={headingId}>
            {t('consent.revoke')}
          </Button>
        )
      ) : null}
    </li>
  );
}

// ---------------------------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------------------------

type RecipientValues = { kind: string; name: string; organisation: string; email: string };
const ZRecipientForm = preprocessed(ZRecipientRequest, (v) => ({
  kind: text(v.kind),
  name: text(v.name),
  organisation: text(v.organisation) ?? null,
  email: text(v.email) ?? null,
}));

/** Someone to share with: kind, name, organisation, email (where a shared item's link is mailed). */
export function RecipientForm({ save, onDone, onCancel }: { save: (body: TRecipientRequest) => Promise<TConsentRecipient>; onDone: (r: TConsentRecipient) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const form = useForm(ZRecipientForm, { kind: '', name: '', organisation: '', email: '' } as RecipientValues, async (data) => {
    onDone(await save(data));
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="naast-consent-form">
      <ErrorSummary form={form} />
      <SelectField form={form} name="kind" label={t('consent.recipient.kind')} placeholder={t('consent.choose')} options={RECIPIENT_KINDS.map((k) => ({ value: k, label: t(`consent.kinds.${k}`) }))} />
      <TextField form={form} name="name" label={t('consent.recipient.name')} description={t('consent.recipient.nameHint')} maxLength={200} autoComplete="off" />
      <TextField form={form} name="organisation" label={t('consent.recipient.organisation')} description={t('consent.optional')} maxLength={200} autoComplete="off" />
      <TextField form={form} name="email" type="email" label={t('consent.recipient.email')} description={t('consent.recipient.emailHint')} maxLength={254} autoComplete="off" />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('consent.recipient.add')}
        </Button>
        {onCancel ? (
          <Button appearance="secondary-action-button" onClick={onCancel}>
            {t('consent.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** The categories as checkboxes, each with a short explanation of what it means. */
function CategoriesField<V extends Record<string, unknown>>({ form, name, label }: { form: Form<V>; name: keyof V & string; label: string }) {
  const { t } = useTranslation();
  const selected = (form.values[name] as string[] | undefined) ?? [];
  const id = form.fieldId(name);
  const error = form.errors[name];
  form.labels.current[name] = label;
  return (
    <fieldset className="naast-fieldset naast-consent-categories" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="utrecht-form-label">{label}</legend>
      {error ? <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage> : null}
      {CONSENT_CATEGORIES.map((c, i) => {
        const cid = i === 0 ? id : `${id}-${c}`;
        return (
          <div className="naast-checkbox-row naast-consent-category" key={c}>
            <Checkbox
              id={cid}
              checked={selected.includes(c)}
              aria-describedby={`${cid}-hint`}
              aria-invalid={error ? true : undefined}
              onChange={(e) => form.set(name, (e.target.checked ? [...selected, c] : selected.filter((v) => v !== c)) as V[typeof name])}
            />
            <span>
              <label htmlFor={cid}>{t(`consent.categoryNames.${c}`)}</label>
              <span id={`${cid}-hint`} className="naast-radio-hint">
                {t(`consent.categoryHints.${c}`)}
              </span>
            </span>
          </div>
        );
      })}
    </fieldset>
  );
}

type ConsentValues = { recipientId: string; purpose: string; categories: string[]; validFrom: string; validUntil: string; staffNote: string };

const toBody = (staff: boolean) => (v: Record<string, unknown>) => ({
  recipientId: text(v.recipientId),
  purpose: text(v.purpose),
  categories: v.categories,
  validFrom: text(v.validFrom),
  validUntil: text(v.validUntil),
  ...(staff ? { staffNote: text(v.staffNote) } : {}),
});
const ZParentForm = preprocessed(ZConsentRequest, toBody(false));
const ZStaffForm = preprocessed(ZStaffConsentRequest, toBody(true));

function plusMonths(ymd: string, months: number): string {
  const d = new Date(`${ymd}T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/**
 * A new consent: to whom (the recipients of this family), for what, which data, how long. Staff also
 * write down the conversation in which the parent gave it.
 */
export function ConsentForm({
  recipients,
  staff,
  preselect,
  save,
  onDone,
  onCancel,
}: {
  recipients: TConsentRecipient[];
  staff: boolean;
  preselect?: string;
  save: (body: Record<string, unknown>) => Promise<TConsent>;
  onDone: (c: TConsent) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const today = todayAmsterdam();
  const initial: ConsentValues = {
    recipientId: preselect ?? (recipients.length === 1 ? recipients[0]!.id : ''),
    purpose: '',
    categories: [],
    validFrom: today,
    validUntil: plusMonths(today, 12),
    staffNote: '',
  };
  const form = useForm(staff ? ZStaffForm : ZParentForm, initial, async (data) => {
    onDone(await save(data as Record<string, unknown>));
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="naast-consent-form">
      <ErrorSummary form={form} />
      <RadioField form={form} name="recipientId" label={t('consent.form.recipient')} options={recipients.map((r) => ({ value: r.id, label: recipientLabel(t, r) }))} />
      <TextAreaField form={form} name="purpose" label={t('consent.form.purpose')} description={t('consent.form.purposeHint')} rows={2} maxLength={500} />
      <CategoriesField form={form} name="categories" label={t('consent.form.categories')} />
      <InputField form={form} name="validFrom" type="date" label={t('consent.form.validFrom')} />
      <InputField form={form} name="validUntil" type="date" label={t('consent.form.validUntil')} description={t('consent.form.validUntilHint')} />
      {staff ? <TextAreaField form={form} name="staffNote" label={t('consent.form.staffNote')} description={t('consent.form.staffNoteHint')} rows={3} maxLength={2000} /> : null}
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {staff ? t('consent.form.record') : t('consent.form.give')}
        </Button>
        {onCancel ? (
          <Button appearance="secondary-action-button" onClick={onCancel}>
            {t('consent.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
