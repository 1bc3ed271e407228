import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { ZMeetingPatch, type TAgreement, type TMeeting, type TMeetingDetail } from '../../../../shared/trajectories.js';
import { api, ApiError } from '../../../api.js';
import { can } from '../../../permissions.js';
import { useSession } from '../../../session.js';
import { Loading, Page } from '../../../shell/Page.js';
import { useLoad } from '../../../ui/data.js';
import { ErrorSummary, LoadError, TextAreaField, useForm } from '../../../ui/form.js';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph } from '../../../ui/nlds.js';
import { GlossaryText } from '../../glossary/GlossaryText.js';
import NotFound from '../../home/NotFound.js';
import { ReasonForm } from '../../waiting-list/shared.js';
import { AgreementForm, AgreementItem } from './AgreementsSection.js';
import { sortAgreements } from './logic.js';
import { planEndpoints } from './endpoints.js';
import { ReasonContext, useReason } from './reason.js';
import { useAnnounce } from './feedback.js';
import { preprocessed } from '../../../ui/fields.js';
import { formatDay, formatWhen, text } from './format.js';
import './plan.css';

type Saved = (msg: string) => void;

// ---------------------------------------------------------------------------------------------
// Preparation (voorbereiding)
// ---------------------------------------------------------------------------------------------

type PrepValues = { prepGoal: string; prepResponses: string; prepQuestions: string };
// Every preparation field is sent; an emptied one is null, which clears it.
const ZPrepForm = preprocessed(ZMeetingPatch.pick({ prepGoal: true, prepResponses: true, prepQuestions: true }), (v) => ({
  prepGoal: text(v.prepGoal) ?? null,
  prepResponses: text(v.prepResponses) ?? null,
  prepQuestions: text(v.prepQuestions) ?? null,
}));

function Prep({ m, label }: { m: TMeeting; label: (k: 'prepGoal' | 'prepResponses' | 'prepQuestions') => string }) {
  const { t } = useTranslation();
  return (
    <DataList>
      {(['prepGoal', 'prepResponses', 'prepQuestions'] as const).map((k) => (
        <DataListItem key={k}>
          <DataListKey>{label(k)}</DataListKey>
          <DataListValue>{m[k] ? <GlossaryText text={m[k]} /> : t('plan.notYet')}</DataListValue>
        </DataListItem>
      ))}
    </DataList>
  );
}

function PrepForm({ trajectoryId, m, onSaved }: { trajectoryId: string; m: TMeeting; onSaved: Saved }) {
  const { t } = useTranslation();
  const reason = useReason();
  const form = useForm(ZPrepForm, { prepGoal: m.prepGoal ?? '', prepResponses: m.prepResponses ?? '', prepQuestions: m.prepQuestions ?? '' } as PrepValues, async (data) => {
    await api('PATCH', planEndpoints.meeting(trajectoryId, m.id, reason), data);
    onSaved(t('meetings.prep.saved'));
  });
  return (
    <form noValidate onSubmit={form.onSubmit}>
      <ErrorSummary form={form} />
      <TextAreaField form={form} name="prepGoal" label={t('meetings.prep.goal')} description={t('meetings.prep.goalHint')} rows={3} maxLength={4000} />
      <TextAreaField form={form} name="prepResponses" label={t('meetings.prep.responses')} description={t('meetings.prep.responsesHint')} rows={4} maxLength={4000} />
      <TextAreaField form={form} name="prepQuestions" label={t('meetings.prep.questions')} description={t('meetings.prep.questionsHint')} rows={4} maxLength={4000} />
      <Button type="submit" appearance="primary-action-button" busy={form.busy}>
        {t('meetings.prep.save')}
      </Button>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// The open agreements to take along (one click, printable)
// ---------------------------------------------------------------------------------------------

function TakeAlong({ trajectoryId, m }: { trajectoryId: string; m: TMeeting }) {
  const { t, i18n } = useTranslation();
  const reason = useReason();
  const [items, setItems] = useState<TAgreement[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items) requestAnimationFrame(() => box.current?.focus());
  }, [items]);
  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      setItems(sortAgreements((await api<{ items: TAgreement[] }>('GET', planEndpoints.openAgreements(trajectoryId, m.id, reason))).items));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const print = () => {
    // Only the list is printed (see plan.css), not the whole page.
    document.body.classList.add('naast-plan-printing');
    const done = () => {
      document.body.classList.remove('naast-plan-printing');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  };
  return (
    <section aria-labelledby="meeting-takealong" className="naast-card">
      <Heading2 id="meeting-takealong">{t('meetings.takeAlong.title')}</Heading2>
      <Paragraph>{t('meetings.takeAlong.intro')}</Paragraph>
      {error ? <LoadError error={error} onRetry={() => void load()} /> : null}
      {!items ? (
        <Button appearance="primary-action-button" busy={busy} onClick={() => void load()}>
          {t('meetings.takeAlong.button')}
        </Button>
      ) : (
        <div ref={box} tabIndex={-1} className="naast-plan-takealong" aria-labelledby="meeting-takealong-list">
          <h3 className="utrecht-heading-3" id="meeting-takealong-list">
            {t('meetings.takeAlong.listTitle', { title: m.title, when: formatWhen(m.scheduledAt, i18n.language) })}
          </h3>
          {items.length === 0 ? (
            <Paragraph>{t('meetings.takeAlong.none')}</Paragraph>
          ) : (
            <ol>
              {items.map((a) => (
                <li key={a.id}>
                  {a.overdue ? <strong className="naast-plan-late">{t('agreements.late')}</strong> : null}
                  <GlossaryText text={a.description} /> — {t('agreements.who', { name: a.partyName, party: t(`agreements.parties.${a.party}`) })}
                  {a.dueOn ? `, ${t('agreements.due', { date: formatDay(a.dueOn, i18n.language) })}` : ''}
                </li>
              ))}
            </ol>
          )}
          <div className="naast-actions">
            <Button appearance="secondary-action-button" onClick={print}>
              {t('meetings.takeAlong.print')}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// After the meeting: held, evaluation, agreements made in it
// ---------------------------------------------------------------------------------------------

type EvalValues = { evaluation: string };
const ZEvalForm = preprocessed(ZMeetingPatch.pick({ evaluation: true }).required(), (v) => ({ evaluation: text(v.evaluation) }));

function EvaluationForm({ trajectoryId, m, onSaved }: { trajectoryId: string; m: TMeeting; onSaved: Saved }) {
  const { t } = useTranslation();
  const reason = useReason();
  const form = useForm(ZEvalForm, { evaluation: m.evaluation ?? '' } as EvalValues, async (data) => {
    await api('PATCH', planEndpoints.meeting(trajectoryId, m.id, reason), { ...data, status: 'held' });
    onSaved(m.status === 'held' ? t('meetings.after.updated') : t('meetings.after.held'));
  });
  return (
    <form noValidate onSubmit={form.onSubmit}>
      <ErrorSummary form={form} />
      <TextAreaField form={form} name="evaluation" label={t('meetings.after.evaluation')} description={t('meetings.after.evaluationHint')} rows={5} maxLength={4000} />
      <Button type="submit" appearance="primary-action-button" busy={form.busy}>
        {m.status === 'held' ? t('meetings.after.save') : t('meetings.after.markHeld')}
      </Button>
    </form>
  );
}

function MadeHere({ trajectoryId, m, canWrite, onChanged }: { trajectoryId: string; m: TMeetingDetail; canWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { announce, region } = useAnnounce();
  const done = (msg: string) => {
    announce(msg);
    onChanged();
  };
  const mine = sortAgreements(m.agreements);
  return (
    <section aria-labelledby="meeting-made" className="naast-card">
      <Heading2 id="meeting-made">{t('meetings.made.title')}</Heading2>
      <Paragraph>{t('meetings.made.intro')}</Paragraph>
      {region}
      {mine.length === 0 ? (
        <Paragraph>{t('meetings.made.none')}</Paragraph>
      ) : (
        <ul className="naast-plan-list">
          {mine.map((a) => (
            <AgreementItem key={a.id} a={a} trajectoryId={trajectoryId} canWrite={canWrite} onDone={done} showMeeting={false} />
          ))}
        </ul>
      )}
      {canWrite ? (
        <>
          <h3 className="utrecht-heading-3">{t('meetings.made.add')}</h3>
          <AgreementForm trajectoryId={trajectoryId} meetingId={m.id} onDone={done} />
        </>
      ) : null}
    </section>
  );
}

/** One meeting with professionals: preparation, the open agreements to take along, and afterwards the evaluation and new agreements. */
export default function MeetingPage() {
  const { t, i18n } = useTranslation();
  const { id = '', meetingId = '' } = useParams();
  const navigate = useNavigate();
  const [reason, setReason] = useState<string | undefined>(undefined);
  const { user } = useSession();
  const meeting = useLoad(() => api<TMeetingDetail>('GET', planEndpoints.meeting(id, meetingId, reason)), [id, meetingId, reason]);
  const { announce, region } = useAnnounce();
  const [editingPrep, setEditingPrep] = useState(false);
  // The server decides (ended trajectories are read-only); this only hides forms that would be refused.
  const canWrite = can(user?.role, 'trajectories.write');
  const labels = { prepGoal: t('meetings.prep.goal'), prepResponses: t('meetings.prep.responses'), prepQuestions: t('meetings.prep.questions') };

  if (meeting.error instanceof ApiError && (meeting.error.status === 404 || meeting.error.status === 400)) return <NotFound />;
  if (!meeting.data && meeting.error instanceof ApiError && meeting.error.code === 'reason_required')
    return (
      <Page key="reason" title={t('meetings.page')} narrow>
        <ReasonForm intro={t('meetings.reasonIntro')} onReason={async (r) => setReason(r)} onCancel={() => void navigate(`/trajecten/${id}`)} />
      </Page>
    );
  const m = meeting.data;
  const saved: Saved = (msg) => {
    meeting.reload();
    setEditingPrep(false);
    announce(msg);
  };
  const prepared = !!(m?.prepGoal || m?.prepResponses || m?.prepQuestions);

  return (
    <ReasonContext.Provider value={reason}>
      <Page key={m ? 'meeting' : 'loading'} title={m ? m.title : t('meetings.page')}>
        <Paragraph>
          <RouterLink className="utrecht-link" to={`/trajecten/${id}`}>
            {t('meetings.back')}
          </RouterLink>
        </Paragraph>
        {region}
        {meeting.loading && !m ? (
          <Loading />
        ) : meeting.error || !m ? (
          <LoadError error={meeting.error} onRetry={meeting.reload} />
        ) : (
          <>
            <DataList>
              <DataListItem>
                <DataListKey>{t('meetings.fields.when')}</DataListKey>
                <DataListValue>{formatWhen(m.scheduledAt, i18n.language)}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('meetings.fields.withWhom')}</DataListKey>
                <DataListValue>{m.withWhom ?? '—'}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('meetings.fields.place')}</DataListKey>
                <DataListValue>{m.place ?? '—'}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('meetings.fields.status')}</DataListKey>
                <DataListValue>{t(`meetings.status.${m.status}`)}</DataListValue>
              </DataListItem>
            </DataList>

            <section aria-labelledby="meeting-prep" className="naast-card">
              <Heading2 id="meeting-prep">{t('meetings.prep.title')}</Heading2>
              <Paragraph>{t('meetings.prep.intro')}</Paragraph>
              {canWrite && (editingPrep || !prepared) ? (
                <PrepForm trajectoryId={id} m={m} onSaved={saved} />
              ) : (
                <>
                  <Prep m={m} label={(k) => labels[k]} />
                  {canWrite ? (
                    <Button appearance="secondary-action-button" onClick={() => setEditingPrep(true)}>
                      {t('meetings.prep.edit')}
                    </Button>
                  ) : null}
                </>
              )}
            </section>

            <TakeAlong trajectoryId={id} m={m} />

            <section aria-labelledby="meeting-after" className="naast-card">
              <Heading2 id="meeting-after">{t('meetings.after.title')}</Heading2>
              <Paragraph>{t('meetings.after.intro')}</Paragraph>
              {m.status === 'held' && m.evaluation ? (
                <Paragraph>
                  <GlossaryText text={m.evaluation} />
                </Paragraph>
              ) : null}
              {canWrite && m.status !== 'cancelled' ? <EvaluationForm key={m.status} trajectoryId={id} m={m} onSaved={saved} /> : null}
            </section>

            <MadeHere trajectoryId={id} m={m} canWrite={canWrite} onChanged={meeting.reload} />
          </>
        )}
      </Page>
    </ReasonContext.Provider>
  );
}
