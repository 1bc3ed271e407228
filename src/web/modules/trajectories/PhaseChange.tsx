import { useTranslation } from 'react-i18next';
import { CLOSING_PHASES, OUTCOMES, ZPhaseChangeRequest, type TPhase, type TTrajectoryDossier } from '../../../shared/trajectories.js';
import { api } from '../../api.js';
import { formatDateTime } from '../../i18n.js';
import { ErrorSummary, SelectField, TextAreaField, useForm } from '../../ui/form.js';
import { Button, Paragraph } from '../../ui/nlds.js';
import { GlossaryText } from '../glossary/GlossaryText.js';
import { RadioField } from '../../ui/fields.js';
import { endpoints } from './endpoints.js';
import { outcomeName, phaseName } from './labels.js';

type Dossier = TTrajectoryDossier;

/** Outcome is asked only when closing turns into aftercare or ended (the server requires it then). */
function needsOutcome(from: TPhase, to: TPhase | undefined): boolean {
  return from === 'closing' && !!to && CLOSING_PHASES.includes(to);
}

// The shared request schema, plus the outcome rule the server applies, so the form says it first.
const ZPhaseForm = (from: TPhase) =>
  ZPhaseChangeRequest.superRefine((v, ctx) => {
    if (needsOutcome(from, v.to) && !v.outcome) ctx.addIssue({ code: 'custom', path: ['outcome'], params: { messageKey: 'trajectories.phaseChange.outcomeRequired' } });
  });

/**
 * Moving the trajectory to another phase: only the moves this user may make now (allowedPhases from
 * the server's state machine and policy), always with a reason.
 */
export function PhaseChange({ dossier, reason, onChanged }: { dossier: Dossier; reason?: string; onChanged: (d: Dossier) => void }) {
  const { t } = useTranslation();
  const tr = dossier.trajectory;
  const form = useForm(ZPhaseForm(tr.phase), { to: undefined as TPhase | undefined, reason: '', outcome: undefined as string | undefined }, async (data) => {
    const body = { ...data, outcome: needsOutcome(tr.phase, data.to) ? data.outcome : undefined };
    const updated = await api<Dossier>('POST', endpoints.phase(tr.id, reason), body);
    form.reset({ to: undefined, reason: '', outcome: undefined });
    onChanged(updated);
    return t('trajectories.phaseChange.done', { phase: phaseName(t, updated.trajectory.phase) });
  });
  const allowed = tr.allowedPhases;
  return (
    <>
      <div className="naast-feedback" role="status" aria-live="polite">
        {form.notice ? <p className="naast-done">{form.notice}</p> : null}
      </div>
      {allowed.length === 0 ? (
        <Paragraph>{tr.phase === 'ended' ? t('trajectories.phaseChange.endedText') : t('trajectories.phaseChange.noneAllowed')}</Paragraph>
      ) : (
        <form noValidate onSubmit={form.onSubmit} aria-labelledby="phase-change-heading">
          <h3 id="phase-change-heading" className="utrecht-heading-3">
            {t('trajectories.phaseChange.title')}
          </h3>
          <ErrorSummary form={form} />
          <RadioField
            form={form}
            name="to"
            label={t('trajectories.phaseChange.to')}
            description={t('trajectories.phaseChange.toHint', { phase: phaseName(t, tr.phase) })}
            options={allowed.map((p) => ({ value: p, label: phaseName(t, p), hint: t(`trajectories.phaseHints.${p}`) }))}
          />
          {needsOutcome(tr.phase, form.values.to) ? (
            <SelectField
              form={form}
              name="outcome"
              label={t('trajectories.phaseChange.outcome')}
              description={t('trajectories.phaseChange.outcomeHint')}
              placeholder={t('trajectories.phaseChange.choose')}
              options={OUTCOMES.map((o) => ({ value: o, label: outcomeName(t, o) }))}
            />
          ) : null}
          <TextAreaField form={form} name="reason" label={t('trajectories.phaseChange.reason')} description={t('trajectories.phaseChange.reasonHint')} rows={3} maxLength={2000} />
          <div className="naast-actions">
            <Button type="submit" appearance="primary-action-button" busy={form.busy}>
              {t('trajectories.phaseChange.submit')}
            </Button>
          </div>
        </form>
      )}
      {dossier.phaseEvents.length ? (
        <>
          <h3 className="utrecht-heading-3">{t('trajectories.phaseChange.history')}</h3>
          <ol className="naast-phase-history">
            {[...dossier.phaseEvents].sort((a, b) => b.at.localeCompare(a.at)).map((e) => (
              <li key={e.id}>
                <strong>{e.from ? t('trajectories.phaseChange.fromTo', { from: phaseName(t, e.from), to: phaseName(t, e.to) }) : phaseName(t, e.to)}</strong>
                <span className="naast-phase-history__meta">
                  {' '}
                  – {formatDateTime(e.at)}
                  {e.actorName ? `, ${e.actorName}` : ''}
                </span>
                {e.reason ? (
                  <span className="naast-phase-history__reason">
                    <GlossaryText text={e.reason} />
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}
