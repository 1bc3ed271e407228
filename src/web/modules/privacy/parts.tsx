import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../ui/nlds.js';

/** A date and time in Amsterdam time, in the page's language. */
export function formatDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
}

export function formatDate(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
}

export function RequestStatus({ status }: { status: 'open' | 'accepted' | 'rejected' }) {
  const { t } = useTranslation();
  return <StatusBadge status={status === 'accepted' ? 'safe' : status === 'rejected' ? 'danger' : 'neutral'}>{t(`privacy.status.${status}`)}</StatusBadge>;
}
