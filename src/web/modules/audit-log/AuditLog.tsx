import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ZAuditAction, type TAuditEvent } from '../../../shared/audit.js';
import { formatDateTime } from '../../i18n.js';
import { Loading, Page } from '../../shell/Page.js';
import { LoadMore, usePagedList } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Button, FormField, FormLabel, Paragraph, Select, SelectOption, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '../../ui/nlds.js';

function who(t: (k: string, o?: Record<string, unknown>) => string, e: TAuditEvent): string {
  if (!e.actor.displayName && !e.actor.role) return t('audit.system');
  const role = e.actor.role ? t(`roles.${e.actor.role}`, { defaultValue: e.actor.role }) : '';
  return e.actor.displayName ? `${e.actor.displayName}${role ? ` (${role})` : ''}` : role;
}

/** The organisation's audit trail (admins): who looked at or changed whose data, newest first. */
export default function AuditLog() {
  const { t } = useTranslation();
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState<{ action?: string }>({});
  const list = usePagedList<TAuditEvent>('/audit-events', { ...filter, limit: '50' });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter({ action: action || undefined });
  };
  return (
    <Page title={t('audit.title')}>
      <Paragraph>{t('audit.intro')}</Paragraph>
      <form className="naast-filters" onSubmit={apply} aria-label={t('audit.filters')}>
        <FormField
          label={<FormLabel htmlFor="audit-action">{t('audit.action')}</FormLabel>}
          input={
            <Select id="audit-action" value={action} onChange={(e: ChangeEvent<HTMLSelectElement>) => setAction(e.target.value)}>
              <SelectOption value="">{t('audit.allActions')}</SelectOption>
              {ZAuditAction.options.map((a) => (
                <SelectOption key={a} value={a}>
                  {t(`actions.${a}`)}
                </SelectOption>
              ))}
            </Select>
          }
        />
        <div className="naast-actions">
          <Button type="submit" appearance="secondary-action-button">
            {t('users.applyFilters')}
          </Button>
        </div>
      </form>
      {list.loading ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <Paragraph>{t('audit.none')}</Paragraph>
      ) : (
        <>
          <div className="naast-table-wrap" tabIndex={0} role="region" aria-label={t('audit.title')}>
            <Table>
              <TableCaption className="naast-visually-hidden">{t('audit.title')}</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('activity.when')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('activity.who')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('audit.action')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('audit.resource')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('audit.subject')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('audit.reason')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('audit.ip')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.items.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell>{formatDateTime(e.occurredAt)}</TableCell>
                    <TableCell>{who(t, e)}</TableCell>
                    <TableCell>{t(`actions.${e.action}`, { defaultValue: e.action })}</TableCell>
                    <TableCell>{t(`resources.${e.resourceType}`, { defaultValue: e.resourceType })}</TableCell>
                    <TableCell>{e.subject ? (e.subject.displayName ?? t('audit.unknownPerson')) : '—'}</TableCell>
                    <TableCell>{e.reason ?? '—'}</TableCell>
                    <TableCell>{e.ip ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          <LoadMore hasMore={list.hasMore} busy={list.loadingMore} onClick={list.loadMore} shown={list.items.length} />
        </>
      )}
    </Page>
  );
}
