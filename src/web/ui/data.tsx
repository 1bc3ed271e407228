import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { LoadError } from './form.js';
import { Alert, Button, Paragraph } from './nlds.js';

/** Loads data on mount (and on reload()); never leaves the page blank: loading, error and data states. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; loading: boolean; reload: () => void; setData: (d: T) => void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    load().then(
      (d) => {
        if (cancelled) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (cancelled) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [...deps, tick]);
  // Data handed in (a save's answer, a retry with a reason) replaces a failed load too.
  const replace = useCallback((d: T) => {
    setData(d);
    setError(null);
  }, []);
  return { data, error, loading, reload: useCallback(() => setTick((x) => x + 1), []), setData: replace };
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedList<T> {
  items: T[];
  hasMore: boolean;
  loadMore: () => void;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  reload: () => void;
}

/** A cursor-paginated list with "load more". `query` is the querystring without cursor; a new `version` reloads. */
export function usePagedList<T>(path: string, query: Record<string, string | undefined>, version = 0): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const key = JSON.stringify([path, query, version]);
  const generation = useRef(0);

  const url = useCallback(
    (cursor?: string) => {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v) qs.set(k, v);
      if (cursor) qs.set('cursor', cursor);
      const s = qs.toString();
      return s ? `${path}?${s}` : path;
    },
    [key],
  );

  const reload = useCallback(() => {
    const gen = ++generation.current;
    setLoading(true);
    api<Page<T>>('GET', url()).then(
      (p) => {
        if (gen !== generation.current) return;
        setItems(p.items);
        setNext(p.nextCursor);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (gen !== generation.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, [url]);

  useEffect(() => reload(), [reload]);

  const loadMore = useCallback(() => {
    if (!next) return;
    const gen = generation.current;
    setLoadingMore(true);
    api<Page<T>>('GET', url(next)).then(
      (p) => {
        if (gen !== generation.current) return;
        setItems((xs) => [...xs, ...p.items]);
        setNext(p.nextCursor);
        setLoadingMore(false);
      },
      (e: unknown) => {
        setError(e);
        setLoadingMore(false);
      },
    );
  }, [next, url]);

  return { items, hasMore: !!next, loadMore, loading, loadingMore, error, reload };
}

export function LoadMore({ hasMore, busy, onClick, shown }: { hasMore: boolean; busy: boolean; onClick: () => void; shown: number }) {
  const { t } = useTranslation();
  return (
    <div className="naast-actions">
      <Paragraph aria-live="polite">{t('common.shown', { count: shown })}</Paragraph>
      {hasMore ? (
        <Button appearance="secondary-action-button" busy={busy} onClick={onClick}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </div>
  );
}

/**
 * A button's action: which one is busy (a key, e.g. a row id), its error and a confirmation, both
 * cleared when the next action starts. `run` shows the text the action returns as the confirmation.
 */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<string | void>, key = 'action') => {
    setBusy(key);
    setError(null);
    setNotice(null);
    try {
      const done = await action();
      if (done) setNotice(done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, isBusy: (key = 'action') => busy === key, error, notice, setNotice, run };
}

/** The confirmation or error of the last action (see useAction). */
export function ActionFeedback({ action }: { action: { notice: string | null; error: unknown } }) {
  return (
    <>
      {action.notice ? <Notice>{action.notice}</Notice> : null}
      {action.error ? <LoadError error={action.error} /> : null}
    </>
  );
}

/** A short confirmation after an action, read out by screen readers. */
export function Notice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <Alert type="ok">
      <Paragraph>{children}</Paragraph>
    </Alert>
  );
}

/** Empty state: explains what will appear here later. */
export function Empty({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="naast-empty">
      <Paragraph>
        <strong>{title}</strong>
      </Paragraph>
      {children}
    </div>
  );
}
