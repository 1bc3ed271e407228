import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { TReportList, TReportSummary } from '../../../shared/reports.js';
import type { TTrajectoryDossier } from '../../../shared/trajectories.js';
import { api } from '../../api.js';
import { useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Heading2, Paragraph } from '../../ui/nlds.js';
import { reportEndpoints } from './endpoints.js';
import { formatDate } from './format.js';
import './reports.css';

/** The report's state in words for the volunteer ("Ligt bij de ouder", "De ouder wil iets toevoegen", …). */
export function statusWords(t: (k: string) => string, r: Pick<TReportSummary, 'status' | 'parentResponse'>): string {
  if (r.status === 'draft' && r.parentResponse === 'commented') return t('reports.status.commented');
  return t(`reports.status.${r.status}`);
}

/**
 * The dossier's section "Verslagen": per held meeting either "Verslag schrijven" or the report's
 * state in words, linking to the report page (which asks for a break-the-glass reason itself, like
 * the meeting page). Reloads whenever the dossier does.
 */
export function ReportsSection({ dossier, canWrite, reason }: { dossier: TTrajectoryDossier; canWrite: boolean; reason?: string; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const tid = dossier.trajectory.id;
  const list = useLoad(() => api<TReportList>('GET', reportEndpoints.list(tid, reason)), [tid, reason, dossier]);
  return (
    <section aria-labelledby="dossier-reports" className="naast-card">
      <Heading2 id="dossier-reports">{t('reports.section.title')}</Heading2>
      <Paragraph>{t('reports.section.intro')}</Paragraph>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.data ? (
        list.data.items.length === 0 && list.data.unreported.length === 0 ? (
          <Paragraph>{t('reports.section.none')}</Paragraph>
        ) : (
          <ul className="naast-report-list">
            {list.data.unreported.map((m) => (
              <li key={m.meetingId}>
                <h3 className="utrecht-heading-3">{m.title}</h3>
                <Paragraph>{formatDate(m.scheduledAt, i18n.language)}</Paragraph>
                {canWrite ? (
                  <Paragraph>
                    <RouterLink className="utrecht-link" to={`/trajecten/${tid}/verslagen/nieuw?gesprek=${encodeURIComponent(m.meetingId)}`}>
                      {t('reports.section.write', { title: m.title })}
                    </RouterLink>
                  </Paragraph>
                ) : (
                  <Paragraph>{t('reports.section.noReport')}</Paragraph>
                )}
              </li>
            ))}
            {list.data.items.map((r) => (
              <li key={r.id}>
                <h3 className="utrecht-heading-3">
                  <RouterLink className="utrecht-link" to={`/trajecten/${tid}/verslagen/${r.id}`}>
                    {t('reports.section.reportOf', { title: r.meetingTitle })}
                  </RouterLink>
                </h3>
                <Paragraph>{formatDate(r.meetingAt, i18n.language)}</Paragraph>
                <Paragraph>
                  <strong>{statusWords(t, r)}</strong> · {t('reports.versionN', { version: r.currentVersion })}
                </Paragraph>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
