import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './ui-modules.mjs';

const { checkFiles, relativeName, mediaTypeOf, describeTypes, acceptAttribute } = await load('selection.js');

const limits = { maxFiles: 3, maxFileBytes: 1000, acceptedTypes: ['image/jpeg', 'image/png', 'image/tiff', 'image/bmp', 'image/webp'] };
const file = (name, size = 10, type = 'image/jpeg', extra = {}) => ({ name, size, type, webkitRelativePath: '', ...extra });

describe('file selection', () => {
  it('accepts images within the limits under their folder paths', () => {
    const { accepted, refused } = checkFiles(
      [file('a.jpg', 10, 'image/jpeg', { webkitRelativePath: 'cam1/a.jpg' }), file('b.JPG', 20, '', { relativePath: '/cam2/b.JPG' })], limits);
    assert.deepEqual(accepted.map((a) => [a.name, a.size, a.type]), [['cam1/a.jpg', 10, 'image/jpeg'], ['cam2/b.JPG', 20, 'image/jpeg']]);
    assert.deepEqual(refused, []);
  });

  it('refuses non-images, empty and oversize files, duplicates and files over the count, each with a reason', () => {
    const { accepted, refused } = checkFiles([
      file('notes.txt', 5, 'text/plain'),
      file('raw.cr2', 5, ''),
      file('empty.jpg', 0),
      file('big.jpg', 1001),
      file('a.jpg'),
      file('b.png', 10, 'image/png'),
      file('c.tif', 10, ''),
      file('d.webp', 10, 'image/webp'),
    ], limits, ['a.jpg']);
    assert.deepEqual(accepted.map((a) => a.name), ['b.png', 'c.tif']);
    assert.deepEqual(refused, [
      { name: 'notes.txt', reason: 'not an image this platform reads (JPEG, PNG, TIFF, BMP or WebP)' },
      { name: 'raw.cr2', reason: 'not an image this platform reads (JPEG, PNG, TIFF, BMP or WebP)' },
      { name: 'empty.jpg', reason: 'the file is empty' },
      { name: 'big.jpg', reason: '1001 B is over the limit of 1000 B per image' },
      { name: 'a.jpg', reason: 'already chosen' },
      { name: 'd.webp', reason: 'over the limit of 3 images per job' },
    ]);
  });

  it('leaves hidden files and desktop clutter out without a message', () => {
    const { accepted, refused } = checkFiles([file('.DS_Store', 5, ''), file('Thumbs.db', 5, '', { webkitRelativePath: 'cam/Thumbs.db' })], limits);
    assert.deepEqual([accepted, refused], [[], []]);
  });

  it('knows image types by extension when the browser does not say', () => {
    assert.equal(mediaTypeOf(file('x.JPEG', 1, '')), 'image/jpeg');
    assert.equal(mediaTypeOf(file('x.tiff', 1, '')), 'image/tiff');
    assert.equal(mediaTypeOf(file('x', 1, '')), '');
    assert.equal(relativeName(file('x.jpg')), 'x.jpg');
    assert.equal(describeTypes(['image/jpeg']), 'JPEG');
    assert.equal(acceptAttribute(['image/png']), 'image/png,.png');
  });
});
