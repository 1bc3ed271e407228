import { useTranslation } from 'react-i18next';
import type { TSignal } from '../../../shared/trajectories.js';
import { signalText } from './labels.js';

function AttentionIcon() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" className="naast-signal__icon">
      <path fill="currentColor" d="M12 2 1 21h22L12 2zm0 5 7.5 12h-15L12 7zm-1 4v4h2v-4h-2zm0 5v2h2v-2h-2z" />
    </svg>
  );
}

/** Signals (aandachtspunten) in words with an icon, never a colour alone; nothing when there are none. */
export function Signals({ signals, none }: { signals: readonly TSignal[]; none?: string }) {
  const { t } = useTranslation();
  if (signals.length === 0) return none ? <span>{none}</span> : null;
  return (
    <ul className="naast-signals">
      {signals.map((s) => (
        <li key={s} className="naast-signal">
          <AttentionIcon />
          <span>{signalText(t, s)}</span>
        </li>
      ))}
    </ul>
  );
}
