import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { findTerms, glossaryTerm, GLOSSARY, type TGlossaryTerm } from '../../../shared/glossary.js';
import './glossary.css';

type Piece = string | { text: string; term: TGlossaryTerm; start: number };

/**
 * The text split into plain pieces and marked terms. Only the first time a term appears is marked:
 * a long report full of underlined OTS'es is harder to read, not easier.
 */
export function markTerms(text: string): Piece[] {
  const pieces: Piece[] = [];
  const seen = new Set<string>();
  let at = 0;
  for (const m of findTerms(text, GLOSSARY)) {
    const term = glossaryTerm(m.termId);
    if (!term || seen.has(term.id)) continue;
    seen.add(term.id);
    if (m.start > at) pieces.push(text.slice(at, m.start));
    pieces.push({ text: text.slice(m.start, m.end), term, start: m.start });
    at = m.end;
  }
  if (at < text.length) pieces.push(text.slice(at));
  return pieces;
}

/**
 * One marked term: a disclosure button (the word itself) that shows the short explanation on tap,
 * click or keyboard focus, and hides it with Escape or when focus leaves. The explanation sits in
 * the flow of the text, so it fits a small screen, and links to the whole entry.
 */
export function TermDisclosure({ term, children, defaultOpen = false }: { term: TGlossaryTerm; children: ReactNode; defaultOpen?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'nl';
  const [open, setOpen] = useState(defaultOpen);
  const noteId = useId();
  const button = useRef<HTMLButtonElement>(null);
  // A pointer press also focuses the button; the click that follows decides, so focus must not open first.
  const pressing = useRef(false);
  // Focus given back by Escape must not open the note again.
  const returning = useRef(false);

  return (
    <span
      className="naast-term"
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) {
          pressing.current = false;
          setOpen(false);
        }
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          returning.current = true;
          button.current?.focus();
          returning.current = false;
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className="naast-term-button"
        aria-expanded={open}
        aria-controls={open ? noteId : undefined}
        onPointerDown={() => {
          pressing.current = true;
        }}
        onFocus={() => {
          if (!pressing.current && !returning.current) setOpen(true);
        }}
        onClick={() => {
          pressing.current = false;
          setOpen((o) => !o);
        }}
      >
        {children}
      </button>
      {/* Only in the page while open: the closed text reads (and copies) exactly as written. */}
      {open ? (
        <span id={noteId} className="naast-term-note">
          <strong>{term[lang].term}</strong>: {term[lang].explanation}{' '}
          <RouterLink className="utrecht-link" to={`/woordenlijst#${term.id}`}>
            {t('glossary.more')}
          </RouterLink>
        </span>
      ) : null}
    </span>
  );
}

/**
 * Free text (a report, a letter, a plan) with the known youth-care terms marked and explained.
 * Line breaks of the text are kept. The terms are found here, from the shared data: no request.
 * Do not put it inside a link or a button (a marked term is a button itself).
 */
export function GlossaryText({ text }: { text: string }) {
  const pieces = useMemo(() => markTerms(text), [text]);
  return (
    <span className="naast-glossary-text">
      {pieces.map((p, i) =>
        typeof p === 'string' ? (
          p
        ) : (
          <TermDisclosure key={`${p.start}-${i}`} term={p.term}>
            {p.text}
          </TermDisclosure>
        ),
      )}
    </span>
  );
}
