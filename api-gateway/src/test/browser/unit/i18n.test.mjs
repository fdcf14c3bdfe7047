// The UI's languages: the choice from the browser's languages and the Portuguese catalogue.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './ui-modules.mjs';

const { fromBrowser, setLanguage, t } = await load('i18n.js');
const { PT_BR } = await load('messages-pt-br.js');

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  it('speaks Portuguese to any Portuguese browser and English otherwise', () => {
    assert.equal(fromBrowser(['pt-BR', 'en']), 'pt-BR');
    assert.equal(fromBrowser(['pt-PT']), 'pt-BR');
    assert.equal(fromBrowser(['PT']), 'pt-BR');
    assert.equal(fromBrowser(['en-GB', 'pt-BR']), 'en');
    assert.equal(fromBrowser(['de-DE', 'pt-BR']), 'pt-BR', 'the first language Biotrack speaks');
    assert.equal(fromBrowser(['de-DE']), 'en');
    assert.equal(fromBrowser([]), 'en');
  });

  it('fills placeholders, and a text without a translation stays English', () => {
    setLanguage('pt-BR');
    assert.equal(t('{n} of {total} images processed ({percent})', { n: 3, total: 12, percent: '25%' }),
      '3 de 12 imagens processadas (25%)');
    assert.equal(t('Delete job'), 'Excluir o trabalho');
    assert.equal(t('A sentence nobody translated, {x}', { x: 1 }), 'A sentence nobody translated, 1');
    setLanguage('en');
    assert.equal(t('Delete job'), 'Delete job');
    assert.equal(t('Page {n}', { n: 2 }), 'Page 2');
  });

  it('every Portuguese text has the placeholders of its English one', () => {
    for (const [english, portuguese] of Object.entries(PT_BR)) {
      assert.deepEqual(placeholders(portuguese), placeholders(english), english);
      assert.ok(portuguese.trim().length > 0, english);
      assert.equal(/\s$/.test(portuguese), /\s$/.test(english), `trailing space kept: ${english}`);
    }
  });
});
