import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import type { TMatch, TMatchCandidate, TMatchCandidates, TMatchHistoryItem } from '../../../shared/matching.js';
import { api, ApiError } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { Notice, useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading2, Paragraph } from '../../ui/nlds.js';
import NotFound from '../home/NotFound.js';
import { PriorityBadge } from '../waiting-list/Explanation.js';
import { formatDate, ReasonForm } from '../waiting-list/shared.js';
import { endpoints } from './endpoints.js';
import { exclusionText, Reasons, Score } from './reasons.js';

type Feedback = { kind: 'ok'; text: string } | { kind: 'error'; error: unknown } | null;

/** The confirmation step of "Koppel": says what happens, then sends it. */
function ConfirmBox({ name, reference, busy, onYes, onNo }: { name: string; reference: string; busy: boolean; onYes: () => void; onNo: () => void }) {
  const { t } = useTranslation();
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <div className="naast-confirm" role="group" aria-label={t('matching.confirm.label', { name })}>
      <Paragraph>
        <strong>{t('matching.confirm.question', { name, reference })}</strong>
      </Paragraph>
      <Paragraph>{t('matching.confirm.what', { name })}</Paragraph>
      <div className="naast-actions">
        <Button ref={yes} appearance="primary-action-button" busy={busy} onClick={onYes}>
          {t('matching.confirm.yes', { name })}
        </Button>
        <Button appearance="secondary-action-button" onClick={onNo} disabled={busy}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}

function Candidate({
  c,
  rank,
  canConfirm,
  confirming,
  busy,
  onStart,
  onCancel,
  onConfirm,
  reference,
}: {
  c: TMatchCandidate;
  rank: number;
  canConfirm: boolean;
  confirming: boolean;
  busy: boolean;
  onStart: () => void;
  onCancel: () => void;
  onConfirm: () => void;
  reference: string;
}) {
  const { t } = useTranslation();
  return (
    <article className="naast-candidate" aria-labelledby={`cand-${c.volunteerUserId}`}>
      <div className="naast-candidate__head">
        <h3 className="utrecht-heading-3" id={`cand-${c.volunteerUserId}`}>
          {t('matching.rank', { rank, name: c.displayName })}
        </h3>
        <Score score={c.score} />
      </div>
      <Paragraph>{t('matching.why')}</Paragraph>
      <Reasons reasons={c.reasons} />
      {canConfirm && !confirming ? (
        <div className="naast-actions">
          <Button appearance="primary-action-button" onClick={onStart}>
            {t('matching.match')}
            <span className="naast-visually-hidden"> {c.displayName}</span>
          </Button>
        </div>
      ) : null}
      {confirming ? <ConfirmBox name={c.displayName} reference={reference} busy={busy} onYes={onConfirm} onNo={onCancel} /> : null}
    </article>
  );
}

function Excluded({ c }: { c: TMatchCandidate }) {
  const { t } = useTranslation();
  return (
    <article className="naast-candidate naast-candidate--excluded" aria-labelledby={`excl-${c.volunteerUserId}`}>
      <h3 className="utrecht-heading-3" id={`excl-${c.volunteerUserId}`}>
        {c.displayName}
      </h3>
      <Paragraph>
        {t('matching.cannot')} {c.exclusions.map((e) => exclusionText(t, e)).join('; ')}.
      </Paragraph>
      <Paragraph>{t('matching.load', { active: c.activeFamilies, max: c.maxFamilies, hours: c.hoursPerWeek })}</Paragraph>
    </article>
  );
}

/** The confirmation step of "Koppeling intrekken": says what happens, then sends it. */
function WithdrawBox({ name, busy, onYes, onNo }: { name: string; busy: boolean; onYes: () => void; onNo: () => void }) {
  const { t } = useTranslation();
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => yes.current?.focus(), []);
  return (
    <div className="naast-confirm" role="group" aria-label={t('matching.history.withdrawLabel', { name })}>
      <Paragraph>
        <strong>{t('matching.history.withdrawQuestion', { name })}</strong>
      </Paragraph>
      <Paragraph>{t('matching.history.withdrawWhat', { name })}</Paragraph>
      <div className="naast-actions">
        <Button ref={yes} appearance="primary-action-button" busy={busy} onClick={onYes}>
          {t('matching.history.withdrawYes')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onNo} disabled={busy}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}

/** One match of the family in words: who, what happened (a word, not a colour), when, and why not. */
function HistoryItem({
  m,
  withdrawing,
  busy,
  onStart,
  onCancel,
  onWithdraw,
}: {
  m: TMatchHistoryItem;
  withdrawing: boolean;
  busy: boolean;
  onStart: () => void;
  onCancel: () => void;
  onWithdraw: () => void;
}) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => formatDate(iso, i18n.language);
  const headingId = `hist-${m.id}`;
  return (
    <article className={`naast-candidate naast-history naast-history--${m.status}`} aria-labelledby={headingId}>
      <h3 className="utrecht-heading-3" id={headingId}>
        {m.volunteer.name}: {t(`matching.history.status.${m.status}`)}
      </h3>
      <Paragraph>
        {m.confirmedByName
          ? t('matching.history.askedBy', { date: date(m.confirmedAt), by: m.confirmedByName })
          : t('matching.history.asked', { date: date(m.confirmedAt) })}
        {m.respondedAt && m.status !== 'pending' ? ` ${t(`matching.history.when.${m.status}`, { date: date(m.respondedAt) })}` : null}
      </Paragraph>
      {m.status === 'declined' ? (
        <Paragraph>
          {t('matching.history.declineReason')} <q className="naast-history__reason">{m.declineReason || t('matching.history.noReason')}</q>
        </Paragraph>
      ) : null}
      {m.status === 'pending' ? (
        <>
          <Paragraph>{t('matching.history.waiting', { name: m.volunteer.name })}</Paragraph>
          {withdrawing ? (
            <WithdrawBox name={m.volunteer.name} busy={busy} onYes={onWithdraw} onNo={onCancel} />
          ) : (
            <div className="naast-actions">
              <Button appearance="secondary-action-button" onClick={onStart}>
                {t('matching.history.withdraw')}
                <span className="naast-visually-hidden"> {m.volunteer.name}</span>
              </Button>
            </div>
          )}
        </>
      ) : null}
    </article>
  );
}

/** Ranked volunteers for one family, with the reasons of each score, the excluded ones and why; "Koppel" confirms a match. */
export default function MatchFamily() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [reason, setReason] = useState<string | undefined>(undefined);
  const data = useLoad(() => api<TMatchCandidates>('GET', endpoints.candidates(id, reason)), [id, reason]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (feedback) requestAnimationFrame(() => feedbackRef.current?.focus());
  }, [feedback]);

  if (data.error instanceof ApiError && (data.error.status === 404 || data.error.status === 400)) return <NotFound />;
  if (!data.data && data.error instanceof ApiError && data.error.code === 'reason_required')
    return (
      <Page key="reason" title={t('matching.title')}>
        <ReasonForm intro={t('matching.reasonIntro')} onReason={async (r) => setReason(r)} onCancel={() => void navigate('/wachtlijst')} />
      </Page>
    );

  const d = data.data;
  const suitable = d?.candidates.filter((c) => c.suitable) ?? [];
  const excluded = d?.candidates.filter((c) => !c.suitable) ?? [];
  const open = !!d?.application.openMatchId;
  const pending = d?.matches.find((m) => m.status === 'pending');

  const withdraw = async (m: TMatchHistoryItem) => {
    setBusy(true);
    try {
      await api<TMatch>('POST', endpoints.withdraw(m.id), reason ? { reason } : {});
      setFeedback({ kind: 'ok', text: t('matching.history.withdrawn', { name: m.volunteer.name }) });
    } catch (err) {
      setFeedback({ kind: 'error', error: err });
    } finally {
      setBusy(false);
      setWithdrawing(null);
      data.reload();
    }
  };

  const confirm = async (c: TMatchCandidate) => {
    if (!d) return;
    setBusy(true);
    try {
      const m = await api<TMatch>('POST', endpoints.confirm(), { applicationId: d.application.id, volunteerUserId: c.volunteerUserId, reason });
      setFeedback({ kind: 'ok', text: t('matching.confirmed', { name: m.volunteerName || c.displayName, reference: m.reference || d.application.reference }) });
    } catch (err) {
      setFeedback({ kind: 'error', error: err });
    } finally {
      setBusy(false);
      setConfirming(null);
      data.reload();
    }
  };

  return (
    <Page key="record" title={d ? t('matching.titleFor', { reference: d.application.reference }) : t('matching.title')}>
      <Paragraph>
        <RouterLink className="utrecht-link" to="/wachtlijst">
          {t('matching.back')}
        </RouterLink>
      </Paragraph>
      <div ref={feedbackRef} tabIndex={-1} className="naast-feedback" aria-live="polite">
        {feedback?.kind === 'ok' ? <Notice>{feedback.text}</Notice> : null}
        {feedback?.kind === 'error' ? (
          <>
            <LoadError error={feedback.error} />
            <Paragraph>{t('matching.refusedHint')}</Paragraph>
          </>
        ) : null}
      </div>
      {data.loading && !d ? (
        <Loading />
      ) : data.error || !d ? (
        <LoadError error={data.error} onRetry={data.reload} />
      ) : (
        <>
          <DataList>
            <DataListItem>
              <DataListKey>{t('matching.family')}</DataListKey>
              <DataListValue>
                {d.application.reference}{' '}
                <RouterLink className="utrecht-link" to={`/aanmeldingen/${d.application.id}`}>
                  {t('matching.openApplication')}
                  <span className="naast-visually-hidden"> {d.application.reference}</span>
                </RouterLink>
              </DataListValue>
            </DataListItem>
            <DataListItem>
              <DataListKey>{t('waitingList.col.priority')}</DataListKey>
              <DataListValue>
                <PriorityBadge priority={d.application.priority} />
              </DataListValue>
            </DataListItem>
          </DataList>
          {open ? <Notice>{pending ? t('matching.waitingFor', { name: pending.volunteer.name }) : t('matching.alreadyOpen')}</Notice> : null}
          <section aria-labelledby="history-heading">
            <Heading2 id="history-heading">{t('matching.history.title', { count: d.matches.length })}</Heading2>
            {d.matches.length === 0 ? (
              <Paragraph>{t('matching.history.none')}</Paragraph>
            ) : (
              <ul className="naast-candidates">
                {d.matches.map((m) => (
                  <li key={m.id}>
                    <HistoryItem
                      m={m}
                      withdrawing={withdrawing === m.id}
                      busy={busy}
                      onStart={() => {
                        setFeedback(null);
                        setConfirming(null);
                        setWithdrawing(m.id);
                      }}
                      onCancel={() => setWithdrawing(null)}
                      onWithdraw={() => void withdraw(m)}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="suitable-heading">
            <Heading2 id="suitable-heading">{t('matching.suitable', { count: suitable.length })}</Heading2>
            {suitable.length === 0 ? (
              <Paragraph>{t('matching.noneSuitable')}</Paragraph>
            ) : (
              <>
                <Paragraph>{t('matching.suitableIntro')}</Paragraph>
                <ol className="naast-candidates">
                  {suitable.map((c, i) => (
                    <li key={c.volunteerUserId}>
                      <Candidate
                        c={c}
                        rank={i + 1}
                        reference={d.application.reference}
                        canConfirm={!open}
                        confirming={confirming === c.volunteerUserId}
                        busy={busy}
                        onStart={() => {
                          setFeedback(null);
                          setWithdrawing(null);
                          setConfirming(c.volunteerUserId);
                        }}
                        onCancel={() => setConfirming(null)}
                        onConfirm={() => void confirm(c)}
                      />
                    </li>
                  ))}
                </ol>
              </>
            )}
          </section>
          {excluded.length > 0 ? (
            <section aria-labelledby="excluded-heading">
              <Heading2 id="excluded-heading">{t('matching.excluded', { count: excluded.length })}</Heading2>
              <Paragraph>{t('matching.excludedIntro')}</Paragraph>
              <ul className="naast-candidates">
                {excluded.map((c) => (
                  <li key={c.volunteerUserId}>
                    <Excluded c={c} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </Page>
  );
}
