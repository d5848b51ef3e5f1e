// English and Welsh labels. Every visible string goes through translate(); all strings live in
// i18n/en.json and i18n/cy.json (bundled by esbuild). Keys missing in Welsh fall back to English.
import en from './i18n/en.json';
import cy from './i18n/cy.json';

export const strings = { en, cy };

export const languages = ['en', 'cy'];

export function translate(lang, key, values = {}) {
  const table = strings[lang] ?? strings.en;
  const template = table[key] ?? strings.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** A catalogue text ({en, cy}) in the current language. */
export function localized(text, lang) {
  if (!text) return '';
  return text[lang] ?? text.en ?? '';
}
