import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SCALE_QUESTIONS, QUESTION_TEXT, type TOutcomeRow, type TResults, type TSatisfactionRow } from '../../../shared/satisfaction.js';
import { api } from '../../api.js';
import { useSession } from '../../session.js';
import { Loading, Page } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Heading2, Paragraph, Select, SelectOption } from '../../ui/nlds.js';
import { DataTable } from '../../ui/table.js';
import './satisfaction.css';

const OUTCOMES = ['resolved', 'positive_restart', 'not_resolved', 'parent_stopped', 'referred'] as const;

/** /resultaten — the figures for one year: an admin sees the organisation, a coordinator their own locations. Aggregate only: no families, no names. */
export default function Results() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const res = useLoad(() => api<TResults>('GET', `/results?year=${year}`), [year]);
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const nf = (v: number | null, digits = 1) => (v == null ? '–' : v.toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { maximumFractionDigits: digits }));
  const pct = (v: number | null) => (v == null ? '–' : `${Math.round(v * 100)}%`);
  const place = (r: { locationId: string | null; locationName: string | null }, total: boolean) =>
    total ? t('results.total') : (r.locationName ?? t('results.noLocation'));

  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);
  const d = res.data;
  const outcomeRows: Array<TOutcomeRow & { key: string; total: boolean }> = d
    ? [...d.outcomes.rows.map((r) => ({ ...r, key: r.locationId ?? 'none', total: false })), { ...d.outcomes.total, key: 'total', total: true }]
    : [];
  const satRows: Array<TSatisfactionRow & { key: string; total: boolean }> = d
    ? [...d.satisfaction.rows.map((r) => ({ ...r, key: r.locationId ?? 'none', total: false })), { ...d.satisfaction.total, key: 'total', total: true }]
    : [];

  return (
    <Page title={t('results.title')}>
      <Paragraph lead>{t('results.intro')}</Paragraph>
      <Paragraph>{user?.role === 'admin' ? t('results.scopeOrganisation') : t('results.scopeOwnLocations')}</Paragraph>
      <div className="naast-scale">
        <label className="utrecht-form-label" htmlFor="results-year">
          {t('results.year')}
        </label>{' '}
        <Select id="results-year" value={String(year)} onChange={(e: ChangeEvent<HTMLSelectElement>) => setYear(Number(e.target.value))}>
          {years.map((y) => (
            <SelectOption key={y} value={String(y)}>
              {y}
            </SelectOption>
          ))}
        </Select>
      </div>
      {res.loading && !d ? (
        <Loading />
      ) : res.error || !d ? (
        <LoadError error={res.error} onRetry={res.reload} />
      ) : (
        <>
          <section className="naast-card" aria-labelledby="results-success">
            <Heading2 id="results-success">{t('results.successTitle')}</Heading2>
            <Paragraph>
              <strong data-testid="success-rate">
                {d.outcomes.total.closed
                  ? t('results.successLine', { rate: pct(d.outcomes.total.successRate), closed: d.outcomes.total.closed, year: d.year })
                  : t('results.noneClosed', { year: d.year })}
              </strong>
            </Paragraph>
            <Paragraph className="naast-results-note">{t('results.howComputed')}</Paragraph>
            <DataTable
              caption={t('results.outcomesCaption', { year: d.year })}
              rows={outcomeRows}
              rowKey={(r) => r.key}
              columns={[
                { header: t('results.location'), cell: (r) => (r.total ? <strong>{place(r, true)}</strong> : place(r, false)) },
                { header: t('results.closed'), cell: (r) => r.closed },
                ...OUTCOMES.map((o) => ({ header: t(`results.outcomes.${o}`), cell: (r: TOutcomeRow) => r.byOutcome[o] })),
                { header: t('results.successRate'), cell: (r) => pct(r.successRate) },
                { header: t('results.avgMonths'), cell: (r) => nf(r.avgMonths) },
                { header: t('results.avgVolunteerHours'), cell: (r) => nf(r.avgVolunteerHours, 0) },
                { header: t('results.avgProfessionalHours'), cell: (r) => nf(r.avgProfessionalHours, 0) },
              ]}
            />
          </section>
          <section className="naast-card" aria-labelledby="results-satisfaction">
            <Heading2 id="results-satisfaction">{t('results.satisfactionTitle')}</Heading2>
            <Paragraph className="naast-results-note">{t('results.satisfactionNote', { min: d.minResponses })}</Paragraph>
            <DataTable
              caption={t('results.satisfactionCaption', { year: d.year })}
              rows={satRows}
              rowKey={(r) => r.key}
              columns={[
                { header: t('results.location'), cell: (r) => (r.total ? <strong>{place(r, true)}</strong> : place(r, false)) },
                { header: t('results.answers'), cell: (r) => r.count },
                ...SCALE_QUESTIONS.map((k) => ({
                  header: QUESTION_TEXT[k][lang],
                  cell: (r: TSatisfactionRow) => (r.averages ? nf(r.averages[k]) : t('results.tooFew')),
                })),
              ]}
            />
          </section>
        </>
      )}
    </Page>
  );
}
