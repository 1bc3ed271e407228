import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DECISION_KINDS,
  LEGAL_MEASURES,
  ZDecisionRequest,
  ZManualDeadlineRequest,
  ZMeasureRequest,
  type TChildMeasure,
  type TDeadline,
  type TDecision,
} from '../../../shared/legal.js';
import type { TTrajectoryDossier } from '../../../shared/trajectories.js';
import { api } from '../../api.js';
import { Loading } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, SelectField, TextAreaField, TextField, useForm } from '../../ui/form.js';
import { Button, Checkbox, Heading2, Paragraph } from '../../ui/nlds.js';
import { GlossaryText } from '../glossary/GlossaryText.js';
import { useAnnounce } from '../trajectories/plan/feedback.js';
import { InputField, preprocessed } from '../../ui/fields.js';
import { formatDay, text } from '../trajectories/plan/format.js';
import { DeadlineItem } from './DeadlineItem.js';
import { legalEndpoints } from './endpoints.js';
import './legal.css';

type Props = { dossier: TTrajectoryDossier; canWrite: boolean; reason?: string; onChanged: () => void };
type Data = { measures: TChildMeasure[]; decisions: TDecision[]; deadlines: TDeadline[] };

// ---------------------------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------------------------

type MeasureValues = { childName: string; measure: string; startsOn: string; endsOn: string; note: string };
const emptyMeasure: MeasureValues = { childName: '', measure: '', startsOn: '', endsOn: '', note: '' };
// The same rule as the server (end on or after start), said next to the end date.
const ZMeasureForm = preprocessed(
  ZMeasureRequest.refine((v) => !v.endsOn || v.endsOn >= v.startsOn, { path: ['endsOn'], params: { messageKey: 'legal.measures.endBeforeStart' } }),
  (v) => ({ childName: text(v.childName), measure: v.measure || undefined, startsOn: text(v.startsOn), endsOn: text(v.endsOn) ?? null, note: text(v.note) ?? null }),
);

function MeasureForm({ tid, reason, knownChildren, onDone, onCancel }: { tid: string; reason?: string; knownChildren: string[]; onDone: (msg: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm(ZMeasureForm, { ...emptyMeasure, childName: knownChildren.length === 1 ? knownChildren[0]! : '' }, async (data) => {
    const saved = await api<{ deadlines: TDeadline[] }>('POST', legalEndpoints.measures(tid, reason), data);
    onDone(t('legal.measures.added', { count: saved.deadlines.length }));
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="naast-legal-form">
      <ErrorSummary form={form} />
      <TextField form={form} name="childName" label={t('legal.measures.child')} description={t('legal.measures.childHint')} maxLength={100} />
      <SelectField form={form} name="measure" label={t('legal.measures.measure')} placeholder={t('legal.choose')} options={LEGAL_MEASURES.map((m) => ({ value: m, label: t(`legal.measureKinds.${m}`) }))} />
      <InputField form={form} name="startsOn" type="date" label={t('legal.measures.startsOn')} />
      <InputField form={form} name="endsOn" type="date" label={t('legal.measures.endsOn')} description={t('legal.measures.endsOnHint')} />
      <TextAreaField form={form} name="note" label={t('legal.measures.note')} description={t('legal.optional')} rows={2} maxLength={2000} />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('legal.measures.add')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('legal.cancel')}
        </Button>
      </div>
    </form>
  );
}

type DecisionValues = { kind: string; decidedOn: string; hearingOn: string; respondBy: string; municipalDecision: boolean; measureId: string; summary: string };
const emptyDecision: DecisionValues = { kind: '', decidedOn: '', hearingOn: '', respondBy: '', municipalDecision: false, measureId: '', summary: '' };
const ZDecisionForm = preprocessed(ZDecisionRequest, (v) => ({
  kind: v.kind || undefined,
  decidedOn: text(v.decidedOn),
  hearingOn: v.kind === 'hearing_scheduled' ? (text(v.hearingOn) ?? null) : null,
  respondBy: v.kind === 'letter_received' ? (text(v.respondBy) ?? null) : null,
  municipalDecision: v.kind === 'letter_received' ? v.municipalDecision === true : undefined,
  measureId: text(v.measureId) ?? null,
  summary: text(v.summary) ?? null,
}));

function DecisionForm({ tid, reason, measures, onDone, onCancel }: { tid: string; reason?: string; measures: TChildMeasure[]; onDone: (msg: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm(ZDecisionForm, emptyDecision, async (data) => {
    const saved = await api<{ deadlines: TDeadline[] }>('POST', legalEndpoints.decisions(tid, reason), data);
    onDone(t('legal.decisions.added', { count: saved.deadlines.length }));
  });
  const kind = form.values.kind;
  const municipalId = `${form.id}-municipal`;
  return (
    <form noValidate onSubmit={form.onSubmit} className="naast-legal-form">
      <ErrorSummary form={form} />
      <SelectField form={form} name="kind" label={t('legal.decisions.kind')} placeholder={t('legal.choose')} options={DECISION_KINDS.map((k) => ({ value: k, label: t(`legal.decisionKinds.${k}`) }))} />
      <InputField form={form} name="decidedOn" type="date" label={t('legal.decisions.decidedOn')} description={t('legal.decisions.decidedOnHint')} />
      {kind === 'hearing_scheduled' ? <InputField form={form} name="hearingOn" type="date" label={t('legal.decisions.hearingOn')} /> : null}
      {kind === 'letter_received' ? (
        <>
          <InputField form={form} name="respondBy" type="date" label={t('legal.decisions.respondBy')} description={t('legal.decisions.respondByHint')} />
          <div className="naast-checkbox-row">
            <Checkbox id={municipalId} checked={form.values.municipalDecision} onChange={(e) => form.set('municipalDecision', e.target.checked)} />
            <label htmlFor={municipalId}>{t('legal.decisions.municipal')}</label>
          </div>
        </>
      ) : null}
      {measures.length ? (
        <SelectField
          form={form}
          name="measureId"
          label={t('legal.decisions.measure')}
          placeholder={t('legal.decisions.noMeasure')}
          options={measures.map((m) => ({ value: m.id, label: `${m.childName}: ${t(`legal.measureKinds.${m.measure}`)}` }))}
        />
      ) : null}
      <TextAreaField form={form} name="summary" label={t('legal.decisions.summary')} description={t('legal.decisions.summaryHint')} rows={2} maxLength={2000} />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('legal.decisions.add')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('legal.cancel')}
        </Button>
      </div>
    </form>
  );
}

const ZManualForm = preprocessed(ZManualDeadlineRequest, (v) => ({ title: text(v.title), dueOn: text(v.dueOn) }));

function ManualForm({ tid, reason, onDone, onCancel }: { tid: string; reason?: string; onDone: (msg: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm(ZManualForm, { title: '', dueOn: '' }, async (data) => {
    await api('POST', legalEndpoints.deadlines(tid, reason), data);
    onDone(t('legal.deadlines.added'));
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="naast-legal-form">
      <ErrorSummary form={form} />
      <TextField form={form} name="title" label={t('legal.deadlines.title')} description={t('legal.deadlines.titleHint')} maxLength={200} />
      <InputField form={form} name="dueOn" type="date" label={t('legal.deadlines.dueOn')} />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('legal.deadlines.add')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('legal.cancel')}
        </Button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// The section
// ---------------------------------------------------------------------------------------------

async function loadAll(tid: string, reason?: string): Promise<Data> {
  const [m, d, dl] = await Promise.all([
    api<{ items: TChildMeasure[] }>('GET', legalEndpoints.measures(tid, reason)),
    api<{ items: TDecision[] }>('GET', legalEndpoints.decisions(tid, reason)),
    api<{ items: TDeadline[] }>('GET', legalEndpoints.deadlines(tid, reason)),
  ]);
  return { measures: m.items, decisions: d.items, deadlines: dl.items };
}

/** Measures per child, court decisions and the deadlines computed from them, in the dossier (issue 5). */
export function DeadlinesSection({ dossier, canWrite, reason, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const tid = dossier.trajectory.id;
  const [version, setVersion] = useState(0);
  const [adding, setAdding] = useState<null | 'measure' | 'decision' | 'deadline'>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [showClosed, setShowClosed] = useState(false);
  const { announce, region } = useAnnounce();
  const data = useLoad(() => loadAll(tid, reason), [tid, reason, version]);
  const writable = canWrite && dossier.trajectory.phase !== 'ended';
  const done = (msg: string) => {
    setAdding(null);
    setVersion((v) => v + 1);
    announce(msg);
    onChanged();
  };
  const setStatus = async (d: TDeadline, status: 'done' | 'cancelled' | 'open') => {
    setBusyId(d.id);
    setError(null);
    try {
      await api('PATCH', legalEndpoints.deadline(tid, d.id, reason), { status });
      done(t(`legal.deadlines.statusSaved.${status}`));
    } catch (e) {
      setError(e);
    } finally {
      setBusyId(null);
    }
  };

  let body;
  if (data.loading && !data.data) body = <Loading />;
  else if (data.error || !data.data) body = <LoadError error={data.error} onRetry={data.reload} />;
  else {
    const { measures, decisions, deadlines } = data.data;
    const open = deadlines.filter((d) => d.status === 'open');
    const closed = deadlines.filter((d) => d.status !== 'open');
    const children = [...new Set(measures.map((m) => m.childName))];
    const childNames = dossier.trajectory.children.map((c) => c.firstName);
    body = (
      <>
        <h3 className="utrecht-heading-3">{t('legal.deadlines.heading')}</h3>
        {error ? <LoadError error={error} /> : null}
        {open.length === 0 ? (
          <Paragraph>{t('legal.deadlines.none')}</Paragraph>
        ) : (
          <ul className="naast-legal-list">
            {open.map((d) => (
              <DeadlineItem key={d.id} d={d} busy={busyId === d.id} onStatus={writable ? (s) => void setStatus(d, s) : undefined} />
            ))}
          </ul>
        )}
        {closed.length ? (
          <>
            <div className="naast-checkbox-row">
              <Checkbox id={`legal-closed-${tid}`} checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} />
              <label htmlFor={`legal-closed-${tid}`}>{t('legal.deadlines.showClosed', { count: closed.length })}</label>
            </div>
            {showClosed ? (
              <ul className="naast-legal-list">
                {closed.map((d) => (
                  <DeadlineItem key={d.id} d={d} busy={busyId === d.id} onStatus={writable ? (s) => void setStatus(d, s) : undefined} />
                ))}
              </ul>
            ) : null}
          </>
        ) : null}

        <h3 className="utrecht-heading-3">{t('legal.measures.heading')}</h3>
        {children.length === 0 ? (
          <Paragraph>{t('legal.measures.none')}</Paragraph>
        ) : (
          children.map((child) => (
            <div key={child} className="naast-legal-child">
              <h4 className="utrecht-heading-4">{child}</h4>
              <ul className="naast-legal-list">
                {measures
                  .filter((m) => m.childName === child)
                  .map((m) => (
                    <li key={m.id} className="naast-legal-item">
                      <Paragraph>
                        <strong>
                          <GlossaryText text={t(`legal.measureKinds.${m.measure}`)} />
                        </strong>
                      </Paragraph>
                      <Paragraph>
                        {m.endsOn
                          ? t('legal.measures.period', { from: formatDay(m.startsOn, i18n.language), to: formatDay(m.endsOn, i18n.language) })
                          : t('legal.measures.since', { from: formatDay(m.startsOn, i18n.language) })}
                      </Paragraph>
                      {m.note ? (
                        <Paragraph className="naast-legal-meta">
                          <GlossaryText text={m.note} />
                        </Paragraph>
                      ) : null}
                    </li>
                  ))}
              </ul>
            </div>
          ))
        )}

        <h3 className="utrecht-heading-3">{t('legal.decisions.heading')}</h3>
        {decisions.length === 0 ? (
          <Paragraph>{t('legal.decisions.none')}</Paragraph>
        ) : (
          <ul className="naast-legal-list">
            {decisions.map((d) => (
              <li key={d.id} className="naast-legal-item">
                <Paragraph>
                  <strong>
                    <GlossaryText text={t(`legal.decisionKinds.${d.kind}`)} />
                  </strong>
                  {' · '}
                  {formatDay(d.decidedOn, i18n.language)}
                </Paragraph>
                {d.summary ? (
                  <Paragraph className="naast-legal-meta">
                    <GlossaryText text={d.summary} />
                  </Paragraph>
                ) : null}
              </li>
            ))}
          </ul>
        )}

        {writable ? (
          adding === 'measure' ? (
            <>
              <h3 className="utrecht-heading-3">{t('legal.measures.new')}</h3>
              <MeasureForm tid={tid} reason={reason} knownChildren={childNames} onDone={done} onCancel={() => setAdding(null)} />
            </>
          ) : adding === 'decision' ? (
            <>
              <h3 className="utrecht-heading-3">{t('legal.decisions.new')}</h3>
              <DecisionForm tid={tid} reason={reason} measures={measures} onDone={done} onCancel={() => setAdding(null)} />
            </>
          ) : adding === 'deadline' ? (
            <>
              <h3 className="utrecht-heading-3">{t('legal.deadlines.new')}</h3>
              <ManualForm tid={tid} reason={reason} onDone={done} onCancel={() => setAdding(null)} />
            </>
          ) : (
            <div className="naast-actions">
              <Button appearance="secondary-action-button" onClick={() => setAdding('decision')}>
                {t('legal.decisions.add')}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => setAdding('measure')}>
                {t('legal.measures.add')}
              </Button>
              <Button appearance="secondary-action-button" onClick={() => setAdding('deadline')}>
                {t('legal.deadlines.add')}
              </Button>
            </div>
          )
        ) : null}
      </>
    );
  }

  return (
    <section aria-labelledby="legal-heading" className="naast-card">
      <Heading2 id="legal-heading">{t('legal.title')}</Heading2>
      <Paragraph>{t('legal.intro')}</Paragraph>
      {region}
      {body}
    </section>
  );
}

