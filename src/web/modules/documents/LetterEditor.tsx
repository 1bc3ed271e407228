import { useDeferredValue, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import type { TLetter } from '../../../shared/documents.js';
import { api, ApiError } from '../../api.js';
import { can } from '../../permissions.js';
import { useSession } from '../../session.js';
import { Loading, Page } from '../../shell/Page.js';
import { ActionFeedback, Notice, useAction, useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Button, DataList, DataListItem, DataListKey, DataListValue, FormField, FormFieldDescription, FormLabel, Heading2, Paragraph } from '../../ui/nlds.js';
import { GlossaryText } from '../glossary/GlossaryText.js';
import NotFound from '../home/NotFound.js';
import { ReasonForm } from '../waiting-list/shared.js';
import { documentEndpoints } from './endpoints.js';
import { formatDay } from './format.js';
import './documents.css';
import { ShareButton } from '../consent/ShareButton.js';

type Version = { version: number; body: string; authorUserId: string; createdAt: string };
type Props = { trajectoryId: string; reason?: string };

/** The text as a plain textarea (works everywhere, also with a screen reader); each save is a new version. */
function Editor({ trajectoryId, reason, letter, onSaved }: Props & { letter: TLetter; onSaved: (l: TLetter, message: string) => void }) {
  const { t } = useTranslation();
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [body, setBody] = useState(letter.body);
  const [empty, setEmpty] = useState(false);
  const action = useAction();
  const changed = body !== letter.body;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!body.trim()) return setEmpty(true);
        setEmpty(false);
        void action.run(async () => {
          const saved = await api<TLetter>('PUT', documentEndpoints.letter(trajectoryId, letter.id, reason), { body, baseVersion: letter.currentVersion });
          // The editor starts afresh with the new version, so the confirmation lives in the page.
          onSaved(saved, t('letters.editor.saved', { version: saved.currentVersion }));
        });
      }}
    >
      <FormField invalid={empty}>
        <FormLabel htmlFor={`${uid}-body`}>{t('letters.editor.body')}</FormLabel>
        <FormFieldDescription id={`${uid}-hint`}>{t('letters.editor.bodyHint')}</FormFieldDescription>
        {empty ? (
          <p className="utrecht-form-field-error-message" id={`${uid}-error`}>
            {t('letters.editor.empty')}
          </p>
        ) : null}
        <textarea
          id={`${uid}-body`}
          className="utrecht-textarea naast-letter-text"
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-describedby={empty ? `${uid}-hint ${uid}-error` : `${uid}-hint`}
          aria-invalid={empty || undefined}
          maxLength={50000}
          spellCheck
          lang="nl"
        />
      </FormField>
      <LetterPreview body={body} />
      <ActionFeedback action={action} />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={action.isBusy()} disabled={!changed}>
          {t('letters.editor.save')}
        </Button>
      </div>
    </form>
  );
}

/** The text as it stands in the textarea, with known terms marked and explained (a textarea cannot mark words). */
function LetterPreview({ body }: { body: string }) {
  const { t } = useTranslation();
  // Marking a long letter on every key stroke would make typing slow: the preview may lag behind.
  const text = useDeferredValue(body);
  return (
    <details className="naast-letter-preview">
      <summary>{t('letters.editor.preview')}</summary>
      <Paragraph>{t('letters.editor.previewHint')}</Paragraph>
      <div className="naast-letter-body">
        <GlossaryText text={text} />
      </div>
    </details>
  );
}

function Versions({ trajectoryId, reason, letter }: Props & { letter: TLetter }) {
  const { t, i18n } = useTranslation();
  const versions = useLoad(() => api<{ items: Version[] }>('GET', documentEndpoints.versions(trajectoryId, letter.id, reason)), [trajectoryId, letter.id, letter.currentVersion, reason]);
  if (versions.error) return <LoadError error={versions.error} onRetry={versions.reload} />;
  if (!versions.data) return <Loading />;
  return (
    <ol className="naast-doc-list" reversed>
      {versions.data.items.map((v) => (
        <li key={v.version}>
          <details>
            <summary>
              {t('letters.versionN', { version: v.version })} · {formatDay(v.createdAt, i18n.language)}
              {v.version === letter.currentVersion ? ` · ${t('letters.editor.current')}` : ''}
            </summary>
            <div className="naast-letter-body">
              <GlossaryText text={v.body} />
            </div>
          </details>
        </li>
      ))}
    </ol>
  );
}

function Letter({ trajectoryId, reason, letter, canWrite, onChanged }: Props & { letter: TLetter; canWrite: boolean; onChanged: (l: TLetter) => void }) {
  const { t, i18n } = useTranslation();
  const finalise = useAction();
  const [confirming, setConfirming] = useState(false);
  const editable = canWrite && letter.status === 'draft';
  const finalRef = useRef<HTMLDivElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (finalise.notice) requestAnimationFrame(() => finalRef.current?.focus());
  }, [finalise.notice]);
  useEffect(() => {
    if (saved) requestAnimationFrame(() => savedRef.current?.focus());
  }, [saved]);
  return (
    <>
      <DataList>
        <DataListItem>
          <DataListKey>{t('letters.editor.status')}</DataListKey>
          <DataListValue>{t(`letters.status.${letter.status}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('letters.editor.version')}</DataListKey>
          <DataListValue>
            {t('letters.versionN', { version: letter.currentVersion })} · {formatDay(letter.updatedAt, i18n.language)}
          </DataListValue>
        </DataListItem>
      </DataList>
      <Paragraph>{t('letters.editor.intro')}</Paragraph>

      <section aria-labelledby="letter-text" className="naast-card">
        <Heading2 id="letter-text">{editable ? t('letters.editor.editTitle') : t('letters.editor.textTitle')}</Heading2>
        <div ref={savedRef} tabIndex={-1} aria-live="polite">
          {saved ? <Notice>{saved}</Notice> : null}
        </div>
        {editable ? (
          <Editor
            key={letter.currentVersion}
            trajectoryId={trajectoryId}
            reason={reason}
            letter={letter}
            onSaved={(l, message) => {
              onChanged(l);
              setSaved(message);
            }}
          />
        ) : (
          <div className="naast-letter-body">
            <GlossaryText text={letter.body} />
          </div>
        )}
      </section>

      <section aria-labelledby="letter-export" className="naast-card">
        <Heading2 id="letter-export">{t('letters.editor.exportTitle')}</Heading2>
        <Paragraph>{t('letters.editor.exportIntro')}</Paragraph>
        <div className="naast-actions">
          <a className="utrecht-button utrecht-button--secondary-action" href={documentEndpoints.exportFile(trajectoryId, letter.id, 'docx', reason)} download>
            {t('letters.editor.exportDocx')}
          </a>
          <a className="utrecht-button utrecht-button--secondary-action" href={documentEndpoints.exportFile(trajectoryId, letter.id, 'pdf', reason)} download>
            {t('letters.editor.exportPdf')}
          </a>
        </div>
        <ShareButton trajectoryId={trajectoryId} item={{ kind: 'letter', id: letter.id }} reason={reason} />
      </section>

      {editable ? (
        <section aria-labelledby="letter-final" className="naast-card">
          <Heading2 id="letter-final">{t('letters.editor.finaliseTitle')}</Heading2>
          <Paragraph>{t('letters.editor.finaliseIntro')}</Paragraph>
          {confirming ? (
            <div className="naast-confirm" role="group" aria-label={t('letters.editor.finaliseTitle')}>
              <Paragraph>
                <strong>{t('letters.editor.finaliseQuestion')}</strong>
              </Paragraph>
              <ActionFeedback action={finalise} />
              <div className="naast-actions">
                <Button
                  appearance="primary-action-button"
                  busy={finalise.isBusy()}
                  onClick={() =>
                    void finalise.run(async () => {
                      onChanged(await api<TLetter>('POST', documentEndpoints.finalise(trajectoryId, letter.id, reason)));
                      return t('letters.editor.finalised');
                    })
                  }
                >
                  {t('letters.editor.finaliseYes')}
                </Button>
                <Button appearance="secondary-action-button" onClick={() => setConfirming(false)}>
                  {t('letters.editor.finaliseNo')}
                </Button>
              </div>
            </div>
          ) : (
            <Button appearance="secondary-action-button" onClick={() => setConfirming(true)}>
              {t('letters.editor.finalise')}
            </Button>
          )}
        </section>
      ) : (
        <div ref={finalRef} tabIndex={-1}>
          {finalise.notice ? <Notice>{finalise.notice}</Notice> : null}
        </div>
      )}

      <section aria-labelledby="letter-versions" className="naast-card">
        <Heading2 id="letter-versions">{t('letters.editor.versions')}</Heading2>
        <Versions trajectoryId={trajectoryId} reason={reason} letter={letter} />
      </section>
    </>
  );
}

/** /trajecten/:id/brieven/:letterId: a letter written with the parent. */
export default function LetterEditor() {
  const { t } = useTranslation();
  const { id = '', letterId = '' } = useParams();
  const navigate = useNavigate();
  const { user } = useSession();
  const [reason, setReason] = useState<string | undefined>(undefined);
  const canWrite = can(user?.role, 'trajectories.write');
  const letter = useLoad(() => api<TLetter>('GET', documentEndpoints.letter(id, letterId, reason)), [id, letterId, reason]);
  if (letter.error instanceof ApiError && (letter.error.status === 404 || letter.error.status === 400)) return <NotFound />;
  if (!letter.data && letter.error instanceof ApiError && letter.error.code === 'reason_required')
    return (
      <Page key="reason" title={t('letters.editor.title')} narrow>
        <ReasonForm intro={t('letters.editor.reasonIntro')} onReason={async (r) => setReason(r)} onCancel={() => void navigate(`/trajecten/${id}`)} />
      </Page>
    );
  const l = letter.data;
  return (
    <Page key={l ? 'letter' : 'loading'} title={l ? l.title : t('letters.editor.title')}>
      <Paragraph>
        <RouterLink className="utrecht-link" to={`/trajecten/${id}`}>
          {t('letters.editor.back')}
        </RouterLink>
      </Paragraph>
      {letter.loading && !l ? <Loading /> : letter.error || !l ? <LoadError error={letter.error} onRetry={letter.reload} /> : <Letter trajectoryId={id} reason={reason} letter={l} canWrite={canWrite} onChanged={letter.setData} />}
    </Page>
  );
}
