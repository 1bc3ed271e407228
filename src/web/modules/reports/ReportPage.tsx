import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { ZReportCreate, ZReportUpdate, type TReportDetail, type TReportDiff, type TReportList } from '../../../shared/reports.js';
import { api, ApiError } from '../../api.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Loading, Page } from '../../shell/Page.js';
import { ActionFeedback, Notice, useAction, useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, TextAreaField, TextField, useForm } from '../../ui/form.js';
import { Button, DataList, DataListItem, DataListKey, DataListValue, FormLabel, Heading2, Paragraph, Select, SelectOption } from '../../ui/nlds.js';
import { GlossaryText } from '../glossary/GlossaryText.js';
import NotFound from '../home/NotFound.js';
import { ReasonForm } from '../waiting-list/shared.js';
import { DiffLegend, DiffView } from './DiffView.js';
import { reportEndpoints } from './endpoints.js';
import { formatWhen } from './format.js';
import { statusWords } from './ReportsSection.js';
import { ShareButton } from '../consent/ShareButton.js';
import './reports.css';

type Props = { trajectoryId: string; reason?: string };

/** The first version of the report of one held meeting (/trajecten/:id/verslagen/nieuw?gesprek=…). */
function NewReport({ trajectoryId, reason }: Props) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const meetingId = params.get('gesprek') ?? '';
  const list = useLoad(() => api<TReportList>('GET', reportEndpoints.list(trajectoryId, reason)), [trajectoryId, reason]);
  const meeting = list.data?.unreported.find((m) => m.meetingId === meetingId);
  const form = useForm(ZReportCreate, { meetingId, body: '' }, async (data) => {
    const r = await api<TReportDetail>('POST', reportEndpoints.create(trajectoryId, reason), data);
    void navigate(`/trajecten/${trajectoryId}/verslagen/${r.id}`, { replace: true, state: { saved: true } });
  });
  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  if (!meeting) return <Paragraph>{t('reports.page.noMeeting')}</Paragraph>;
  return (
    <>
      <Paragraph>{t('reports.page.newFor', { title: meeting.title, when: formatWhen(meeting.scheduledAt, i18n.language) })}</Paragraph>
      <Paragraph>{t('reports.page.neutralHint')}</Paragraph>
      <form noValidate onSubmit={form.onSubmit}>
        <ErrorSummary form={form} />
        <TextAreaField form={form} name="body" label={t('reports.page.body')} description={t('reports.page.bodyHint')} rows={14} />
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('reports.page.saveFirst')}
        </Button>
      </form>
    </>
  );
}

// An empty note is no note (the route's schema wants either text or nothing).
const ZEditorForm = z.preprocess((v) => {
  const o = v as { body?: unknown; note?: unknown };
  return { body: o.body, note: typeof o.note === 'string' && o.note.trim() ? o.note : undefined };
}, ZReportUpdate);

/** A new version of a draft, with a short note why. */
function Editor({ trajectoryId, reason, r, onSaved }: Props & { r: TReportDetail; onSaved: (d: TReportDetail, message: string) => void }) {
  const { t } = useTranslation();
  const form = useForm(ZEditorForm, { body: r.body, note: '' } as { body: string; note: string | undefined }, async (data) => {
    const saved = await api<TReportDetail>('PUT', reportEndpoints.report(trajectoryId, r.id, reason), data);
    // The editor starts afresh with the new version, so the confirmation lives in the page.
    onSaved(saved, t('reports.page.savedVersion', { version: saved.currentVersion }));
  });
  return (
    <form noValidate onSubmit={form.onSubmit}>
      <ErrorSummary form={form} />
      <TextAreaField form={form} name="body" label={t('reports.page.body')} description={t('reports.page.bodyHint')} rows={14} />
      <TextField
        form={form}
        name="note"
        label={t('reports.page.note')}
        description={t('reports.page.noteHint')}
        maxLength={500}
      />
      <Button type="submit" appearance="primary-action-button" busy={form.busy}>
        {t('reports.page.saveVersion')}
      </Button>
    </form>
  );
}

/** Choose two versions and see what changed (added and removed text marked without colour alone). */
function Compare({ trajectoryId, reason, r }: Props & { r: TReportDetail }) {
  const { t } = useTranslation();
  const versions = [...r.versions].map((v) => v.version).sort((a, b) => a - b);
  const [from, setFrom] = useState(Math.max(1, r.currentVersion - 1));
  const [to, setTo] = useState(r.currentVersion);
  const [diff, setDiff] = useState<TReportDiff | null>(null);
  const action = useAction();
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (diff) requestAnimationFrame(() => result.current?.focus());
  }, [diff]);
  if (versions.length < 2) return <Paragraph>{t('reports.diff.onlyOne')}</Paragraph>;
  const pick = (label: string, id: string, value: number, set: (v: number) => void) => (
    <div className="utrecht-form-field">
      <FormLabel htmlFor={id}>{label}</FormLabel>
      <Select id={id} value={String(value)} onChange={(e: ChangeEvent<HTMLSelectElement>) => set(Number(e.target.value))}>
        {versions.map((v) => (
          <SelectOption key={v} value={String(v)}>
            {t('reports.versionN', { version: v })}
          </SelectOption>
        ))}
      </Select>
    </div>
  );
  return (
    <>
      {pick(t('reports.diff.from'), 'report-diff-from', from, setFrom)}
      {pick(t('reports.diff.to'), 'report-diff-to', to, setTo)}
      <div className="naast-actions">
        <Button
          appearance="secondary-action-button"
          busy={action.isBusy()}
          onClick={() => void action.run(async () => setDiff(await api<TReportDiff>('GET', reportEndpoints.diff(trajectoryId, r.id, from, to, reason))))}
        >
          {t('reports.diff.show')}
        </Button>
      </div>
      <ActionFeedback action={action} />
      {diff ? (
        <div ref={result} tabIndex={-1} aria-labelledby="report-diff-title">
          <h3 className="utrecht-heading-3" id="report-diff-title">
            {t('reports.diff.title', { from: diff.from, to: diff.to })}
          </h3>
          <DiffLegend />
          <DiffView parts={diff.parts} />
        </div>
      ) : null}
    </>
  );
}

/** The parent's response as the volunteer sees it. */
function ParentResponse({ r }: { r: TReportDetail }) {
  const { t, i18n } = useTranslation();
  if (r.status === 'final')
    return <Notice>{t('reports.page.parentAgreed', { when: r.finalisedAt ? formatWhen(r.finalisedAt, i18n.language) : '' })}</Notice>;
  if (r.status === 'with_parent') return <Notice>{t('reports.page.withParent')}</Notice>;
  if (r.parentResponse === 'commented' && r.parentComment)
    return (
      <section aria-labelledby="report-comment" className="naast-card">
        <Heading2 id="report-comment">{t('reports.page.parentCommentTitle')}</Heading2>
        <p className="utrecht-paragraph naast-report-comment">{r.parentComment}</p>
        <Paragraph>{t('reports.page.parentCommentNext')}</Paragraph>
      </section>
    );
  return null;
}

function Report({ trajectoryId, reason, r, onChanged, canWrite }: Props & { r: TReportDetail; onChanged: (d: TReportDetail) => void; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const send = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (saved) requestAnimationFrame(() => savedRef.current?.focus());
  }, [saved]);
  const editable = canWrite && r.status === 'draft';
  return (
    <>
      <DataList>
        <DataListItem>
          <DataListKey>{t('reports.page.meeting')}</DataListKey>
          <DataListValue>
            {r.meetingTitle}, {formatWhen(r.meetingAt, i18n.language)}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('reports.page.status')}</DataListKey>
          <DataListValue>{statusWords(t, r)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('reports.page.version')}</DataListKey>
          <DataListValue>{t('reports.versionN', { version: r.currentVersion })}</DataListValue>
        </DataListItem>
      </DataList>

      <ParentResponse r={r} />

      <section aria-labelledby="report-text" className="naast-card">
        <Heading2 id="report-text">{editable ? t('reports.page.edit') : t('reports.page.text')}</Heading2>
        <div ref={savedRef} tabIndex={-1} aria-live="polite">
          {saved ? <Notice>{saved}</Notice> : null}
        </div>
        {editable ? (
          <Editor
            key={r.currentVersion}
            trajectoryId={trajectoryId}
            reason={reason}
            r={r}
            onSaved={(d, message) => {
              onChanged(d);
              setSaved(message);
            }}
          />
        ) : (
          <div className="naast-report-body">
            <GlossaryText text={r.body} />
          </div>
        )}
      </section>

      {editable ? (
        <section aria-labelledby="report-send" className="naast-card">
          <Heading2 id="report-send">{t('reports.page.sendTitle')}</Heading2>
          <Paragraph>{t('reports.page.sendIntro')}</Paragraph>
          <ActionFeedback action={send} />
          <Button
            appearance="primary-action-button"
            busy={send.isBusy()}
            onClick={() =>
              void send.run(async () => {
                setSaved(null);
                onChanged(await api<TReportDetail>('POST', reportEndpoints.send(trajectoryId, r.id, reason)));
                return t('reports.page.sent');
              })
            }
          >
            {t('reports.page.send')}
          </Button>
        </section>
      ) : send.notice ? (
        <Notice>{send.notice}</Notice>
      ) : null}

      <section aria-labelledby="report-versions" className="naast-card">
        <Heading2 id="report-versions">{t('reports.page.versions')}</Heading2>
        <ol className="naast-report-list" reversed>
          {r.versions.map((v) => (
            <li key={v.version}>
              <strong>{t('reports.versionN', { version: v.version })}</strong>
              <Paragraph>{t('reports.page.versionBy', { name: v.authorName, when: formatWhen(v.createdAt, i18n.language) })}</Paragraph>
              {v.note ? <Paragraph>{t('reports.page.versionNote', { note: v.note })}</Paragraph> : null}
            </li>
          ))}
        </ol>
        <h3 className="utrecht-heading-3">{t('reports.diff.heading')}</h3>
        <Compare key={r.currentVersion} trajectoryId={trajectoryId} reason={reason} r={r} />
      </section>

      <section aria-labelledby="report-export" className="naast-card">
        <Heading2 id="report-export">{t('reports.page.exportTitle')}</Heading2>
        <Paragraph>{t('reports.page.exportIntro')}</Paragraph>
        <ul className="utrecht-unordered-list">
          <li>
            <a className="utrecht-link" href={reportEndpoints.exportFile(trajectoryId, r.id, 'pdf', reason)} download>
              {t('reports.page.exportPdf')}
            </a>
          </li>
          <li>
            <a className="utrecht-link" href={reportEndpoints.exportFile(trajectoryId, r.id, 'docx', reason)} download>
              {t('reports.page.exportDocx')}
            </a>
          </li>
        </ul>
        <ShareButton trajectoryId={trajectoryId} item={{ kind: 'report', id: r.id }} reason={reason} />
      </section>
    </>
  );
}

/** /trajecten/:id/verslagen/:reportId: the neutral report of a meeting (or "nieuw": its first version). */
export default function ReportPage() {
  const { t } = useTranslation();
  const { id = '', reportId = '' } = useParams();
  const navigate = useNavigate();
  const [reason, setReason] = useState<string | undefined>(undefined);
  const { user } = useSession();
  const canWrite = can(user?.role, 'trajectories.write');
  const isNew = reportId === 'nieuw';
  const report = useLoad(() => (isNew ? Promise.resolve(undefined) : api<TReportDetail>('GET', reportEndpoints.report(id, reportId, reason))), [id, reportId, reason]);
  const back = (
    <Paragraph>
      <RouterLink className="utrecht-link" to={`/trajecten/${id}`}>
        {t('reports.page.back')}
      </RouterLink>
    </Paragraph>
  );

  if (report.error instanceof ApiError && (report.error.status === 404 || report.error.status === 400)) return <NotFound />;
  if (!report.data && report.error instanceof ApiError && report.error.code === 'reason_required')
    return (
      <Page key="reason" title={t('reports.page.title')} narrow>
        <ReasonForm intro={t('reports.page.reasonIntro')} onReason={async (r) => setReason(r)} onCancel={() => void navigate(`/trajecten/${id}`)} />
      </Page>
    );
  const r = report.data;
  return (
    <Page key={r ? 'report' : isNew ? 'new' : 'loading'} title={r ? t('reports.page.titleOf', { title: r.meetingTitle }) : isNew ? t('reports.page.newTitle') : t('reports.page.title')}>
      {back}
      {isNew ? (
        <NewReport trajectoryId={id} reason={reason} />
      ) : report.loading && !r ? (
        <Loading />
      ) : report.error || !r ? (
        <LoadError error={report.error} onRetry={report.reload} />
      ) : (
        <Report trajectoryId={id} reason={reason} r={r} onChanged={report.setData} canWrite={canWrite} />
      )}
    </Page>
  );
}
