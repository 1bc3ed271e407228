import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { z } from 'zod';
import { REPORT_COMMENT_MAX, ZRespondRequest, type TMyReport } from '../../../shared/reports.js';
import { api, ApiError } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { ActionFeedback, Notice, useAction, useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, TextAreaField, useForm } from '../../ui/form.js';
import { Button, Heading2, Paragraph } from '../../ui/nlds.js';
import { GlossaryText } from '../glossary/GlossaryText.js';
import NotFound from '../home/NotFound.js';
import { DiffLegend, DiffView } from './DiffView.js';
import { reportEndpoints } from './endpoints.js';
import { formatWhen } from './format.js';
import './reports.css';

const ZCommentForm = z.preprocess((v) => ({ response: 'commented', comment: (v as { comment?: unknown }).comment }), ZRespondRequest);

function CommentForm({ reportId, onDone, onCancel }: { reportId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm(ZCommentForm, { comment: '' }, async (data) => {
    await api('POST', reportEndpoints.respond(reportId), data);
    onDone();
  });
  return (
    <form noValidate onSubmit={form.onSubmit}>
      <ErrorSummary form={form} />
      <TextAreaField form={form} name="comment" label={t('reports.review.commentLabel')} description={t('reports.review.commentHint')} rows={6} maxLength={REPORT_COMMENT_MAX} />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('reports.review.sendComment')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('reports.review.back')}
        </Button>
      </div>
    </form>
  );
}

type Step = 'choose' | 'confirmAgree' | 'comment' | 'agreed' | 'commented';

/** What the parent can do with a report that waits for them: agree (after one confirmation) or add a comment. */
function Respond({ r }: { r: TMyReport }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('choose');
  const agree = useAction();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (step !== 'choose') requestAnimationFrame(() => box.current?.focus());
  }, [step]);
  return (
    <section aria-labelledby="review-respond" className="naast-card">
      <Heading2 id="review-respond">{t('reports.review.respondTitle')}</Heading2>
      <div ref={box} tabIndex={-1} aria-live="polite">
        {step === 'choose' ? (
          <>
            <Paragraph>{t('reports.review.respondIntro')}</Paragraph>
            <div className="naast-report-choices">
              <Button appearance="primary-action-button" onClick={() => setStep('confirmAgree')}>
                {t('reports.review.agree')}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => setStep('comment')}>
                {t('reports.review.add')}
              </Button>
            </div>
          </>
        ) : step === 'confirmAgree' ? (
          <>
            <Paragraph>{t('reports.review.confirmAgree')}</Paragraph>
            <ActionFeedback action={agree} />
            <div className="naast-report-choices">
              <Button
                appearance="primary-action-button"
                busy={agree.isBusy()}
                onClick={() =>
                  void agree.run(async () => {
                    await api('POST', reportEndpoints.respond(r.id), { response: 'agreed' });
                    setStep('agreed');
                  })
                }
              >
                {t('reports.review.confirmAgreeYes')}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => setStep('choose')}>
                {t('reports.review.back')}
              </Button>
            </div>
          </>
        ) : step === 'comment' ? (
          <CommentForm reportId={r.id} onDone={() => setStep('commented')} onCancel={() => setStep('choose')} />
        ) : step === 'agreed' ? (
          <Notice>{t('reports.review.agreedDone')}</Notice>
        ) : (
          <Notice>{t('reports.review.commentedDone')}</Notice>
        )}
        {step === 'agreed' || step === 'commented' ? (
          <Paragraph>
            <RouterLink className="utrecht-link" to="/mijn-verslagen">
              {t('reports.review.toList')}
            </RouterLink>
          </Paragraph>
        ) : null}
      </div>
    </section>
  );
}

/** /mijn-verslagen/:reportId: the parent reads the report (jargon explained) and agrees or adds something. */
export default function ParentReview() {
  const { t, i18n } = useTranslation();
  const { reportId = '' } = useParams();
  const report = useLoad(() => api<TMyReport>('GET', reportEndpoints.myReport(reportId)), [reportId]);
  if (report.error instanceof ApiError && (report.error.status === 404 || report.error.status === 400)) return <NotFound />;
  const r = report.data;
  return (
    <Page key={r ? 'report' : 'loading'} title={r ? t('reports.review.titleOf', { title: r.meetingTitle }) : t('reports.review.title')}>
      <Paragraph>
        <RouterLink className="utrecht-link" to="/mijn-verslagen">
          {t('reports.review.toList')}
        </RouterLink>
      </Paragraph>
      {report.loading && !r ? (
        <Loading />
      ) : report.error || !r ? (
        <LoadError error={report.error} onRetry={report.reload} />
      ) : (
        <>
          <Paragraph>{t('reports.review.meetingOn', { when: formatWhen(r.meetingAt, i18n.language) })}</Paragraph>
          {r.status === 'final' ? <Notice>{t('reports.review.isFinal')}</Notice> : <Paragraph>{t('reports.review.intro')}</Paragraph>}
          {r.changesSinceSeen ? (
            <section aria-labelledby="review-changes" className="naast-card">
              <Heading2 id="review-changes">{t('reports.review.changesTitle')}</Heading2>
              <Paragraph>{t('reports.review.changesIntro')}</Paragraph>
              <DiffLegend />
              <DiffView parts={r.changesSinceSeen.parts} />
            </section>
          ) : null}
          <section aria-labelledby="review-text" className="naast-card">
            <Heading2 id="review-text">{t('reports.review.textTitle')}</Heading2>
            <Paragraph>{t('reports.review.glossaryHint')}</Paragraph>
            <div className="naast-report-body">
              <GlossaryText text={r.body} />
            </div>
          </section>
          {r.status === 'with_parent' ? <Respond r={r} /> : null}
        </>
      )}
    </Page>
  );
}
