import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { AFTERCARE_KINDS, ZAftercareRequestBody, type TAftercareKind, type TAftercareList, type TAftercareRequest } from '../../../shared/satisfaction.js';
import type { TTrajectoryDossier } from '../../../shared/trajectories.js';
import { can } from '../../permissions.js';
import { api } from '../../api.js';
import { useSession } from '../../session.js';
import { Loading } from '../../shell/Page.js';
import { Notice, useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Button, Heading2, Paragraph, Select, SelectOption, Textarea } from '../../ui/nlds.js';
import './satisfaction.css';

type Props = { dossier: TTrajectoryDossier; canWrite: boolean; reason?: string; onChanged: () => void };

const path = (id: string, reason?: string) => `/trajectories/${encodeURIComponent(id)}/aftercare-requests${reason ? `?reason=${encodeURIComponent(reason)}` : ''}`;

function RequestForm({ trajectoryId, reason, mayRelapse, onDone }: { trajectoryId: string; reason?: string; mayRelapse: boolean; onDone: (r: TAftercareRequest) => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<TAftercareKind | ''>('');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [kindError, setKindError] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const kinds = AFTERCARE_KINDS.filter((k) => k !== 'relapse' || mayRelapse);

  const send = async () => {
    const parsed = ZAftercareRequestBody.safeParse({ kind: kind || undefined, note: note.trim() || undefined });
    if (!parsed.success) {
      setKindError(true);
      document.getElementById('aftercare-kind')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const made = await api<TAftercareRequest>('POST', path(trajectoryId, reason), parsed.data);
      setKind('');
      setNote('');
      setConfirming(false);
      onDone(made);
    } catch (err) {
      setError(err);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A relapse re-opens support: one extra step so it is never a slip of the finger.
    if (kind === 'relapse' && !confirming) setConfirming(true);
    else void send();
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby="aftercare-new">
      <h3 className="utrecht-heading-3" id="aftercare-new">
        {t('aftercare.new')}
      </h3>
      {error ? <LoadError error={error} /> : null}
      <div className="naast-scale">
        <label className="utrecht-form-label" htmlFor="aftercare-kind">
          {t('aftercare.kind')}
        </label>
        {kindError ? (
          <p className="naast-scale-error" id="aftercare-kind-error">
            {t('aftercare.kindRequired')}
          </p>
        ) : null}
        <Select
          id="aftercare-kind"
          value={kind}
          invalid={kindError}
          aria-invalid={kindError || undefined}
          aria-describedby={kindError ? 'aftercare-kind-error' : undefined}
          onChange={(e: ChangeEvent<HTMLSelectElement>) => {
            setKind(e.target.value as TAftercareKind | '');
            setKindError(false);
            setConfirming(false);
          }}
        >
          <SelectOption value="">{t('aftercare.choose')}</SelectOption>
          {kinds.map((k) => (
            <SelectOption key={k} value={k}>
              {t(`aftercare.kinds.${k}`)}
            </SelectOption>
          ))}
        </Select>
      </div>
      <div className="naast-scale">
        <label className="utrecht-form-label" htmlFor="aftercare-note">
          {t('aftercare.note')}
        </label>
        <Paragraph id="aftercare-note-hint">{t('aftercare.noteHint')}</Paragraph>
        <Textarea id="aftercare-note" aria-describedby="aftercare-note-hint" rows={3} maxLength={2000} value={note} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setNote(e.target.value)} />
      </div>
      {confirming ? (
        <div role="alert" className="naast-scale">
          <Paragraph>
            <strong>{t('aftercare.confirmRelapse')}</strong>
          </Paragraph>
        </div>
      ) : null}
      <div className="naast-actions">
        <Button type="submit" appearance={confirming ? 'primary-action-button' : 'secondary-action-button'} busy={busy}>
          {confirming ? t('aftercare.confirmButton') : t('aftercare.save')}
        </Button>
        {confirming ? (
          <Button type="button" appearance="subtle-button" onClick={() => setConfirming(false)}>
            {t('aftercare.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** Aftercare (nazorg) in the dossier: requests for information, advice, relapse prevention; a relapse re-opens support. */
export function AftercareSection({ dossier, canWrite, reason, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const tr = dossier.trajectory;
  const inAftercare = tr.phase === 'aftercare';
  const list = useLoad(() => (inAftercare ? api<TAftercareList>('GET', path(tr.id, reason)) : Promise.resolve({ items: [] })), [tr.id, inAftercare, reason]);
  const [notice, setNotice] = useState<{ text: string; newId: string | null } | null>(null);
  if (!inAftercare) return null;
  const day = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });

  return (
    <section className="naast-card" aria-labelledby="aftercare-heading" id="aftercare">
      <Heading2 id="aftercare-heading">{t('aftercare.title')}</Heading2>
      <Paragraph>{tr.aftercareUntil ? t('aftercare.until', { date: day(tr.aftercareUntil) }) : t('aftercare.intro')}</Paragraph>
      {notice ? (
        <Notice>
          {notice.text}
          {notice.newId ? (
            <>
              {' '}
              <RouterLink to={`/trajecten/${notice.newId}`}>{t('aftercare.openNew')}</RouterLink>
            </>
          ) : null}
        </Notice>
      ) : null}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error || !list.data ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : list.data.items.length === 0 ? (
        <Paragraph>{t('aftercare.none')}</Paragraph>
      ) : (
        <ul>
          {list.data.items.map((r) => (
            <li key={r.id}>
              <strong>{t(`aftercare.kinds.${r.kind}`)}</strong> – {day(r.createdAt)}
              {r.note ? `: ${r.note}` : ''}
              {r.newTrajectoryId ? (
                <>
                  {' '}
                  <RouterLink to={`/trajecten/${r.newTrajectoryId}`}>{t('aftercare.openNew')}</RouterLink>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <RequestForm
          trajectoryId={tr.id}
          reason={reason}
          mayRelapse={can(user?.role, 'trajectories.close')}
          onDone={(made) => {
            setNotice({ text: made.kind === 'relapse' ? t('aftercare.relapseDone') : t('aftercare.saved'), newId: made.newTrajectoryId });
            list.reload();
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}
