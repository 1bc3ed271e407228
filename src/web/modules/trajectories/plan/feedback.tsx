import { useEffect, useRef, useState } from 'react';
import { Notice } from '../../../ui/data.js';

/**
 * A section's confirmation after a save: said in a live region and focused, so it is read out even
 * though the form that was used has closed.
 */
export function useAnnounce() {
  const [notice, setNotice] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (notice) requestAnimationFrame(() => ref.current?.focus());
  }, [notice]);
  const region = (
    <div ref={ref} tabIndex={-1} className="naast-plan-feedback" aria-live="polite">
      {notice ? <Notice>{notice}</Notice> : null}
    </div>
  );
  return { announce: setNotice, region };
}
