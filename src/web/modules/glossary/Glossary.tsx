import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { foldText, searchGlossary, type TGlossaryLang, type TGlossaryTerm } from '../../../shared/glossary.js';
import { Page } from '../../shell/Page.js';
import { Empty } from '../../ui/data.js';
import { Button, FormField, FormFieldDescription, FormLabel, Heading2, Paragraph, Textbox } from '../../ui/nlds.js';
import './glossary.css';

/** The first letter a term is filed under (accents off: É under E). */
const letterOf = (term: string) => (foldText(term)[0] ?? '#').toUpperCase();

function Entries({ terms, lang, current }: { terms: TGlossaryTerm[]; lang: TGlossaryLang; current: string }) {
  const { t } = useTranslation();
  return (
    <dl className="naast-glossary-list">
      {terms.map((term) => (
        <div key={term.id}>
          {/* The id is the anchor others link to: /woordenlijst#ots. */}
          <dt id={term.id} tabIndex={-1} className={current === term.id ? 'naast-current' : undefined}>
            <dfn>{term[lang].term}</dfn>
          </dt>
          <dd>
            {term[lang].explanation}
            {lang !== 'nl' ? (
              <>
                {' '}
                <span className="naast-glossary-dutch">
                  {t('glossary.dutch')} <span lang="nl">{term.nl.term}</span>
                </span>
              </>
            ) : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * /woordenlijst, for everyone (signed in or not): a search box that filters as you type, the terms
 * A–Z (ranked when searching) in the current language, and an anchor per term for deep links.
 * Everything comes from the shared data in this lazy chunk: no request per keystroke.
 */
export default function Glossary() {
  const { t, i18n } = useTranslation();
  const lang: TGlossaryLang = i18n.language === 'en' ? 'en' : 'nl';
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(() => params.get('q') ?? '');
  const location = useLocation();
  const input = useRef<HTMLInputElement>(null);
  const hash = decodeURIComponent(location.hash.slice(1));
  const searching = foldText(q) !== '';
  const results = useMemo(() => searchGlossary(q, lang), [q, lang]);

  const groups = useMemo(() => {
    const out = new Map<string, TGlossaryTerm[]>();
    for (const term of results) {
      const letter = letterOf(term[lang].term);
      out.set(letter, [...(out.get(letter) ?? []), term]);
    }
    return [...out];
  }, [results, lang]);

  // A deep link (/woordenlijst#ots, or a letter): bring that entry into view and give it focus,
  // after the page's own focus on its heading.
  useEffect(() => {
    if (!hash) return;
    const el = document.getElementById(hash);
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    el.focus({ preventScroll: true });
  }, [hash]);

  function change(value: string) {
    setQ(value);
    // The search is part of the address, so it survives a reload and can be shared.
    setParams(value.trim() ? { q: value } : {}, { replace: true });
  }

  return (
    <Page title={t('glossary.title')}>
      <Paragraph>{t('glossary.intro')}</Paragraph>
      <form role="search" className="naast-glossary-search" onSubmit={(e) => e.preventDefault()}>
        <FormField
          type="text"
          label={<FormLabel htmlFor="glossary-q">{t('glossary.searchLabel')}</FormLabel>}
          description={<FormFieldDescription id="glossary-q-hint">{t('glossary.searchHint')}</FormFieldDescription>}
          input={
            <Textbox
              ref={input}
              id="glossary-q"
              name="q"
              type="search"
              autoComplete="off"
              spellCheck={false}
              maxLength={100}
              aria-describedby="glossary-q-hint"
              value={q}
              onChange={(e: ChangeEvent<HTMLInputElement>) => change(e.currentTarget.value)}
            />
          }
        />
      </form>
      <p role="status" className="naast-glossary-count">
        {searching ? t('glossary.count', { count: results.length }) : ''}
      </p>
      <Paragraph>
        <small>{t('glossary.disclaimer')}</small>
      </Paragraph>

      {results.length === 0 ? (
        <Empty title={t('glossary.emptyTitle')}>
          <Paragraph>{t('glossary.emptyText')}</Paragraph>
          <Button
            appearance="secondary-action-button"
            onClick={() => {
              change('');
              input.current?.focus();
            }}
          >
            {t('glossary.showAll')}
          </Button>
        </Empty>
      ) : searching ? (
        <Entries terms={results} lang={lang} current={hash} />
      ) : (
        <>
          <nav className="naast-glossary-letters" aria-label={t('glossary.letters')}>
            <ul>
              {groups.map(([letter]) => (
                <li key={letter}>
                  <a className="utrecht-link" href={`#letter-${letter.toLowerCase()}`}>
                    {letter}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {groups.map(([letter, terms]) => (
            <section key={letter} aria-labelledby={`letter-${letter.toLowerCase()}`}>
              <Heading2 id={`letter-${letter.toLowerCase()}`} className="naast-glossary-letter" tabIndex={-1}>
                {letter}
              </Heading2>
              <Entries terms={terms} lang={lang} current={hash} />
            </section>
          ))}
        </>
      )}
    </Page>
  );
}
