import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import type { TTrajectoryDossier, ZTimeSummary } from '../../../shared/trajectories.js';
import { api, ApiError } from '../../api.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Loading, Page } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph } from '../../ui/nlds.js';
import NotFound from '../home/NotFound.js';
import { formatDate } from '../intake/labels.js';
import { measureName } from '../matching/reasons.js';
import { ReasonForm } from '../waiting-list/shared.js';
import { DocumentsSection } from '../documents/DocumentsSection.js';
import { DeadlinesSection } from '../legal/DeadlinesSection.js';
import { ReportsSection } from '../reports/ReportsSection.js';
import { AftercareSection } from '../satisfaction/AftercareSection.js';
import { ConsentSection } from '../consent/ConsentSection.js';
import { InviteParent } from '../portal/InviteParent.js';
import { HoldSection } from '../privacy/HoldSection.js';
import { AgreementsSection } from './plan/AgreementsSection.js';
import { MeetingsSection } from './plan/MeetingsSection.js';
import { PlanSection } from './plan/PlanSection.js';
import { CoachChange } from './CoachChange.js';
import { ContactForm } from './ContactForm.js';
import { endpoints } from './endpoints.js';
import { amsterdamToday, dueInWords, hoursText, outcomeName, phaseName, TYPICAL_TRAJECTORY_HOURS } from './labels.js';
import { formatDay } from './plan/format.js';
import { deadlineTitle, langOf } from '../legal/DeadlineItem.js';
import { PhaseChange } from './PhaseChange.js';
import { Signals } from './Signals.js';
import { TimeSummary } from './TimeSummary.js';
import { Timeline } from './Timeline.js';
import './trajectories.css';

type Dossier = TTrajectoryDossier;
type Time = z.infer<typeof ZTimeSummary>;

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataListItem>
      <DataListKey>{label}</DataListKey>
      <DataListValue>{children}</DataListValue>
    </DataListItem>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="naast-card" aria-labelledby={`${id}-heading`} id={id}>
      <Heading2 id={`${id}-heading`}>{title}</Heading2>
      {children}
    </section>
  );
}

/** Who, what phase, since when, and the hours so far (with the usual total as context). */
function Header({ d }: { d: Dossier }) {
  const { t, i18n } = useTranslation();
  const tr = d.trajectory;
  const h = (m: number) => hoursText(t, i18n.language, m);
  return (
    <section className="naast-card" aria-labelledby="dossier-family">
      <Heading2 id="dossier-family">{t('trajectories.dossier.family', { family: tr.familyName })}</Heading2>
      <DataList>
        <Item label={t('trajectories.dossier.reference')}>{tr.reference}</Item>
        <Item label={t('trajectories.dossier.phase')}>
          <strong>{phaseName(t, tr.phase)}</strong> {t('trajectories.dossier.since', { date: formatDate(tr.phaseChangedAt, i18n.language) })}
        </Item>
        {tr.outcome ? <Item label={t('trajectories.dossier.outcome')}>{outcomeName(t, tr.outcome)}</Item> : null}
        {tr.aftercareUntil ? <Item label={t('trajectories.dossier.aftercareUntil')}>{formatDate(tr.aftercareUntil, i18n.language)}</Item> : null}
        <Item label={t('trajectories.dossier.volunteer')}>{tr.leadVolunteer.name}</Item>
        <Item label={t('trajectories.dossier.coach')}>{tr.coach?.name ?? t('trajectories.dossier.noCoach')}</Item>
        <Item label={t('trajectories.dossier.started')}>{formatDate(tr.startedAt, i18n.language)}</Item>
        <Item label={t('trajectories.dossier.children')}>
          {tr.children.length
            ? tr.children.map((c) => t('trajectories.dossier.child', { name: c.firstName, year: c.birthYear, measure: measureName(t, c.measure) })).join('; ')
            : '—'}
        </Item>
        <Item label={t('trajectories.dossier.hours')}>
          {t('trajectories.dossier.hoursValue', {
            total: h(Math.round((tr.volunteerHours + tr.professionalHours) * 60)),
            volunteer: h(Math.round(tr.volunteerHours * 60)),
            professional: h(Math.round(tr.professionalHours * 60)),
          })}
          <span className="naast-hint naast-block">{t('trajectories.dossier.hoursContext', { typical: TYPICAL_TRAJECTORY_HOURS })}</span>
        </Item>
        <Item label={t('trajectories.dossier.weekly')}>{t('trajectories.dossier.weeklyValue', { hours: h(Math.round(tr.weeklyHours * 60)) })}</Item>
        <Item label={t('trajectories.dossier.lastContact')}>{tr.lastContactOn ? formatDate(tr.lastContactOn, i18n.language) : t('trajectories.dossier.noContact')}</Item>
        <Item label={t('trajectories.dossier.nextDeadlines')}>
          <NextDeadlines d={d} />
        </Item>
      </DataList>
    </section>
  );
}

/** The next open deadlines from the dossier itself (no extra request): what, when in words ("over 3 dagen", "te laat") and the date. */
function NextDeadlines({ d }: { d: Dossier }) {
  const { t, i18n } = useTranslation();
  if (!d.nextDeadlines.length) return <>{t('trajectories.dossier.noDeadlines')}</>;
  const today = amsterdamToday();
  const lang = langOf(i18n.language);
  return (
    <>
      <ul className="naast-next-deadlines">
        {d.nextDeadlines.map((x) => {
          const text = t('trajectories.dossier.deadlineDue', { title: deadlineTitle(x, lang), when: dueInWords(t, x.dueOn, today), date: formatDay(x.dueOn, i18n.language) });
          return <li key={x.id}>{x.overdue ? <strong>{text}</strong> : text}</li>;
        })}
      </ul>
      <a className="utrecht-link" href="#legal-heading">
        {t('trajectories.dossier.allDeadlines')}
      </a>
    </>
  );
}

/** Everything about one trajectory (/trajecten/:id) for its volunteer, coach and coordinators. */
function Record({ d, reason, onReplace, reload }: { d: Dossier; reason?: string; onReplace: (d: Dossier) => void; reload: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const tr = d.trajectory;
  const canWrite = can(user?.role, 'trajectories.write') && tr.phase !== 'ended';
  const defaultTimeOf = user?.role === 'volunteer' ? 'volunteer' : 'professional';
  const [entering, setEntering] = useState(false);
  const [timeVersion, setTimeVersion] = useState(0);
  const time = useLoad(() => api<Time>('GET', endpoints.time(tr.id, reason)), [tr.id, timeVersion]);
  const changed = () => {
    reload();
    setTimeVersion((x) => x + 1);
  };
  return (
    <>
      <Header d={d} />
      <Section id="signals" title={t('trajectories.dossier.signals')}>
        <Signals signals={tr.signals} none={t('trajectories.dossier.noSignals')} />
      </Section>
      {canWrite ? (
        <Section id="contact-entry" title={t('contacts.form.title')}>
          {entering ? (
            <ContactForm trajectoryId={tr.id} reason={reason} defaultTimeOf={defaultTimeOf} familyName={tr.familyName} autoFocus onSaved={changed} onCancel={() => setEntering(false)} />
          ) : (
            <div className="naast-thumb-actions">
              <Button appearance="primary-action-button" onClick={() => setEntering(true)}>
                {t('contacts.form.open')}
              </Button>
            </div>
          )}
        </Section>
      ) : null}
      <Section id="phase" title={can(user?.role, 'trajectories.close') ? t('trajectories.dossier.phaseCoachSection') : t('trajectories.dossier.phaseSection')}>
        <PhaseChange
          dossier={d}
          reason={reason}
          onChanged={(next) => {
            onReplace(next);
            setTimeVersion((x) => x + 1);
          }}
        />
        {can(user?.role, 'trajectories.close') && tr.phase !== 'ended' ? <CoachChange key={tr.coach?.id ?? 'none'} dossier={d} reason={reason} onChanged={onReplace} /> : null}
      </Section>
      <PlanSection dossier={d} canWrite={canWrite} reason={reason} onChanged={reload} />
      <AgreementsSection dossier={d} canWrite={canWrite} reason={reason} onChanged={reload} />
      <MeetingsSection dossier={d} canWrite={canWrite} reason={reason} onChanged={reload} />
      <DeadlinesSection dossier={d} canWrite={canWrite} reason={reason} onChanged={reload} />
      <ReportsSection dossier={d} canWrite={canWrite} reason={reason} onChanged={reload} />
      <DocumentsSection dossier={d} canWrite={canWrite} reason={reason} onChanged={reload} />
      <Section id="contacts" title={t('contacts.timeline.title')}>
        <Timeline trajectoryId={tr.id} first={d.contacts} reason={reason} canWrite={canWrite} onChanged={changed} defaultTimeOf={defaultTimeOf} />
      </Section>
      <Section id="time" title={t('trajectories.time.title')}>
        {time.data ? <TimeSummary time={time.data} /> : time.error ? <LoadError error={time.error} onRetry={time.reload} /> : <Loading />}
      </Section>
      <AftercareSection dossier={d} canWrite={canWrite} reason={reason} onChanged={reload} />
      <ConsentSection dossier={d} reason={reason} onChanged={reload} />
      <InviteParent dossier={d} reason={reason} onChanged={reload} />
      <HoldSection dossier={d} reason={reason} onChanged={reload} />
    </>
  );
}

export default function DossierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { user } = useSession();
  const [reason, setReason] = useState<string | undefined>(undefined);
  const dossier = useLoad(() => api<Dossier>('GET', endpoints.dossier(id, reason)), [id]);
  const back = user?.role === 'volunteer' ? '/mijn-gezinnen' : '/trajecten';

  if (dossier.error instanceof ApiError && (dossier.error.status === 404 || dossier.error.status === 400)) return <NotFound />;
  const d = dossier.data;
  if (!d && dossier.error instanceof ApiError && dossier.error.code === 'reason_required')
    return (
      <Page key="reason" title={t('trajectories.reason.title')} narrow>
        <ReasonForm
          intro={t('trajectories.reason.intro')}
          onReason={async (r) => {
            dossier.setData(await api<Dossier>('GET', endpoints.dossier(id, r)));
            setReason(r);
          }}
          onCancel={() => void navigate(back)}
        />
      </Page>
    );
  return (
    <Page key="dossier" title={d ? t('trajectories.dossier.title', { reference: d.trajectory.reference }) : t('trajectories.dossier.loadingTitle')}>
      <Paragraph>
        <RouterLink className="utrecht-link" to={back}>
          {user?.role === 'volunteer' ? t('trajectories.dossier.backMine') : t('trajectories.dossier.backList')}
        </RouterLink>
      </Paragraph>
      {dossier.loading && !d ? <Loading /> : !d ? <LoadError error={dossier.error} onRetry={dossier.reload} /> : <Record d={d} reason={reason} onReplace={dossier.setData} reload={dossier.reload} />}
    </Page>
  );
}
