import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ZTimeSummary } from '../../../shared/trajectories.js';
import { WEEKLY_HOURS_RANGE } from '../../../shared/trajectories.js';
import { Paragraph } from '../../ui/nlds.js';
import { DataTable } from '../../ui/table.js';
import { hoursText, TYPICAL_TRAJECTORY_HOURS } from './labels.js';

type Time = z.infer<typeof ZTimeSummary>;

/** "2026-W14" → "week 14, 2026" in the user's words. */
function weekLabel(t: (k: string, o?: Record<string, unknown>) => string, week: string): string {
  const m = /^(\d{4})-W(\d{1,2})$/.exec(week);
  return m ? t('trajectories.time.week', { week: Number(m[2]), year: m[1] }) : week;
}

/**
 * Time per week as a table (the numbers are the content; the bar is only a picture of them), with
 * the totals and the usual figures as context.
 */
export function TimeSummary({ time }: { time: Time }) {
  const { t, i18n } = useTranslation();
  const h = (m: number) => hoursText(t, i18n.language, m);
  const weeks = [...time.weeks].filter((w) => w.volunteerMinutes + w.professionalMinutes > 0).sort((a, b) => b.week.localeCompare(a.week));
  const max = Math.max(1, ...weeks.map((w) => w.volunteerMinutes + w.professionalMinutes));
  return (
    <>
      <Paragraph>
        {t('trajectories.time.total', {
          total: h(time.volunteerMinutes + time.professionalMinutes),
          volunteer: h(time.volunteerMinutes),
          professional: h(time.professionalMinutes),
        })}
      </Paragraph>
      <Paragraph className="naast-hint">{t('trajectories.time.context', { typical: TYPICAL_TRAJECTORY_HOURS, low: WEEKLY_HOURS_RANGE.low, high: WEEKLY_HOURS_RANGE.high })}</Paragraph>
      {weeks.length === 0 ? (
        <Paragraph>{t('trajectories.time.none')}</Paragraph>
      ) : (
        <DataTable
          caption={t('trajectories.time.caption')}
          rowKey={(w) => w.week}
          rows={weeks}
          columns={[
            { header: t('trajectories.time.colWeek'), cell: (w) => weekLabel(t, w.week) },
            { header: t('trajectories.time.colVolunteer'), cell: (w) => h(w.volunteerMinutes) },
            { header: t('trajectories.time.colProfessional'), cell: (w) => h(w.professionalMinutes) },
            {
              header: t('trajectories.time.colTotal'),
              cell: (w) => (
                <span className="naast-bar-cell">
                  <span className="naast-bar" aria-hidden="true">
                    <span style={{ inlineSize: `${Math.round(((w.volunteerMinutes + w.professionalMinutes) / max) * 100)}%` }} />
                  </span>
                  {h(w.volunteerMinutes + w.professionalMinutes)}
                </span>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
