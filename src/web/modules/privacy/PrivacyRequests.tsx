import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NOTE_MAX, ZDecision, type TRequestItem } from '../../../shared/privacy.js';
import { api } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { Empty, useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, TextAreaField, useForm } from '../../ui/form.js';
import { RadioField } from '../../ui/fields.js';
import { Button, Heading2, Paragraph } from '../../ui/nlds.js';
import { flatSchema, text, type Flat } from '../intake/nested.js';
import { formatDateTime, RequestStatus } from './parts.js';
import './privacy.css';

function DecisionForm({ r, onDone }: { r: TRequestItem; onDone: () => void }) {
  const { t } = useTranslation();
  const schema = flatSchema(ZDecision, (v: Flat) => ({ decision: v.decision || undefined, note: text(v.note) }));
  const form = useForm(schema, { decision: '', note: '' } as Flat, async (data) => {
    const path = r.type === 'correction' ? `/privacy/requests/corrections/${r.id}/decision` : `/privacy/requests/${r.id}/decision`;
    await api('POST', path, data);
    onDone();
  });
  const erasure = r.type === 'erasure';
  return (
    <form noValidate onSubmit={form.onSubmit} aria-label={t('privacy.decideFor', { reference: r.reference })}>
      <ErrorSummary form={form} />
      <RadioField
        form={form}
        name="decision"
        label={t('privacy.decision')}
        options={[
          { value: 'accept', label: t('privacy.accept'), hint: erasure ? t('privacy.acceptErasureHint') : r.type === 'correction' ? t('privacy.acceptCorrectionHint') : undefined },
          { value: 'reject', label: t('privacy.reject') },
        ]}
      />
      <TextAreaField form={form} name="note" label={t('privacy.decisionNote')} description={t('privacy.decisionNoteHint')} maxLength={NOTE_MAX} rows={3} />
      <Button type="submit" appearance="primary-action-button" busy={form.busy}>
        {t('privacy.decide')}
      </Button>
    </form>
  );
}

function RequestCard({ r, onDone }: { r: TRequestItem; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="naast-privacy-request" aria-labelledby={`req-${r.id}`}>
      <Heading2 id={`req-${r.id}`}>
        {t(`privacy.type.${r.type}`)} · {r.reference}
      </Heading2>
      <Paragraph>
        {formatDateTime(r.createdAt, i18n.language)} · <RequestStatus status={r.status} /> ·{' '}
        <Link className="utrecht-link" to={`/trajecten/${r.trajectoryId}`}>
          {t('privacy.openDossier')}
        </Link>
      </Paragraph>
      {r.itemKind ? <Paragraph>{t('privacy.itemOf', { item: t(`privacy.item.${r.itemKind}`) })}</Paragraph> : null}
      {r.currentText !== null ? (
        <>
          <Paragraph>
            <strong>{t('privacy.currentText')}</strong>
          </Paragraph>
          <pre>{r.currentText}</pre>
        </>
      ) : null}
      <Paragraph>
        <strong>{r.type === 'correction' ? t('privacy.requestedText') : t('privacy.parentText')}</strong>
      </Paragraph>
      <pre>{r.requestedText}</pre>
      {r.explanation ? <Paragraph>{r.explanation}</Paragraph> : null}
      {r.status === 'open' ? (
        <DecisionForm r={r} onDone={onDone} />
      ) : (
        <>
          {r.decisionNote ? <Paragraph>{t('privacy.decisionWas', { note: r.decisionNote })}</Paragraph> : null}
          {r.previousText ? (
            <>
              <Paragraph>
                <strong>{t('privacy.previousText')}</strong>
              </Paragraph>
              <pre>{r.previousText}</pre>
            </>
          ) : null}
        </>
      )}
    </article>
  );
}

/** /privacyverzoeken: correction, objection and erasure requests of families at the coordinator's locations, open first (issue 6). */
export default function PrivacyRequests() {
  const { t } = useTranslation();
  const list = useLoad(() => api<{ items: TRequestItem[] }>('GET', '/privacy/requests'), []);
  return (
    <Page title={t('privacy.requests.title')}>
      <Paragraph>{t('privacy.requests.intro')}</Paragraph>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && !list.data.items.length ? <Empty title={t('privacy.requests.empty')}>{null}</Empty> : null}
      {list.data?.items.map((r) => (
        <RequestCard key={r.id} r={r} onDone={list.reload} />
      ))}
    </Page>
  );
}
