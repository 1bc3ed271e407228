/// <reference types="vite/client" />
import nlBase from './nl.json' with { type: 'json' };
import enBase from './en.json' with { type: 'json' };

export type Tree = { [k: string]: string | Tree };

/**
 * The app's texts: the shell's own files plus one pair per module (src/web/modules/<m>/locales/{nl,en}.json),
 * so a module's screens and texts change together. A module owns its top-level keys; two files
 * claiming the same key is a mistake caught here (and by the locale test).
 */
const moduleFiles = import.meta.glob<Tree>('../modules/**/locales/*.json', { eager: true, import: 'default' });

function merge(base: Tree, lang: 'nl' | 'en'): Tree {
  const out: Tree = { ...base };
  for (const [file, tree] of Object.entries(moduleFiles)) {
    if (!file.endsWith(`/${lang}.json`)) continue;
    for (const [k, v] of Object.entries(tree)) {
      if (k in out) throw new Error(`translation key "${k}" is defined twice (${file})`);
      out[k] = v;
    }
  }
  return out;
}

export const nl = merge(nlBase as Tree, 'nl');
export const en = merge(enBase as Tree, 'en');
