// The UI's language: English or Brazilian Portuguese (the platform's first users wrote in
// Portuguese), chosen from the browser's languages the first time and then by the switch in the
// header, kept in this browser (local storage). Messages are keyed by their English text
// (gettext's way): a text without a translation shows in English, never as a key.

import { PT_BR } from './messages-pt-br.js';

const STORAGE_ITEM = 'biotrack.language';

export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'pt-BR', name: 'Português (Brasil)' },
];

const CATALOGUES = { en: {}, 'pt-BR': PT_BR };

let current = null;

/** The browser's first language Biotrack speaks: pt-BR for any Portuguese, else English. */
export function fromBrowser(languages) {
  for (const language of languages ?? []) {
    const lower = String(language).toLowerCase();
    if (lower.startsWith('pt')) return 'pt-BR';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function language() {
  if (current) return current;
  let stored = null;
  try {
    stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_ITEM);
  } catch {
    // storage refused (private mode): the browser's language
  }
  current = CATALOGUES[stored] ? stored : fromBrowser(typeof navigator === 'undefined' ? [] : navigator.languages);
  return current;
}

/** Switches the language and remembers it; the caller draws the page again. */
export function setLanguage(code) {
  if (!CATALOGUES[code]) return;
  current = code;
  try {
    localStorage.setItem(STORAGE_ITEM, code);
  } catch {
    // kept for this page only
  }
}

/**
 * The text in the current language, with {name} placeholders filled from params:
 * t('{n} of {total} done', {n: 2, total: 6}).
 */
export function t(english, params = {}) {
  const text = CATALOGUES[language()][english] ?? english;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** t() of the singular text for 1 and the plural one otherwise (0 is plural in both languages). */
export function tn(n, singular, plural, params = {}) {
  return t(n === 1 ? singular : plural, { n, ...params });
}
