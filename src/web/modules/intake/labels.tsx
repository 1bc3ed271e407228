import { useTranslation } from 'react-i18next';
import type { TDueState, TPriority } from '../../../shared/intake.js';
import { StatusBadge } from '../../ui/nlds.js';

/** dd-mm-yyyy style date of a yyyy-mm-dd or ISO value in the user's language. */
export function formatDate(value: string, lang: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
  return Number.isNaN(d.getTime()) ? value : new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium' }).format(d);
}

function WarningIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M12 2 1 21h22L12 2zm0 5 7.5 12h-15L12 7zm-1 4v4h2v-4h-2zm0 5v2h2v-2h-2z" />
    </svg>
  );
}
function ClockIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16zm-1 3v6l5 3 1-1.7-4-2.3V7h-2z" />
    </svg>
  );
}

/**
 * The first-contact deadline with its state: "te laat" and "vandaag" carry text and an icon, never
 * colour alone.
 */
export function Deadline({ dueAt, state }: { dueAt: string; state: TDueState }) {
  const { t, i18n } = useTranslation();
  const date = formatDate(dueAt, i18n.language);
  if (state === 'overdue' || state === 'due_today')
    return (
      <span className="naast-deadline">
        <StatusBadge status={state === 'overdue' ? 'danger' : 'warning'}>
          <span className="naast-deadline">
            {state === 'overdue' ? <WarningIcon /> : <ClockIcon />}
            {t(`intake.due.${state}`)}
          </span>
        </StatusBadge>
        <span>{date}</span>
      </span>
    );
  return (
    <span className="naast-deadline">
      <span>{date}</span>
      {state === 'done' ? <StatusBadge status="safe">{t('intake.due.done')}</StatusBadge> : null}
    </span>
  );
}

export function PriorityFlag({ priority }: { priority: TPriority }) {
  const { t } = useTranslation();
  if (priority === 3) return null;
  return <StatusBadge status={priority === 1 ? 'danger' : 'warning'}>{t(priority === 1 ? 'intake.flag.urgent' : 'intake.flag.soon')}</StatusBadge>;
}
