import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FAMILY_ROLES,
  HELP_QUESTION_STATUSES,
  ZFamilyMemberPatch,
  ZFamilyMemberRequest,
  ZHelpQuestionPatch,
  ZHelpQuestionRequest,
  ZSelfRelianceRequest,
  type TFamilyMember,
  type THelpQuestion,
  type TTrajectoryDossier,
} from '../../../../shared/trajectories.js';
import { api } from '../../../api.js';
import { ErrorSummary, SelectField, TextAreaField, TextField, useForm } from '../../../ui/form.js';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph } from '../../../ui/nlds.js';
import { GlossaryText } from '../../glossary/GlossaryText.js';
import { planEndpoints } from './endpoints.js';
import { ReasonContext, useReason } from './reason.js';
import { useAnnounce } from './feedback.js';
import { InputField, preprocessed, RadioField } from '../../../ui/fields.js';
import { text, todayAmsterdam } from './format.js';
import { SelfRelianceChart } from './SelfRelianceChart.js';
import './plan.css';
import { ShareButton } from '../../consent/ShareButton.js';

/** `reason`: the break-the-glass reason the dossier was opened with, if any (sent along on every call). */
type Props = { dossier: TTrajectoryDossier; canWrite: boolean; onChanged: () => void; reason?: string };

// ---------------------------------------------------------------------------------------------
// Family map (wie is wie)
// ---------------------------------------------------------------------------------------------

type MemberValues = { role: string; name: string; organisation: string; note: string };
const ZMemberForm = preprocessed(ZFamilyMemberRequest, (v) => ({ role: v.role || undefined, name: text(v.name), organisation: text(v.organisation), note: text(v.note) }));
// A change sends every field; an emptied optional text is null, which clears it.
const ZMemberEdit = preprocessed(ZFamilyMemberPatch.required({ role: true, name: true }), (v) => ({
  role: v.role || undefined,
  name: text(v.name),
  organisation: text(v.organisation) ?? null,
  note: text(v.note) ?? null,
}));

function MemberForm({ trajectoryId, member, onDone, onCancel }: { trajectoryId: string; member?: TFamilyMember; onDone: (msg: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const reason = useReason();
  const initial: MemberValues = { role: member?.role ?? '', name: member?.name ?? '', organisation: member?.organisation ?? '', note: member?.note ?? '' };
  const form = useForm(member ? ZMemberEdit : ZMemberForm, initial, async (data) => {
    if (member) await api('PATCH', planEndpoints.familyMember(trajectoryId, member.id, reason), data);
    else await api('POST', planEndpoints.familyMap(trajectoryId, reason), data);
    onDone(member ? t('plan.family.updated', { name: data.name }) : t('plan.family.added', { name: data.name }));
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="naast-plan-sub">
      <ErrorSummary form={form} />
      <SelectField form={form} name="role" label={t('plan.family.role')} placeholder={t('plan.choose')} options={FAMILY_ROLES.map((r) => ({ value: r, label: t(`plan.role.${r}`) }))} />
      <TextField form={form} name="name" label={t('plan.family.name')} maxLength={120} />
      <TextField form={form} name="organisation" label={t('plan.family.organisation')} description={t('plan.optional')} maxLength={120} />
      <TextAreaField form={form} name="note" label={t('plan.family.note')} description={t('plan.optional')} rows={2} maxLength={1000} />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {member ? t('common.save') : t('plan.family.add')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function FamilyMap({ dossier, canWrite, onChanged }: Props) {
  const { t } = useTranslation();
  const reason = useReason();
  const tid = dossier.trajectory.id;
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { announce, region } = useAnnounce();
  const done = (msg: string) => {
    setEditing(null);
    announce(msg);
    onChanged();
  };
  const remove = async (m: TFamilyMember) => {
    setError(null);
    try {
      await api('DELETE', planEndpoints.familyMember(tid, m.id, reason));
      setRemoving(null);
      done(t('plan.family.removed', { name: m.name }));
    } catch {
      setError(t('plan.family.removeFailed', { name: m.name }));
    }
  };
  return (
    <section aria-labelledby="plan-family" className="naast-card">
      <Heading2 id="plan-family">{t('plan.family.title')}</Heading2>
      <Paragraph>{t('plan.family.intro')}</Paragraph>
      {region}
      {error ? <Paragraph className="naast-plan-error">{error}</Paragraph> : null}
      {dossier.familyMap.length === 0 ? <Paragraph>{t('plan.family.empty')}</Paragraph> : null}
      <ul className="naast-plan-list">
        {dossier.familyMap.map((m) => (
          <li key={m.id} className="naast-plan-item">
            <h3 className="utrecht-heading-3">{m.name}</h3>
            <Paragraph>
              {t(`plan.role.${m.role}`)}
              {m.organisation ? ` · ${m.organisation}` : ''}
            </Paragraph>
            {m.note ? (
              <Paragraph>
                <GlossaryText text={m.note} />
              </Paragraph>
            ) : null}
            {canWrite && editing !== m.id && removing !== m.id ? (
              <div className="naast-actions">
                <Button appearance="secondary-action-button" onClick={() => setEditing(m.id)}>
                  {t('plan.edit')}
                  <span className="naast-visually-hidden"> {m.name}</span>
                </Button>
                <Button appearance="subtle-button" onClick={() => setRemoving(m.id)}>
                  {t('plan.family.remove')}
                  <span className="naast-visually-hidden"> {m.name}</span>
                </Button>
              </div>
            ) : null}
            {removing === m.id ? (
              <div className="naast-plan-confirm" role="group" aria-label={t('plan.family.removeQuestion', { name: m.name })}>
                <Paragraph>{t('plan.family.removeQuestion', { name: m.name })}</Paragraph>
                <div className="naast-actions">
                  <Button appearance="primary-action-button" onClick={() => void remove(m)}>
                    {t('plan.family.removeYes')}
                  </Button>
                  <Button appearance="secondary-action-button" onClick={() => setRemoving(null)}>
                    {t('common.cancel')}
                  </Button>
                </div>
              </div>
            ) : null}
            {editing === m.id ? <MemberForm trajectoryId={tid} member={m} onDone={done} onCancel={() => setEditing(null)} /> : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        editing === 'new' ? (
          <MemberForm trajectoryId={tid} onDone={done} onCancel={() => setEditing(null)} />
        ) : (
          <Button appearance="secondary-action-button" onClick={() => setEditing('new')}>
            {t('plan.family.add')}
          </Button>
        )
      ) : null}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Help questions → goals, with self-reliance over time
// ---------------------------------------------------------------------------------------------

type QuestionValues = { question: string; goal: string; status: string; strengths: string; nextSteps: string };
const ZQuestionForm = preprocessed(ZHelpQuestionRequest, (v) => ({
  question: text(v.question),
  goal: text(v.goal),
  status: v.status || undefined,
  strengths: text(v.strengths),
  nextSteps: text(v.nextSteps),
}));
const ZQuestionEdit = preprocessed(ZHelpQuestionPatch.required({ question: true, status: true }), (v) => ({
  question: text(v.question),
  goal: text(v.goal) ?? null,
  status: v.status || undefined,
  strengths: text(v.strengths) ?? null,
  nextSteps: text(v.nextSteps) ?? null,
}));

function QuestionForm({ trajectoryId, question, onDone, onCancel }: { trajectoryId: string; question?: THelpQuestion; onDone: (msg: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const reason = useReason();
  const initial: QuestionValues = {
    question: question?.question ?? '',
    goal: question?.goal ?? '',
    status: question?.status ?? 'open',
    strengths: question?.strengths ?? '',
    nextSteps: question?.nextSteps ?? '',
  };
  const form = useForm(question ? ZQuestionEdit : ZQuestionForm, initial, async (data) => {
    if (question) await api('PATCH', planEndpoints.helpQuestion(trajectoryId, question.id, reason), data);
    else await api('POST', planEndpoints.helpQuestions(trajectoryId, reason), data);
    onDone(question ? t('plan.question.updated') : t('plan.question.added'));
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="naast-plan-sub">
      <ErrorSummary form={form} />
      <TextAreaField form={form} name="question" label={t('plan.question.question')} description={t('plan.question.questionHint')} rows={3} maxLength={1000} />
      <TextAreaField form={form} name="goal" label={t('plan.question.goal')} description={t('plan.question.goalHint')} rows={2} maxLength={1000} />
      <SelectField form={form} name="status" label={t('plan.question.status')} options={HELP_QUESTION_STATUSES.map((s) => ({ value: s, label: t(`plan.status.${s}`) }))} />
      <TextAreaField form={form} name="strengths" label={t('plan.question.strengths')} description={t('plan.question.strengthsHint')} rows={3} maxLength={2000} />
      <TextAreaField form={form} name="nextSteps" label={t('plan.question.nextSteps')} description={t('plan.question.nextStepsHint')} rows={3} maxLength={2000} />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {question ? t('common.save') : t('plan.question.add')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

type ScoreValues = { score: string; recordedOn: string; note: string };
const ZScoreForm = preprocessed(ZSelfRelianceRequest, (v) => ({
  score: /^[1-5]$/.test(String(v.score)) ? Number(v.score) : undefined,
  recordedOn: text(v.recordedOn),
  note: text(v.note),
}));

function ScoreForm({ trajectoryId, question, onDone, onCancel }: { trajectoryId: string; question: THelpQuestion; onDone: (msg: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const reason = useReason();
  const today = todayAmsterdam();
  const form = useForm(ZScoreForm, { score: '', recordedOn: today, note: '' } as ScoreValues, async (data) => {
    await api('POST', planEndpoints.scores(trajectoryId, question.id, reason), data);
    onDone(t('plan.score.saved', { score: data.score, label: t(`plan.score.${data.score}`) }));
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="naast-plan-sub">
      <ErrorSummary form={form} />
      <RadioField
        form={form}
        name="score"
        label={t('plan.score.legend')}
        description={t('plan.score.hint')}
        options={[1, 2, 3, 4, 5].map((s) => ({ value: String(s), label: `${s} – ${t(`plan.score.${s}`)}` }))}
      />
      <InputField form={form} name="recordedOn" type="date" max={today} label={t('plan.score.date')} />
      <TextAreaField form={form} name="note" label={t('plan.score.note')} description={t('plan.optional')} rows={2} maxLength={1000} />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('plan.score.save')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function Field({ label, value }: { label: string; value: string | null }) {
  const { t } = useTranslation();
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{value ? <GlossaryText text={value} /> : t('plan.notYet')}</DataListValue>
    </DataListItem>
  );
}

function QuestionCard({ q, n, trajectoryId, canWrite, onDone }: { q: THelpQuestion; n: number; trajectoryId: string; canWrite: boolean; onDone: (msg: string) => void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'view' | 'edit' | 'score'>('view');
  const headingId = `plan-q-${q.id}`;
  const finish = (msg: string) => {
    setMode('view');
    onDone(msg);
  };
  return (
    <article className="naast-plan-item" aria-labelledby={headingId}>
      <h3 className="utrecht-heading-3" id={headingId}>
        {t('plan.question.number', { n })} <GlossaryText text={q.question} />
      </h3>
      <DataList>
        <Field label={t('plan.question.goal')} value={q.goal} />
        <DataListItem>
          <DataListKey>{t('plan.question.status')}</DataListKey>
          <DataListValue>{t(`plan.status.${q.status}`)}</DataListValue>
        </DataListItem>
        <Field label={t('plan.question.strengths')} value={q.strengths} />
        <Field label={t('plan.question.nextSteps')} value={q.nextSteps} />
      </DataList>
      <h4 className="utrecht-heading-4">{t('plan.chart.title')}</h4>
      <SelfRelianceChart scores={q.scores} question={q.question} />
      {canWrite && mode === 'view' ? (
        <div className="naast-actions">
          <Button appearance="primary-action-button" onClick={() => setMode('score')}>
            {t('plan.score.record')}
            <span className="naast-visually-hidden"> {t('plan.question.number', { n })}</span>
          </Button>
          <Button appearance="secondary-action-button" onClick={() => setMode('edit')}>
            {t('plan.edit')}
            <span className="naast-visually-hidden"> {t('plan.question.number', { n })}</span>
          </Button>
        </div>
      ) : null}
      {mode === 'score' ? <ScoreForm trajectoryId={trajectoryId} question={q} onDone={finish} onCancel={() => setMode('view')} /> : null}
      {mode === 'edit' ? <QuestionForm trajectoryId={trajectoryId} question={q} onDone={finish} onCancel={() => setMode('view')} /> : null}
    </article>
  );
}

function HelpQuestions({ dossier, canWrite, onChanged }: Props) {
  const { t } = useTranslation();
  const tid = dossier.trajectory.id;
  const [adding, setAdding] = useState(false);
  const { announce, region } = useAnnounce();
  const done = (msg: string) => {
    setAdding(false);
    announce(msg);
    onChanged();
  };
  return (
    <section aria-labelledby="plan-questions" className="naast-card">
      <Heading2 id="plan-questions">{t('plan.question.title')}</Heading2>
      <Paragraph>{t('plan.question.intro')}</Paragraph>
      {region}
      {dossier.helpQuestions.length === 0 ? <Paragraph>{t('plan.question.empty')}</Paragraph> : null}
      <ol className="naast-plan-list">
        {dossier.helpQuestions.map((q, i) => (
          <li key={q.id}>
            <QuestionCard q={q} n={i + 1} trajectoryId={tid} canWrite={canWrite} onDone={done} />
          </li>
        ))}
      </ol>
      {canWrite ? (
        adding ? (
          <QuestionForm trajectoryId={tid} onDone={done} onCancel={() => setAdding(false)} />
        ) : (
          <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>
            {t('plan.question.add')}
          </Button>
        )
      ) : null}
    </section>
  );
}

/** The Houvast plan in the dossier: who is who, and the help questions as goals with self-reliance over time. */
export function PlanSection(props: Props) {
  return (
    <ReasonContext.Provider value={props.reason}>
      <FamilyMap {...props} />
      <HelpQuestions {...props} />
      <ShareButton trajectoryId={props.dossier.trajectory.id} item={{ kind: 'plan' }} reason={props.reason} />
    </ReasonContext.Provider>
  );
}
