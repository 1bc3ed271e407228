import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { COMMENT_MAX, SCALE_QUESTIONS, ZQuestionnaireAnswers, type TQuestionnaire, type TScaleQuestion } from '../../../shared/satisfaction.js';
import { api, ApiError } from '../../api.js';
import { Loading, Page } from '../../shell/Page.js';
import { useLoad } from '../../ui/data.js';
import { LoadError } from '../../ui/form.js';
import { Alert, Button, Heading2, Paragraph, Textarea } from '../../ui/nlds.js';
import './satisfaction.css';

type Answers = Partial<Record<TScaleQuestion, number>>;

/** A used, expired or unknown link: one clear sentence in the parent's words, nothing else to do. */
function LinkProblem({ error }: { error: ApiError }) {
  const { t } = useTranslation();
  const key = error.code === 'questionnaire_used' ? 'used' : error.code === 'questionnaire_expired' ? 'expired' : 'unknown';
  return (
    <Page title={t(`satisfaction.${key}.title`)} narrow>
      <Alert type={key === 'used' ? 'ok' : 'warning'}>
        <Paragraph>{t(`satisfaction.${key}.detail`)}</Paragraph>
      </Alert>
    </Page>
  );
}

function Form({ token, q, onDone, onLinkProblem }: { token: string; q: TQuestionnaire; onDone: () => void; onLinkProblem: (e: ApiError) => void }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Answers>({});
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<TScaleQuestion[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const questionText = (id: string) => q.questions.find((x) => x.id === id)?.text ?? id;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const gaps = SCALE_QUESTIONS.filter((k) => answers[k] === undefined);
    setMissing(gaps);
    setError(null);
    const parsed = ZQuestionnaireAnswers.safeParse({ ...answers, comment: comment.trim() || undefined });
    if (gaps.length || !parsed.success) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    try {
      await api('POST', `/public/questionnaire/${encodeURIComponent(token)}`, { answers: parsed.data });
      onDone();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 410 || err.status === 404)) onLinkProblem(err);
      else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label={t('satisfaction.title')}>
      <div ref={summary} tabIndex={-1} className="naast-error-summary">
        {missing.length ? (
          <Alert type="error">
            <Heading2>{t('satisfaction.missing')}</Heading2>
            <ul>
              {missing.map((k) => (
                <li key={k}>
                  <a
                    href={`#q-${k}-1`}
                    onClick={(e) => {
                      e.preventDefault();
                      document.getElementById(`q-${k}-1`)?.focus();
                    }}
                  >
                    {questionText(k)}
                  </a>
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {error ? <LoadError error={error} /> : null}
      </div>
      {SCALE_QUESTIONS.map((k) => (
        <fieldset key={k} className="naast-scale" aria-describedby={missing.includes(k) ? `q-${k}-error` : undefined}>
          <legend>{questionText(k)}</legend>
          {missing.includes(k) ? (
            <p className="naast-scale-error" id={`q-${k}-error`}>
              {t('satisfaction.choose')}
            </p>
          ) : null}
          {q.scale.map((s) => (
            <label key={s.value} className="naast-scale-option" htmlFor={`q-${k}-${s.value}`}>
              <input
                type="radio"
                id={`q-${k}-${s.value}`}
                name={k}
                value={s.value}
                checked={answers[k] === s.value}
                onChange={() => {
                  setAnswers((a) => ({ ...a, [k]: s.value }));
                  setMissing((m) => m.filter((x) => x !== k));
                }}
              />
              <span>{s.label}</span>
            </label>
          ))}
        </fieldset>
      ))}
      <div className="naast-scale">
        <label className="utrecht-form-label" htmlFor="q-comment">
          {questionText('comment')}
        </label>
        <Paragraph id="q-comment-hint">{t('satisfaction.commentHint', { max: COMMENT_MAX })}</Paragraph>
        <Textarea id="q-comment" aria-describedby="q-comment-hint" rows={4} maxLength={COMMENT_MAX} value={comment} onChange={(e: ChangeEvent<HTMLTextAreaElement>) => setComment(e.target.value)} />
      </div>
      <div className="naast-actions">
        <Button type="submit" appearance="primary-action-button" busy={busy}>
          {busy ? t('satisfaction.sending') : t('satisfaction.send')}
        </Button>
      </div>
    </form>
  );
}

/** /tevredenheid/:token — the parent's questionnaire after closing: no account, one short page, works on a phone. */
export default function Questionnaire() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const q = useLoad(() => api<TQuestionnaire>('GET', `/public/questionnaire/${encodeURIComponent(token)}`), [token]);
  const [done, setDone] = useState(false);
  const [linkProblem, setLinkProblem] = useState<ApiError | null>(null);

  if (done) {
    return (
      <Page key="thanks" title={t('satisfaction.thanks.title')} narrow>
        <Alert type="ok">
          <Paragraph>{t('satisfaction.thanks.body')}</Paragraph>
        </Alert>
        <Paragraph>{t('satisfaction.thanks.close')}</Paragraph>
      </Page>
    );
  }
  if (linkProblem) return <LinkProblem error={linkProblem} />;
  if (q.error instanceof ApiError && (q.error.status === 410 || q.error.status === 404)) return <LinkProblem error={q.error} />;
  return (
    <Page key="form" title={t('satisfaction.title')} narrow>
      {q.loading && !q.data ? (
        <Loading />
      ) : q.error || !q.data ? (
        <LoadError error={q.error} onRetry={q.reload} />
      ) : (
        <>
          <Paragraph lead>{t('satisfaction.intro', { org: q.data.organisationName })}</Paragraph>
          <Paragraph>{t('satisfaction.anonymous')}</Paragraph>
          <Form
            token={token}
            q={q.data}
            onLinkProblem={setLinkProblem}
            onDone={() => {
              setDone(true);
              window.scrollTo(0, 0);
            }}
          />
        </>
      )}
    </Page>
  );
}
