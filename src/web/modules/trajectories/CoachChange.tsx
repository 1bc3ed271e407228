import { useTranslation } from 'react-i18next';
import { ZCoachRequest, type TTrajectoryDossier } from '../../../shared/trajectories.js';
import type { TUserSummary } from '../../../shared/users.js';
import { api } from '../../api.js';
import { useLoad } from '../../ui/data.js';
import { ErrorSummary, LoadError, SelectField, useForm } from '../../ui/form.js';
import { Button } from '../../ui/nlds.js';
import { endpoints } from './endpoints.js';

type Dossier = TTrajectoryDossier;

/** Professionals choose the coach (a coordinator) of a trajectory; the server checks the choice again. */
export function CoachChange({ dossier, reason, onChanged }: { dossier: Dossier; reason?: string; onChanged: (d: Dossier) => void }) {
  const { t } = useTranslation();
  const tr = dossier.trajectory;
  const staff = useLoad(() => api<{ items: TUserSummary[] }>('GET', '/users?role=coordinator&status=active&limit=200'), []);
  const form = useForm(ZCoachRequest, { coachUserId: tr.coach?.id ?? '' }, async (data) => {
    const updated = await api<Dossier>('PUT', endpoints.coach(tr.id, reason), data);
    onChanged(updated);
    return t('trajectories.coach.done', { name: updated.trajectory.coach?.name ?? '' });
  });
  if (staff.error) return <LoadError error={staff.error} onRetry={staff.reload} />;
  const options = (staff.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }));
  if (tr.coach && !options.some((o) => o.value === tr.coach!.id)) options.unshift({ value: tr.coach.id, label: tr.coach.name });
  return (
    <form noValidate onSubmit={form.onSubmit} aria-labelledby="coach-heading">
      <h3 id="coach-heading" className="utrecht-heading-3">
        {t('trajectories.coach.title')}
      </h3>
      <div className="naast-feedback" role="status" aria-live="polite">
        {form.notice ? <p className="naast-done">{form.notice}</p> : null}
      </div>
      <ErrorSummary form={form} />
      <SelectField form={form} name="coachUserId" label={t('trajectories.coach.label')} placeholder={t('trajectories.coach.choose')} options={options} />
      <div className="naast-actions">
        <Button type="submit" appearance="secondary-action-button" busy={form.busy}>
          {t('trajectories.coach.submit')}
        </Button>
      </div>
    </form>
  );
}
