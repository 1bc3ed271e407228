import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import type { TMatch, TProposal, TProposalItem, TProposalStats } from '../../../shared/matching.js';
import { api, ApiError } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Alert, Button, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '../../ui/nlds.js';
import { PriorityBadge } from '../waiting-list/Explanation.js';
import { LocationPicker, ReasonForm } from '../waiting-list/shared.js';
import { useOrganisation } from '../organisations/useOrganisation.js';
import { endpoints } from './endpoints.js';
import { Reasons, Score } from './reasons.js';

type Result = { ok: true } | { ok: false; title: string; detail?: string };

const urgentOf = (s: TProposalStats) => s.perPriority.find((p) => p.priority === 1)?.assigned ?? 0;

/** How the optimal proposal compares with the simple (greedy) one on the same data. */
function Comparison({ proposal }: { proposal: TProposal }) {
  const { t, i18n } = useTranslation();
  const { optimal, greedy } = proposal.comparison;
  const gain = greedy.totalScore > 0 ? (optimal.totalScore - greedy.totalScore) / greedy.totalScore : null;
  const pct = gain === null ? null : new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(gain);
  const same = optimal.assigned === greedy.assigned && Math.round(optimal.totalScore) === Math.round(greedy.totalScore);
  return (
    <section className="naast-comparison" aria-labelledby="comparison-heading">
      <Heading2 id="comparison-heading">{t('matching.proposal.compareTitle')}</Heading2>
      <Paragraph>
        {t('matching.proposal.optimal', { assigned: optimal.assigned, families: optimal.families, urgent: urgentOf(optimal) })}{' '}
        {t('matching.proposal.greedy', { assigned: greedy.assigned, urgent: urgentOf(greedy) })}
      </Paragraph>
      <Paragraph>
        {same
          ? t('matching.proposal.same')
          : pct === null
            ? t('matching.proposal.scoreNoPct', { optimal: Math.round(optimal.totalScore), greedy: Math.round(greedy.totalScore) })
            : t('matching.proposal.score', { optimal: Math.round(optimal.totalScore), greedy: Math.round(greedy.totalScore), pct })}
      </Paragraph>
      <Paragraph>{t('matching.proposal.how')}</Paragraph>
    </section>
  );
}

function ProposalCard({
  item,
  result,
  busy,
  disabled,
  confirming,
  onStart,
  onCancel,
  onConfirm,
}: {
  item: TProposalItem;
  result: Result | undefined;
  busy: boolean;
  disabled: boolean;
  confirming: boolean;
  onStart: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) yes.current?.focus();
  }, [confirming]);
  return (
    <article className="naast-candidate" aria-labelledby={`prop-${item.applicationId}`}>
      <div className="naast-candidate__head">
        <h3 className="utrecht-heading-3" id={`prop-${item.applicationId}`}>
          {t('matching.proposal.pair', { reference: item.reference, name: item.volunteerName })}
        </h3>
        <Score score={item.score} />
      </div>
      <Paragraph>
        <PriorityBadge priority={item.priority} />
      </Paragraph>
      <Reasons reasons={item.reasons} />
      {result ? (
        result.ok ? (
          <Alert type="ok">
            <Paragraph>{t('matching.proposal.done', { reference: item.reference, name: item.volunteerName })}</Paragraph>
          </Alert>
        ) : (
          <Alert type="error">
            <Paragraph>
              <strong>{t('matching.proposal.failed', { reference: item.reference })}</strong> {result.title}
              {result.detail ? ` ${result.detail}` : ''}
            </Paragraph>
          </Alert>
        )
      ) : confirming ? (
        <div className="naast-confirm" role="group" aria-label={t('matching.confirm.label', { name: item.volunteerName })}>
          <Paragraph>
            <strong>{t('matching.confirm.question', { name: item.volunteerName, reference: item.reference })}</strong>
          </Paragraph>
          <Paragraph>{t('matching.confirm.what', { name: item.volunteerName })}</Paragraph>
          <div className="naast-actions">
            <Button ref={yes} appearance="primary-action-button" busy={busy} onClick={onConfirm}>
              {t('matching.confirm.yes', { name: item.volunteerName })}
            </Button>
            <Button appearance="secondary-action-button" onClick={onCancel} disabled={busy}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="naast-actions">
          <Button appearance="primary-action-button" onClick={onStart} disabled={disabled}>
            {t('matching.proposal.confirmOne')}
            <span className="naast-visually-hidden"> {t('matching.proposal.pair', { reference: item.reference, name: item.volunteerName })}</span>
          </Button>
          <RouterLink className="utrecht-link" to={`/aanmeldingen/${item.applicationId}/matchen`}>
            {t('matching.proposal.otherChoice')}
            <span className="naast-visually-hidden"> {item.reference}</span>
          </RouterLink>
        </div>
      )}
    </article>
  );
}

function problemOf(t: (k: string) => string, err: unknown): { title: string; detail?: string } {
  if (err instanceof ApiError && err.problem) return { title: err.problem.title, detail: err.problem.detail };
  if (err instanceof ApiError && err.status === 0) return { title: t('errors.network.title') };
  return { title: t('errors.unknown.title') };
}

function ProposalView({ locationId, onCancel }: { locationId: string | undefined; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<string | undefined>(undefined);
  const data = useLoad(() => api<TProposal>('GET', endpoints.proposal(locationId, reason)), [locationId, reason]);
  const [results, setResults] = useState<Record<string, Result>>({});
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [askAll, setAskAll] = useState(false);
  const [summary, setSummary] = useState<{ ok: number; failed: number } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (summary) requestAnimationFrame(() => summaryRef.current?.focus());
  }, [summary]);

  if (!data.data && data.error instanceof ApiError && data.error.code === 'reason_required')
    return <ReasonForm intro={t('matching.reasonIntroList')} onReason={async (r) => setReason(r)} onCancel={onCancel} />;
  if (data.loading && !data.data) return <Loading />;
  if (data.error || !data.data) return <LoadError error={data.error} onRetry={data.reload} />;
  const p = data.data;

  const confirmOne = async (item: TProposalItem): Promise<Result> => {
    try {
      await api<TMatch>('POST', endpoints.confirm(), { applicationId: item.applicationId, volunteerUserId: item.volunteerUserId, reason });
      return { ok: true };
    } catch (err) {
      return { ok: false, ...problemOf(t, err) };
    }
  };

  const one = async (item: TProposalItem) => {
    setBusy(item.applicationId);
    const r = await confirmOne(item);
    setResults((x) => ({ ...x, [item.applicationId]: r }));
    setBusy(null);
    setConfirming(null);
  };

  // One at a time, in the proposal's order; a refusal is reported and the next one still goes.
  const all = async () => {
    setAskAll(false);
    setSummary(null);
    let ok = 0;
    let failed = 0;
    for (const item of p.proposals) {
      if (results[item.applicationId]) continue;
      setBusy(item.applicationId);
      const r = await confirmOne(item);
      if (r.ok) ok += 1;
      else failed += 1;
      setResults((x) => ({ ...x, [item.applicationId]: r }));
    }
    setBusy(null);
    setSummary({ ok, failed });
  };

  const open = p.proposals.filter((i) => !results[i.applicationId]);
  const recompute = () => {
    setResults({});
    setSummary(null);
    data.reload();
  };

  return (
    <>
      <Comparison proposal={p} />
      <div ref={summaryRef} tabIndex={-1} className="naast-feedback" aria-live="polite">
        {summary ? (
          <Alert type={summary.failed ? 'warning' : 'ok'}>
            <Paragraph>{t('matching.proposal.allDone', { ok: summary.ok, failed: summary.failed })}</Paragraph>
          </Alert>
        ) : null}
      </div>
      <section aria-labelledby="proposals-heading">
        <Heading2 id="proposals-heading">{t('matching.proposal.listTitle', { count: p.proposals.length })}</Heading2>
        {p.proposals.length === 0 ? (
          <Paragraph>{t('matching.proposal.none')}</Paragraph>
        ) : (
          <>
            <Paragraph>{t('matching.proposal.listIntro')}</Paragraph>
            <div className="naast-actions">
              {askAll ? (
                <div className="naast-confirm" role="group" aria-label={t('matching.proposal.confirmAll')}>
                  <Paragraph>
                    <strong>{t('matching.proposal.allQuestion', { count: open.length })}</strong>
                  </Paragraph>
                  <div className="naast-actions">
                    <Button appearance="primary-action-button" onClick={() => void all()}>
                      {t('matching.proposal.allYes', { count: open.length })}
                    </Button>
                    <Button appearance="secondary-action-button" onClick={() => setAskAll(false)}>
                      {t('common.cancel')}
                    </Button>
                  </div>
                </div>
              ) : (
                <Button appearance="secondary-action-button" disabled={open.length === 0 || busy !== null} busy={busy !== null && confirming === null} onClick={() => setAskAll(true)}>
                  {t('matching.proposal.confirmAll')}
                </Button>
              )}
              <Button appearance="secondary-action-button" onClick={recompute} disabled={busy !== null}>
                {t('matching.proposal.recompute')}
              </Button>
            </div>
            <ol className="naast-candidates">
              {p.proposals.map((item) => (
                <li key={item.applicationId}>
                  <ProposalCard
                    item={item}
                    result={results[item.applicationId]}
                    busy={busy === item.applicationId}
                    disabled={busy !== null}
                    confirming={confirming === item.applicationId}
                    onStart={() => setConfirming(item.applicationId)}
                    onCancel={() => setConfirming(null)}
                    onConfirm={() => void one(item)}
                  />
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
      {p.unassigned.length > 0 ? (
        <section aria-labelledby="unassigned-heading">
          <Heading2 id="unassigned-heading">{t('matching.proposal.unassignedTitle', { count: p.unassigned.length })}</Heading2>
          <Paragraph>{t('matching.proposal.unassignedIntro')}</Paragraph>
          <UnorderedList>
            {p.unassigned.map((u) => (
              <UnorderedListItem key={u.applicationId}>
                <RouterLink className="utrecht-link" to={`/aanmeldingen/${u.applicationId}/matchen`}>
                  {u.reference}
                </RouterLink>{' '}
                <PriorityBadge priority={u.priority} />
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </section>
      ) : null}
    </>
  );
}

/** The whole waiting list at once: the optimal proposal per location, compared with the simple approach; confirm one by one or all. */
export default function Proposal() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const org = useOrganisation();
  const [locationId, setLocationId] = useState<string | undefined>(undefined);
  return (
    <Page title={t('matching.proposal.title')}>
      <Paragraph>{t('matching.proposal.intro')}</Paragraph>
      <Paragraph>
        <RouterLink className="utrecht-link" to="/wachtlijst">
          {t('matching.back')}
        </RouterLink>
      </Paragraph>
      {org.data ? (
        <LocationPicker locations={org.data.locations} value={locationId} onApply={setLocationId} allLabel={t('matching.proposal.ownLocations')} />
      ) : org.error ? (
        <LoadError error={org.error} onRetry={org.reload} />
      ) : null}
      <ProposalView key={locationId ?? 'own'} locationId={locationId} onCancel={() => void navigate('/wachtlijst')} />
    </Page>
  );
}
