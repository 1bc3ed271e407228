import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { TLocation } from '../../../shared/organisation.js';
import { ACCESS_REASON_MAX, ACCESS_REASON_MIN, ZAccessReason } from '../../../shared/users.js';
import { ErrorSummary, TextAreaField, useForm } from '../../ui/form.js';
import { Button, FormField, FormLabel, Paragraph, Select, SelectOption } from '../../ui/nlds.js';
import './waiting-list.css';

/**
 * Choose one location and show it (one button, so a screen reader hears one update). `allLabel`
 * adds a first option without a location (e.g. "my own locations").
 */
export function LocationPicker({
  locations,
  value,
  onApply,
  allLabel,
}: {
  locations: TLocation[];
  value: string | undefined;
  onApply: (locationId: string | undefined) => void;
  allLabel?: string;
}) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState(value ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(choice || undefined);
  };
  return (
    <form className="naast-location-picker" onSubmit={submit} aria-label={t('waitingList.pickLocation')}>
      <FormField
        label={<FormLabel htmlFor="location-picker">{t('waitingList.location')}</FormLabel>}
        input={
          <Select id="location-picker" value={choice} onChange={(e: ChangeEvent<HTMLSelectElement>) => setChoice(e.target.value)}>
            {allLabel ? <SelectOption value="">{allLabel}</SelectOption> : null}
            {locations.map((l) => (
              <SelectOption key={l.id} value={l.id}>
                {l.name}
              </SelectOption>
            ))}
          </Select>
        }
      />
      <div className="naast-actions">
        <Button type="submit" appearance="secondary-action-button">
          {t('waitingList.show')}
        </Button>
      </div>
    </form>
  );
}

const ZReasonForm = z.strictObject({ reason: ZAccessReason });

/**
 * Break-the-glass: a location that is not the coordinator's own (403 reason_required). The reason
 * is sent with the read and kept in the audit log.
 */
export function ReasonForm({ intro, onReason, onCancel }: { intro: string; onReason: (reason: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm(ZReasonForm, { reason: '' }, ({ reason }) => onReason(reason));
  return (
    <section className="naast-card naast-narrow">
      <Paragraph>{intro}</Paragraph>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextAreaField
          form={form}
          name="reason"
          label={t('waitingList.reason.label')}
          description={t('waitingList.reason.hint', { min: ACCESS_REASON_MIN, max: ACCESS_REASON_MAX })}
          maxLength={ACCESS_REASON_MAX}
        />
        <div className="naast-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy}>
            {t('waitingList.reason.submit')}
          </Button>
          <Button appearance="secondary-action-button" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** yyyy-mm-dd or an ISO time → a date in the user's language. */
export function formatDate(iso: string, lang: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long' }).format(d);
}
