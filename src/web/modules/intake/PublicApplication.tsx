import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ZPublicApplicationRequest, type TApplicationForm, type TApplicationReceipt } from '../../../shared/intake.js';
import { api, ApiError } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, useForm } from '../../ui/form.js';
import { Alert, Button, Heading2, OrderedList, OrderedListItem, Paragraph } from '../../ui/nlds.js';
import { ChildrenFields, ConsentFields, emptyFamily, familyBody, InstitutionFields, PeopleFields, PlaceFields, SituationFields } from './ApplicationFields.js';
import { flatSchema, text, withFlatErrors, type Flat } from './nested.js';
import { FIRST_CONTACT_WORKING_DAYS } from '../../../shared/organisation.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The answer of a refused send, in this form's own words where the server's would not help the parent. */
function explain(t: (k: string) => string, err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  const mine = (title: string, detail: string) => new ApiError(err.status, { type: err.problem?.type ?? 'about:blank', status: err.status, title: t(title), detail: t(detail) });
  if (err.status === 429) return mine('publicForm.tooMany.title', 'publicForm.tooMany.detail');
  if (err.code === 'form_rejected') return mine('publicForm.rejected.title', 'publicForm.rejected.detail');
  return err;
}

function ApplicationForm({ orgId, info, onDone }: { orgId: string; info: TApplicationForm; onDone: (reference: string) => void }) {
  const { t } = useTranslation();
  const loadedAt = useRef(Date.now());
  const honeypot = info.honeypotField;
  const schema = useMemo(
    () =>
      flatSchema(ZPublicApplicationRequest, (v: Flat) => ({
        ...familyBody(t, v),
        privacyStatementVersion: info.privacyStatement.version,
        startedAt: info.startedAt,
        [honeypot]: text(v[honeypot]),
      })),
    [t, info, honeypot],
  );
  const form = useForm(schema, { ...emptyFamily(), [honeypot]: '' } as Flat, async (data) => {
    // Nobody fills this form in a few seconds; should someone be that quick, wait instead of being refused.
    const wait = info.minFillSeconds * 1000 + 300 - (Date.now() - loadedAt.current);
    if (wait > 0) await sleep(wait);
    try {
      const receipt = await withFlatErrors(api<TApplicationReceipt>('POST', `/public/organisations/${encodeURIComponent(orgId)}/applications`, data));
      onDone(receipt.reference);
    } catch (err) {
      throw explain(t, err);
    }
  });
  return (
    <form noValidate onSubmit={form.onSubmit} aria-label={t('publicForm.title')}>
      <ErrorSummary form={form} />
      <PeopleFields form={form} />
      <ChildrenFields form={form} />
      <PlaceFields form={form} municipalities={info.municipalities} />
      <InstitutionFields form={form} />
      <SituationFields form={form} />
      <ConsentFields form={form} statement={info.privacyStatement.text} />
      {/* The honeypot: people never see or reach it; a bot that fills every field gets refused. */}
      <div className="naast-hp" aria-hidden="true">
        <label htmlFor={form.fieldId(honeypot)}>{t('applicationForm.honeypot')}</label>
        <input
          id={form.fieldId(honeypot)}
          name={honeypot}
          type="text"
          tabIndex={-1}
          autoComplete="off"
          value={String(form.values[honeypot] ?? '')}
          onChange={(e) => form.set(honeypot, e.target.value)}
        />
      </div>
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {form.busy ? t('publicForm.busy') : t('publicForm.submit')}
        </Button>
      </div>
    </form>
  );
}

function Done({ reference, days }: { reference: string; days: number }) {
  const { t } = useTranslation();
  return (
    <Page key="done" title={t('publicForm.done.title')} narrow>
      <Alert type="ok">
        <Paragraph>{t('publicForm.done.thanks')}</Paragraph>
      </Alert>
      <Paragraph>
        {t('publicForm.done.reference')}: <span className="naast-reference">{reference}</span>
      </Paragraph>
      <Paragraph>{t('publicForm.done.keep')}</Paragraph>
      <Heading2>{t('publicForm.done.next')}</Heading2>
      <OrderedList>
        <OrderedListItem>{t('publicForm.done.step1', { count: days })}</OrderedListItem>
        <OrderedListItem>{t('publicForm.done.step2')}</OrderedListItem>
        <OrderedListItem>{t('publicForm.done.step3')}</OrderedListItem>
      </OrderedList>
      <Paragraph>{t('publicForm.done.mail')}</Paragraph>
    </Page>
  );
}

/** The public application form (no account): /aanmelden/:orgId. Mobile first, one page in six short parts. */
export default function PublicApplication() {
  const { t } = useTranslation();
  const { orgId = '' } = useParams();
  const info = useLoad(() => api<TApplicationForm>('GET', `/public/organisations/${encodeURIComponent(orgId)}/application-form`), [orgId]);
  const [reference, setReference] = useState<string | null>(null);
  const days = info.data?.firstContactWorkingDays ?? FIRST_CONTACT_WORKING_DAYS.default;

  if (reference) return <Done reference={reference} days={days} />;
  const missing = info.error instanceof ApiError && (info.error.status === 404 || info.error.status === 400);
  return (
    <Page key="form" title={t('publicForm.title')} narrow>
      <Paragraph lead>{t('publicForm.intro')}</Paragraph>
      {info.loading && !info.data ? (
        <Loading />
      ) : missing ? (
        <Alert type="error">
          <Paragraph>{t('publicForm.notFound')}</Paragraph>
        </Alert>
      ) : info.error || !info.data ? (
        <LoadError error={info.error} onRetry={info.reload} />
      ) : (
        <>
          <Paragraph>{t('publicForm.org', { name: info.data.organisationName })}</Paragraph>
          <Paragraph>{t('publicForm.steps')}</Paragraph>
          <ApplicationForm orgId={orgId} info={info.data} onDone={(r) => {
            setReference(r);
            window.scrollTo(0, 0);
          }} />
        </>
      )}
    </Page>
  );
}
