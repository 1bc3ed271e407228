import { describe, expect, it } from 'vitest';
import { addMessages, t } from './index.js';

describe('server messages', () => {
  it('a module may repeat a key with the same text, never with another one', () => {
    addMessages('nl', { 'test.i18n.same': 'Eén tekst voor {name}' });
    addMessages('nl', { 'test.i18n.same': 'Eén tekst voor {name}' });
    expect(t('nl', 'test.i18n.same', { name: 'Sanne' })).toBe('Eén tekst voor Sanne');
    expect(() => addMessages('nl', { 'test.i18n.same': 'Een andere tekst' })).toThrow(/defined twice/);
    expect(t('nl', 'test.i18n.same', { name: 'Sanne' })).toBe('Eén tekst voor Sanne');
  });

  it('English falls back to Dutch, and an unknown key to the key itself', () => {
    addMessages('nl', { 'test.i18n.only_nl': 'Alleen Nederlands' });
    expect(t('en', 'test.i18n.only_nl')).toBe('Alleen Nederlands');
    expect(t('en', 'test.i18n.unknown')).toBe('test.i18n.unknown');
  });
});
