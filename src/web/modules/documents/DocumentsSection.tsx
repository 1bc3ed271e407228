import { useId, useRef, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate } from 'react-router';
import { DOCUMENT_KINDS, DOCUMENT_MAX_BYTES, type TDocument, type TLetter, type TLetterTemplateId } from '../../../shared/documents.js';
import type { TTrajectoryDossier } from '../../../shared/trajectories.js';
import { api } from '../../api.js';
import { ActionFeedback, useAction, useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Button, FormField, FormFieldDescription, FormLabel, Heading2, Paragraph, Select, SelectOption, Textbox } from '../../ui/nlds.js';
import { documentEndpoints, problemMessages, uploadFile } from './endpoints.js';
import { formatDay, formatSize, typeKey } from './format.js';
import './documents.css';
import { ShareWithParentToggle, useSharedWithParent } from '../portal/ShareWithParent.js';

type Props = { dossier: TTrajectoryDossier; canWrite: boolean; reason?: string; onChanged: () => void };
type Bilingual = { nl: string; en: string };
type Template = { id: TLetterTemplateId; title: Bilingual; explanation: Bilingual };
type LetterSummary = Pick<TLetter, 'id' | 'title' | 'status' | 'currentVersion' | 'updatedAt'>;
const pick = (b: Bilingual, lang: string) => (lang === 'en' ? b.en : b.nl);

/** Upload: a big file target (the phone offers camera and files), kind, title, the letter's date. */
function UploadForm({ trajectoryId, reason, onUploaded }: { trajectoryId: string; reason?: string; onUploaded: (d: TDocument) => void }) {
  const { t, i18n } = useTranslation();
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const fileRef = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<string>('letter_received');
  const [title, setTitle] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    const file = fileRef.current?.files?.[0];
    if (!file) return setProblem(t('documents.upload.noFile'));
    // Said before sending 20 MB over a phone connection; the server refuses it too.
    if (file.size > DOCUMENT_MAX_BYTES) return setProblem(t('documents.upload.tooLarge'));
    if (file.size === 0) return setProblem(t('documents.upload.empty'));
    void action.run(async () => {
      const meta = { kind, title: (title.trim() || file.name).slice(0, 200), fileName: file.name.slice(-200), receivedOn: receivedOn || undefined };
      const doc = await uploadFile<TDocument>(documentEndpoints.upload(trajectoryId, meta, reason), file, i18n.language);
      setTitle('');
      setReceivedOn('');
      if (fileRef.current) fileRef.current.value = '';
      onUploaded(doc);
      return t('documents.upload.done', { title: doc.title });
    });
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${uid}-title`}>
      <h3 className="utrecht-heading-3" id={`${uid}-title`}>
        {t('documents.upload.title')}
      </h3>
      {problem ? (
        <div role="alert" className="utrecht-alert utrecht-alert--error">
          <Paragraph>{problem}</Paragraph>
        </div>
      ) : null}
      <FormField>
        <FormLabel htmlFor={`${uid}-file`}>{t('documents.upload.file')}</FormLabel>
        <FormFieldDescription id={`${uid}-file-hint`}>{t('documents.upload.fileHint')}</FormFieldDescription>
        <input ref={fileRef} id={`${uid}-file`} name="file" type="file" className="naast-doc-file" aria-describedby={`${uid}-file-hint`} accept=".pdf,.png,.jpg,.jpeg,.docx,application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
      </FormField>
      <FormField>
        <FormLabel htmlFor={`${uid}-kind`}>{t('documents.upload.kind')}</FormLabel>
        <Select id={`${uid}-kind`} value={kind} onChange={(e: ChangeEvent<HTMLSelectElement>) => setKind(e.target.value)}>
          {DOCUMENT_KINDS.map((k) => (
            <SelectOption key={k} value={k}>
              {t(`documents.kinds.${k}`)}
            </SelectOption>
          ))}
        </Select>
      </FormField>
      <FormField>
        <FormLabel htmlFor={`${uid}-name`}>{t('documents.upload.name')}</FormLabel>
        <FormFieldDescription id={`${uid}-name-hint`}>{t('documents.upload.nameHint')}</FormFieldDescription>
        <Textbox id={`${uid}-name`} value={title} maxLength={200} aria-describedby={`${uid}-name-hint`} onChange={(e: ChangeEvent<HTMLInputElement>) => setTitle(e.target.value)} />
      </FormField>
      <FormField>
        <FormLabel htmlFor={`${uid}-date`}>{t('documents.upload.receivedOn')}</FormLabel>
        <FormFieldDescription id={`${uid}-date-hint`}>{t('documents.upload.receivedOnHint')}</FormFieldDescription>
        <Textbox id={`${uid}-date`} type="date" value={receivedOn} aria-describedby={`${uid}-date-hint`} onChange={(e: ChangeEvent<HTMLInputElement>) => setReceivedOn(e.target.value)} />
      </FormField>
      <ActionFeedback action={action} />
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={action.isBusy()}>
          {t('documents.upload.submit')}
        </Button>
      </div>
    </form>
  );
}

function DocumentItem({ d, trajectoryId, reason, canWrite, onDeleted, share }: { d: TDocument; trajectoryId: string; reason?: string; canWrite: boolean; onDeleted: () => void; share?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  return (
    <li>
      <Paragraph>
        <strong>{d.title}</strong>
      </Paragraph>
      <Paragraph className="naast-doc-meta">
        {t(`documents.kinds.${d.kind}`)} · {t(`documents.types.${typeKey(d.mimeType)}`)} · {formatSize(d.sizeBytes, i18n.language)} · {t('documents.addedOn', { date: formatDay(d.createdAt, i18n.language) })}
        {d.receivedOn ? ` · ${t('documents.receivedOn', { date: formatDay(d.receivedOn, i18n.language) })}` : ''}
      </Paragraph>
      <div className="naast-actions">
        <a className="utrecht-link utrecht-button utrecht-button--secondary-action" href={documentEndpoints.download(trajectoryId, d.id, reason)} download>
          {t('documents.download', { title: d.title })}
        </a>
        {share}
        {canWrite && !confirming ? (
          <Button appearance="subtle-button" onClick={() => setConfirming(true)}>
            {t('documents.delete', { title: d.title })}
          </Button>
        ) : null}
      </div>
      {confirming ? (
        <div className="naast-confirm" role="group" aria-label={t('documents.confirmLabel', { title: d.title })}>
          <Paragraph>
            <strong>{t('documents.confirmQuestion', { title: d.title })}</strong>
          </Paragraph>
          <ActionFeedback action={action} />
          <div className="naast-actions">
            <Button
              appearance="primary-action-button"
              busy={action.isBusy()}
              onClick={() =>
                void action.run(async () => {
                  await api('DELETE', documentEndpoints.remove(trajectoryId, d.id, reason));
                  onDeleted();
                })
              }
            >
              {t('documents.confirmYes')}
            </Button>
            <Button appearance="secondary-action-button" onClick={() => setConfirming(false)}>
              {t('documents.confirmNo')}
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

/** "Brief schrijven": choose a template (each with its explanation); the letter is filled from the dossier and opens in the editor. */
function NewLetter({ trajectoryId, reason }: { trajectoryId: string; reason?: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const templates = useLoad(() => api<{ items: Template[] }>('GET', documentEndpoints.templates()), []);
  const [choice, setChoice] = useState<TLetterTemplateId | ''>('');
  const [open, setOpen] = useState(false);
  const action = useAction();
  if (!open)
    return (
      <div className="naast-actions">
        <Button appearance="primary-action-button" onClick={() => setOpen(true)}>
          {t('letters.new.open')}
        </Button>
      </div>
    );
  const missing = problemMessages(action.error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!choice) return;
        void action.run(async () => {
          const letter = await api<TLetter>('POST', documentEndpoints.letters(trajectoryId, reason), { template: choice });
          void navigate(`/trajecten/${trajectoryId}/brieven/${letter.id}`);
        });
      }}
    >
      {templates.error ? <LoadError error={templates.error} onRetry={templates.reload} /> : null}
      <fieldset className="naast-doc-templates">
        <legend className="utrecht-form-label">{t('letters.new.choose')}</legend>
        {templates.data?.items.map((tpl) => (
          <div className="naast-doc-template" key={tpl.id}>
            <input type="radio" id={`${uid}-${tpl.id}`} name={`${uid}-template`} value={tpl.id} checked={choice === tpl.id} onChange={() => setChoice(tpl.id)} aria-describedby={`${uid}-${tpl.id}-hint`} />
            <div>
              <label htmlFor={`${uid}-${tpl.id}`}>
                <strong>{pick(tpl.title, i18n.language)}</strong>
              </label>
              <p className="utrecht-paragraph" id={`${uid}-${tpl.id}-hint`}>
                {pick(tpl.explanation, i18n.language)}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <Paragraph>{t('letters.new.noAdvice')}</Paragraph>
      <ActionFeedback action={action} />
      {missing.length ? (
        <ul className="utrecht-unordered-list">
          {missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={action.isBusy()} disabled={!choice}>
          {t('letters.new.create')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => setOpen(false)}>
          {t('letters.new.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** The dossier's section "Documenten en brieven": uploaded letters and reports, and letters written with the parent. */
export function DocumentsSection({ dossier, canWrite, reason }: Props) {
  const { t, i18n } = useTranslation();
  const tid = dossier.trajectory.id;
  const open = canWrite && dossier.trajectory.phase !== 'ended';
  const docs = useLoad(() => api<{ items: TDocument[] }>('GET', documentEndpoints.list(tid, reason)), [tid, reason, dossier]);
  const letters = useLoad(() => api<{ items: LetterSummary[] }>('GET', documentEndpoints.letters(tid, reason)), [tid, reason, dossier]);
  const shared = useSharedWithParent(tid, reason); // issue 6: what the parent sees in the portal
  return (
    <section aria-labelledby="dossier-documents" className="naast-card">
      <Heading2 id="dossier-documents">{t('documents.section.title')}</Heading2>
      <Paragraph>{t('documents.section.intro')}</Paragraph>
      {docs.error ? <LoadError error={docs.error} onRetry={docs.reload} /> : null}
      {docs.data ? (
        docs.data.items.length === 0 ? (
          <Paragraph>{t('documents.section.none')}</Paragraph>
        ) : (
          <ul className="naast-doc-list" aria-label={t('documents.section.listLabel')}>
            {docs.data.items.map((d) => (
              <DocumentItem key={d.id} d={d} trajectoryId={tid} reason={reason} canWrite={open} onDeleted={docs.reload} share={open ? <ShareWithParentToggle kind="documents" trajectoryId={tid} itemId={d.id} title={d.title} reason={reason} state={shared} /> : null} />
            ))}
          </ul>
        )
      ) : null}
      {open ? <UploadForm trajectoryId={tid} reason={reason} onUploaded={() => docs.reload()} /> : null}

      <h3 className="utrecht-heading-3">{t('letters.section.title')}</h3>
      <Paragraph>{t('letters.section.intro')}</Paragraph>
      {letters.error ? <LoadError error={letters.error} onRetry={letters.reload} /> : null}
      {letters.data && letters.data.items.length > 0 ? (
        <ul className="naast-doc-list" aria-label={t('letters.section.listLabel')}>
          {letters.data.items.map((l) => (
            <li key={l.id}>
              <RouterLink className="utrecht-link" to={`/trajecten/${tid}/brieven/${l.id}`}>
                {l.title}
              </RouterLink>
              <Paragraph className="naast-doc-meta">
                {t(`letters.status.${l.status}`)} · {t('letters.versionN', { version: l.currentVersion })} · {formatDay(l.updatedAt, i18n.language)}
              </Paragraph>
              {open ? <ShareWithParentToggle kind="letters" trajectoryId={tid} itemId={l.id} title={l.title} reason={reason} state={shared} /> : null}
            </li>
          ))}
        </ul>
      ) : letters.data ? (
        <Paragraph>{t('letters.section.none')}</Paragraph>
      ) : null}
      {open ? <NewLetter trajectoryId={tid} reason={reason} /> : null}
    </section>
  );
}
