import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ZAuditAction, type TAuditEvent } from '../../../shared/audit.js';
import { formatDateTime } from '../../i18n.js';
import { Page } from '../../shell/Page.js';
import { usePagedList } from '../../ui/data.js';
import { Filters, type FilterValues } from '../../ui/filters.js';
import { Paragraph } from '../../ui/nlds.js';
import { PagedTable } from '../../ui/table.js';

function who(t: (k: string, o?: Record<string, unknown>) => string, e: TAuditEvent): string {
  if (!e.actor.displayName && !e.actor.role) return t('audit.system');
  const role = e.actor.role ? t(`roles.${e.actor.role}`, { defaultValue: e.actor.role }) : '';
  return e.actor.displayName ? `${e.actor.displayName}${role ? ` (${role})` : ''}` : role;
}

/**
 * Sign-in, two-factor and demo events carry a code as reason; those read as words. A stated reason
 * (break-the-glass) is free text and is shown as typed, never passed through t() (no interpolation).
 */
function reasonText(t: (k: string) => string, exists: (k: string) => boolean, reason: string | null): string {
  if (!reason) return '—';
  const key = `auditReasons.${reason.replace(/ /g, '_')}`;
  return /^[a-z_ ]+$/.test(reason) && exists(key) ? t(key) : reason;
}

/** The organisation's audit trail (admins): who looked at or changed whose data, newest first. */
export default function AuditLog() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<FilterValues>({});
  const list = usePagedList<TAuditEvent>('/audit-events', { ...filter, limit: '50' });
  return (
    <Page title={t('audit.title')}>
      <Paragraph>{t('audit.intro')}</Paragraph>
      <Filters
        label={t('audit.filters')}
        fields={[{ name: 'action', label: t('audit.action'), all: t('audit.allActions'), options: ZAuditAction.options.map((a) => ({ value: a, label: t(`actions.${a}`) })) }]}
        onApply={setFilter}
      />
      <PagedTable
        list={list}
        empty={t('audit.none')}
        caption={t('audit.title')}
        rowKey={(e) => e.id}
        columns={[
          { header: t('activity.when'), cell: (e) => formatDateTime(e.occurredAt) },
          { header: t('activity.who'), cell: (e) => who(t, e) },
          { header: t('audit.action'), cell: (e) => t(`actions.${e.action}`, { defaultValue: e.action }) },
          { header: t('audit.resource'), cell: (e) => t(`resources.${e.resourceType}`, { defaultValue: e.resourceType }) },
          { header: t('audit.subject'), cell: (e) => (e.subject ? (e.subject.displayName ?? t('audit.unknownPerson')) : '—') },
          { header: t('audit.reason'), cell: (e) => reasonText(t, (k) => i18n.exists(k), e.reason) },
          { header: t('audit.ip'), cell: (e) => e.ip ?? '—' },
        ]}
      />
    </Page>
  );
}
