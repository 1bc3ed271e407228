import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading1 } from '../ui/nlds.js';

let firstPage = true;

/**
 * Every screen's frame: its one h1 and the document title. After a route change the h1 gets focus,
 * so screen readers announce the new page (the first page load keeps the browser's default focus).
 */
export function Page({ title, children, narrow = false }: { title: string; children: ReactNode; narrow?: boolean }) {
  const { t } = useTranslation();
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else h1.current?.focus({ preventScroll: false });
  }, []);
  return (
    <div className={narrow ? 'naast-narrow' : undefined}>
      <Heading1 ref={h1} tabIndex={-1}>
        {title}
      </Heading1>
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="naast-loading" role="status">
      {t('common.loading')}
    </p>
  );
}
