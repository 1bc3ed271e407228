import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { z } from 'zod';
import { ZMeetingRequest, type TMeeting, type TTrajectoryDossier } from '../../../../shared/trajectories.js';
import { api } from '../../../api.js';
import { ErrorSummary, TextField, useForm } from '../../../ui/form.js';
import { Button, Heading2, Paragraph } from '../../../ui/nlds.js';
import { planEndpoints } from './endpoints.js';
import { ReasonContext, useReason } from './reason.js';
import { useAnnounce } from './feedback.js';
import { InputField, preprocessed } from '../../../ui/fields.js';
import { amsterdamDateTime, formatWhen, text, todayAmsterdam } from './format.js';
import './plan.css';

/** `reason`: the break-the-glass reason the dossier was opened with, if any (sent along on every call). */
type Props = { dossier: TTrajectoryDossier; canWrite: boolean; onChanged: () => void; reason?: string };

type PlanValues = { title: string; withWhom: string; date: string; time: string; place: string };
const ZPlanForm = preprocessed(
  ZMeetingRequest.pick({ title: true, withWhom: true, place: true }).extend({ date: ZMeetingRequest.shape.scheduledAt, time: z.string().regex(/^\d{2}:\d{2}$/) }),
  (v) => {
    const date = text(v.date);
    const time = text(v.time);
    return {
      title: text(v.title),
      withWhom: text(v.withWhom),
      place: text(v.place),
      time,
      // Date and time are two fields: a missing time is reported at the time, not again at the date.
      date: date === undefined ? undefined : (amsterdamDateTime(date, time ?? '00:00') ?? date),
    };
  },
);

/** "Gesprek plannen": a meeting with professionals, its date and time in Amsterdam. */
function PlanMeetingForm({ trajectoryId, onDone, onCancel }: { trajectoryId: string; onDone: (msg: string, m: TMeeting) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const reason = useReason();
  const form = useForm(ZPlanForm, { title: '', withWhom: '', date: '', time: '', place: '' } as PlanValues, async ({ date, time: _time, ...rest }) => {
    const m = await api<TMeeting>('POST', planEndpoints.meetings(trajectoryId, reason), { ...rest, scheduledAt: date });
    onDone(t('meetings.planned', { title: m.title, when: formatWhen(m.scheduledAt, i18n.language) }), m);
  });
  return (
    <form noValidate onSubmit={form.onSubmit} className="naast-plan-sub">
      <ErrorSummary form={form} />
      <TextField form={form} name="title" label={t('meetings.fields.title')} description={t('meetings.fields.titleHint')} maxLength={200} />
      <TextField form={form} name="withWhom" label={t('meetings.fields.withWhom')} description={t('meetings.fields.withWhomHint')} maxLength={200} />
      <InputField form={form} name="date" type="date" min={todayAmsterdam()} label={t('meetings.fields.date')} />
      <InputField form={form} name="time" type="time" label={t('meetings.fields.time')} />
      <TextField form={form} name="place" label={t('meetings.fields.place')} description={t('plan.optional')} maxLength={200} />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={form.busy}>
          {t('meetings.plan')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** Upcoming meetings with professionals in the dossier, each linking to its preparation page; "Gesprek plannen". */
export function MeetingsSection(props: Props) {
  return (
    <ReasonContext.Provider value={props.reason}>
      <Meetings {...props} />
    </ReasonContext.Provider>
  );
}

function Meetings({ dossier, canWrite, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const tid = dossier.trajectory.id;
  const [adding, setAdding] = useState(false);
  const { announce, region } = useAnnounce();
  const meetings = [...dossier.upcomingMeetings].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  return (
    <section aria-labelledby="plan-meetings" className="naast-card">
      <Heading2 id="plan-meetings">{t('meetings.title')}</Heading2>
      <Paragraph>{t('meetings.intro')}</Paragraph>
      {region}
      {meetings.length === 0 ? (
        <Paragraph>{t('meetings.none')}</Paragraph>
      ) : (
        <ul className="naast-plan-list">
          {meetings.map((m) => (
            <li key={m.id} className="naast-plan-item">
              <h3 className="utrecht-heading-3">
                <RouterLink className="utrecht-link" to={`/trajecten/${tid}/gesprekken/${m.id}`}>
                  {m.title}
                </RouterLink>
              </h3>
              <Paragraph>{formatWhen(m.scheduledAt, i18n.language)}</Paragraph>
              {m.withWhom ? <Paragraph>{t('meetings.with', { who: m.withWhom })}</Paragraph> : null}
              {m.place ? <Paragraph className="naast-plan-meta">{t('meetings.at', { place: m.place })}</Paragraph> : null}
              <Paragraph className="naast-plan-meta">{m.prepGoal ? t('meetings.prepared') : t('meetings.notPrepared')}</Paragraph>
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        adding ? (
          <>
            <h3 className="utrecht-heading-3">{t('meetings.plan')}</h3>
            <PlanMeetingForm
              trajectoryId={tid}
              onDone={(msg) => {
                setAdding(false);
                announce(msg);
                onChanged();
              }}
              onCancel={() => setAdding(false)}
            />
          </>
        ) : (
          <Button appearance="secondary-action-button" onClick={() => setAdding(true)}>
            {t('meetings.plan')}
          </Button>
        )
      ) : null}
    </section>
  );
}
