import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { expectedWaitDays, NORM_TRAJECTORY_DAYS, type TWaitingMethod } from '../../../shared/waiting-list.js';
import { Heading2, Paragraph, StatusBadge, UnorderedList, UnorderedListItem } from '../../ui/nlds.js';
import './waiting-list.css';

type Translate = (key: string, opts?: Record<string, unknown>) => string;

/** "3 days", "about 5 weeks", "about 4 months", "now", or "unknown" (no places at the location). */
export function waitText(t: Translate, days: number | null): string {
  if (days === null) return t('waitingList.wait.unknown');
  if (days <= 0) return t('waitingList.wait.now');
  if (days < 14) return t(days === 1 ? 'waitingList.wait.day' : 'waitingList.wait.days', { count: days });
  if (days < 70) return t('waitingList.wait.weeks', { count: Math.round(days / 7) });
  return t('waitingList.wait.months', { count: Math.round(days / 30.4) });
}

/** "1 day" / "12 days" (how long a family is already waiting). */
export function daysText(t: Translate, days: number): string {
  return t(days === 1 ? 'waitingList.wait.day' : 'waitingList.wait.days', { count: days });
}

/** Urgency in words (never colour alone): urgent = a hearing or decision within 6 weeks. */
export function PriorityBadge({ priority }: { priority: 1 | 2 | 3 }) {
  const { t } = useTranslation();
  const label = priority === 1 ? t('waitingList.priority.urgent') : priority === 2 ? t('waitingList.priority.soon') : t('waitingList.priority.normal');
  if (priority === 3) return <span>{label}</span>;
  return <StatusBadge status={priority === 1 ? 'danger' : 'warning'}>{label}</StatusBadge>;
}

/**
 * How the expected waiting time is computed, in plain words and with this location's own numbers
 * (the same formula as the server: shared/waiting-list.ts). With `position`, a worked example for
 * that place in the list.
 */
export function WaitExplanation({ method, position, audience = 'staff' }: { method: TWaitingMethod; position?: number; audience?: 'staff' | 'parent' }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { freeSlots, totalSlots, avgTrajectoryDays, basis, endedTrajectories } = method;
  const every = totalSlots > 0 ? new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: 1 }).format(avgTrajectoryDays / totalSlots) : null;
  const months = Math.round(avgTrajectoryDays / 30.4);
  const example = position ?? Math.max(freeSlots + 3, 4);
  const exampleDays = expectedWaitDays(example, method);
  return (
    <section className="naast-card naast-explanation" aria-labelledby={`${id}-h`}>
      <Heading2 id={`${id}-h`}>{t('waitingList.explain.title')}</Heading2>
      <Paragraph>{t(audience === 'parent' ? 'waitingList.explain.introParent' : 'waitingList.explain.intro')}</Paragraph>
      <UnorderedList>
        <UnorderedListItem>{t(freeSlots === 1 ? 'waitingList.explain.freeOne' : 'waitingList.explain.free', { count: freeSlots })}</UnorderedListItem>
        <UnorderedListItem>{t(totalSlots === 1 ? 'waitingList.explain.totalOne' : 'waitingList.explain.total', { count: totalSlots })}</UnorderedListItem>
        <UnorderedListItem>
          {basis === 'measured'
            ? t('waitingList.explain.measured', { days: Math.round(avgTrajectoryDays), months, count: endedTrajectories })
            : t('waitingList.explain.norm', { days: NORM_TRAJECTORY_DAYS })}
        </UnorderedListItem>
      </UnorderedList>
      {every === null ? (
        <Paragraph>{t('waitingList.explain.noPlaces')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('waitingList.explain.every', { every, days: Math.round(avgTrajectoryDays), total: totalSlots })}</Paragraph>
          <Paragraph>{t('waitingList.explain.rule', { free: freeSlots, every })}</Paragraph>
          <Paragraph>
            {example <= freeSlots
              ? t(position ? 'waitingList.explain.exampleNowYou' : 'waitingList.explain.exampleNow', { q: example, free: freeSlots })
              : t(position ? 'waitingList.explain.exampleYou' : 'waitingList.explain.example', { q: example, free: freeSlots, every, days: exampleDays ?? 0, wait: waitText(t, exampleDays) })}
          </Paragraph>
        </>
      )}
      <Paragraph>{t('waitingList.explain.estimate')}</Paragraph>
    </section>
  );
}
