import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { TSignal, TTrajectorySummary } from '../../../shared/trajectories.js';
import { api } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { Empty, useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph } from '../../ui/nlds.js';
import { formatDate } from '../intake/labels.js';
import { ContactForm } from './ContactForm.js';
import { endpoints } from './endpoints.js';
import { amsterdamDateOf, amsterdamToday, daysBetween, hoursText, phaseName, signalText, timeOf } from './labels.js';
import './trajectories.css';

type Row = TTrajectorySummary;
type Translate = (key: string, opts?: Record<string, unknown>) => string;

interface Task {
  key: string;
  trajectoryId: string;
  text: string;
  /** Lower comes first: late agreements, today's meetings, then the rest. */
  order: number;
}

/** Signals that have their own, more specific task below (with a count or a date). */
const COVERED: readonly TSignal[] = ['agreements_overdue'];

/** A signal inside a sentence: "Linda v.: minder dan 5 uur per week." */
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase() + s.slice(1);

/** Today's work (vandaag), derived from the family rows: nothing is stored for it. */
export function tasksFor(t: Translate, lang: string, rows: Row[], today = amsterdamToday()): Task[] {
  const tasks: Task[] = [];
  for (const r of rows) {
    const family = r.familyName;
    if (r.overdueAgreements > 0)
      tasks.push({ key: `${r.id}-overdue`, trajectoryId: r.id, order: 0, text: t('trajectories.today.overdue', { family, count: r.overdueAgreements }) });
    if (r.nextMeetingAt) {
      const day = amsterdamDateOf(r.nextMeetingAt);
      const inDays = daysBetween(today, day);
      if (inDays === 0) tasks.push({ key: `${r.id}-meeting`, trajectoryId: r.id, order: 1, text: t('trajectories.today.meetingToday', { family, time: timeOf(r.nextMeetingAt, lang) }) });
      else if (inDays > 0 && inDays <= 3)
        tasks.push({ key: `${r.id}-meeting`, trajectoryId: r.id, order: 2, text: t('trajectories.today.meetingSoon', { family, date: formatDate(day, lang), time: timeOf(r.nextMeetingAt, lang) }) });
    }
    for (const s of r.signals) {
      if (COVERED.includes(s)) continue;
      if (s === 'no_contact_14_days')
        tasks.push({
          key: `${r.id}-${s}`,
          trajectoryId: r.id,
          order: 3,
          text: r.lastContactOn ? t('trajectories.today.noContact', { family, days: daysBetween(r.lastContactOn, today) }) : t('trajectories.today.noContactYet', { family }),
        });
      else tasks.push({ key: `${r.id}-${s}`, trajectoryId: r.id, order: 4, text: t('trajectories.today.signal', { family, signal: lowerFirst(signalText(t, s)) }) });
    }
  }
  return tasks.sort((a, b) => a.order - b.order);
}

function FamilyCard({ r, onSaved }: { r: Row; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const h = (m: number) => hoursText(t, i18n.language, m);
  const headingId = `family-${r.id}`;
  return (
    <li className="naast-family" aria-labelledby={headingId}>
      <h3 id={headingId} className="utrecht-heading-3 naast-family__name">
        <RouterLink className="utrecht-link" to={`/trajecten/${r.id}`}>
          {r.familyName}
          <span className="naast-visually-hidden"> – {t('trajectories.mine.openDossier')}</span>
        </RouterLink>
      </h3>
      <DataList className="naast-family__facts">
        <DataListItem>
          <DataListKey>{t('trajectories.dossier.reference')}</DataListKey>
          <DataListValue>{r.reference}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('trajectories.dossier.phase')}</DataListKey>
          <DataListValue>{phaseName(t, r.phase)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('trajectories.mine.hours')}</DataListKey>
          <DataListValue>
            {t('trajectories.mine.hoursValue', { total: h(Math.round((r.volunteerHours + r.professionalHours) * 60)), weekly: h(Math.round(r.weeklyHours * 60)) })}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('trajectories.dossier.lastContact')}</DataListKey>
          <DataListValue>{r.lastContactOn ? formatDate(r.lastContactOn, i18n.language) : t('trajectories.dossier.noContact')}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('trajectories.mine.nextMeeting')}</DataListKey>
          <DataListValue>
            {r.nextMeetingAt ? t('trajectories.mine.meetingAt', { date: formatDate(amsterdamDateOf(r.nextMeetingAt), i18n.language), time: timeOf(r.nextMeetingAt, i18n.language) }) : t('trajectories.mine.noMeeting')}
          </DataListValue>
        </DataListItem>
      </DataList>
      {open ? (
        <ContactForm trajectoryId={r.id} defaultTimeOf="volunteer" familyName={r.familyName} autoFocus onSaved={onSaved} onCancel={() => setOpen(false)} />
      ) : r.phase !== 'ended' ? (
        <div className="naast-thumb-actions">
          <Button appearance="primary-action-button" onClick={() => setOpen(true)}>
            {t('contacts.form.open')}
            <span className="naast-visually-hidden"> – {r.familyName}</span>
          </Button>
        </div>
      ) : null}
    </li>
  );
}

/** The volunteer's own families (mijn gezinnen): today's tasks first, then one card per family. */
export default function MyFamilies() {
  const { t, i18n } = useTranslation();
  const data = useLoad(() => api<{ items: Row[] }>('GET', endpoints.mine()), []);
  const rows = data.data?.items ?? [];
  const tasks = tasksFor(t, i18n.language, rows);
  return (
    <Page title={t('trajectories.mine.title')}>
      <Paragraph>{t('trajectories.mine.intro')}</Paragraph>
      {data.loading && !data.data ? (
        <Loading />
      ) : data.error && !data.data ? (
        <LoadError error={data.error} onRetry={data.reload} />
      ) : rows.length === 0 ? (
        <Empty title={t('trajectories.mine.noneTitle')}>
          <Paragraph>{t('trajectories.mine.noneText')}</Paragraph>
        </Empty>
      ) : (
        <>
          <section className="naast-card naast-today" aria-labelledby="today-heading">
            <Heading2 id="today-heading">{t('trajectories.today.title')}</Heading2>
            {tasks.length === 0 ? (
              <Paragraph>{t('trajectories.today.none')}</Paragraph>
            ) : (
              <ul className="naast-tasks">
                {tasks.map((task) => (
                  <li key={task.key}>
                    <RouterLink className="utrecht-link" to={`/trajecten/${task.trajectoryId}`}>
                      {task.text}
                    </RouterLink>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="families-heading">
            <Heading2 id="families-heading">{t('trajectories.mine.families', { count: rows.length })}</Heading2>
            <ul className="naast-families">
              {rows.map((r) => (
                <FamilyCard key={r.id} r={r} onSaved={data.reload} />
              ))}
            </ul>
          </section>
        </>
      )}
    </Page>
  );
}
