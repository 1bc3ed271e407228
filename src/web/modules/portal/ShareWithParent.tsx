import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSharedWithParent } from '../../../shared/portal.js';
import { api } from '../../api.js';
import { LoadError } from '../../ui/form.js';
import { Button } from '../../ui/nlds.js';

const q = (reason?: string) => (reason ? `?${new URLSearchParams({ reason })}` : '');

/** Which documents and letters of a trajectory the parent sees (one request for the whole section). */
export function useSharedWithParent(trajectoryId: string, reason?: string) {
  const [shared, setShared] = useState<Map<string, string | null>>(new Map());
  useEffect(() => {
    let cancelled = false;
    api<TSharedWithParent>('GET', `/trajectories/${encodeURIComponent(trajectoryId)}/shared-with-parent${q(reason)}`).then(
      (d) => {
        if (!cancelled) setShared(new Map([...d.documents, ...d.letters].map((x) => [x.id, x.sharedWithParentAt])));
      },
      () => undefined, // The toggles then start as "not shown"; the section's own load shows errors.
    );
    return () => {
      cancelled = true;
    };
  }, [trajectoryId, reason]);
  const set = useCallback((id: string, at: string | null) => setShared((m) => new Map(m).set(id, at)), []);
  return { isShared: (id: string) => !!shared.get(id), set };
}

/** Issue 6: "Laat de ouder dit zien" / "Niet meer laten zien" for one document or letter. */
export function ShareWithParentToggle({
  kind,
  trajectoryId,
  itemId,
  title,
  reason,
  state,
}: {
  kind: 'documents' | 'letters';
  trajectoryId: string;
  itemId: string;
  title: string;
  reason?: string;
  state: ReturnType<typeof useSharedWithParent>;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const shared = state.isShared(itemId);
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ id: string; sharedWithParentAt: string | null }>(
        'POST',
        `/trajectories/${encodeURIComponent(trajectoryId)}/${kind}/${encodeURIComponent(itemId)}/share-with-parent${q(reason)}`,
        { shared: !shared },
      );
      state.set(itemId, r.sharedWithParentAt);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button appearance="secondary-action-button" busy={busy} aria-pressed={shared} onClick={() => void toggle()}>
        {shared ? t('parentPortal.share.stop', { title }) : t('parentPortal.share.start', { title })}
      </Button>
      {error ? <LoadError error={error} /> : null}
    </>
  );
}
