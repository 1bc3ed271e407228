import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ZMfaEnrolConfirmRequest, type ZMfaEnrolStartResponse } from '../../../shared/auth.js';
import { api } from '../../api.js';
import { Loading } from '../../shell/Page.js';
import { ErrorSummary, LoadError, TextField, useForm } from '../../ui/form.js';
import { Button, Heading2, OrderedList, OrderedListItem, Paragraph } from '../../ui/nlds.js';
import { RecoveryCodes } from './RecoveryCodes.js';

/** The secret in groups of four, easier to type over. */
type TMfaEnrolStartResponse = z.infer<typeof ZMfaEnrolStartResponse>;

function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Two-factor enrolment: QR code and the secret as text, a code from the app to confirm, then the
 * recovery codes once. Used at first sign-in (staff must) and on the profile page (parents, funders may).
 */
export function EnrolFlow({ onDone, onCancel }: { onDone: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [start, setStart] = useState<TMfaEnrolStartResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const started = useRef(false);

  const begin = () => {
    setError(null);
    api<TMfaEnrolStartResponse>('POST', '/auth/mfa/enrol/start').then(setStart, setError);
  };
  useEffect(() => {
    // One secret per visit (React's development double effects would otherwise ask twice).
    if (started.current) return;
    started.current = true;
    begin();
  }, []);

  const form = useForm(ZMfaEnrolConfirmRequest, { code: '' }, async (data) => {
    setCodes((await api<{ recoveryCodes: string[] }>('POST', '/auth/mfa/enrol/confirm', data)).recoveryCodes);
  });

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;
  if (error) return <LoadError error={error} onRetry={begin} />;
  if (!start) return <Loading />;
  return (
    <>
      <OrderedList>
        <OrderedListItem>{t('enrol.step1')}</OrderedListItem>
        <OrderedListItem>{t('enrol.step2')}</OrderedListItem>
        <OrderedListItem>{t('enrol.step3')}</OrderedListItem>
      </OrderedList>
      <Heading2>{t('enrol.scanTitle')}</Heading2>
      <img className="naast-qr" src={start.qrDataUrl} alt={t('enrol.qrAlt')} width={192} height={192} />
      <Paragraph>{t('enrol.manual')}</Paragraph>
      <Paragraph>
        <code className="naast-code" id="mfa-secret" data-secret={start.secret}>
          {grouped(start.secret)}
        </code>
      </Paragraph>
      <Heading2>{t('enrol.confirmTitle')}</Heading2>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextField form={form} name="code" label={t('enrol.codeLabel')} description={t('enrol.codeHint')} autoComplete="one-time-code" inputMode="numeric" maxLength={6} />
        <div className="naast-actions">
          <Button type="submit" appearance="primary-action-button" busy={form.busy}>
            {t('enrol.submit')}
          </Button>
          {onCancel ? (
            <Button appearance="secondary-action-button" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : null}
        </div>
      </form>
    </>
  );
}
