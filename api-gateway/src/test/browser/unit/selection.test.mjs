import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './ui-modules.mjs';

const { checkFiles, relativeName, mediaTypeOf, describeTypes, acceptAttribute, nameProblem, isClutter } = await load('selection.js');

const TYPES = ['image/jpeg', 'image/png', 'image/tiff', 'image/bmp', 'image/webp'];
const limits = { maxFiles: 3, maxFileBytes: 1000, acceptedTypes: TYPES };
const file = (name, size = 10, extra = {}) => ({ name, size, type: '', webkitRelativePath: '', ...extra });
const names = (list) => list.map((a) => a.name);

describe('file selection', () => {
  it('accepts images within the limits under their folder paths, typed by their extension', () => {
    const { accepted, refused } = checkFiles(
      [file('a.jpg', 10, { webkitRelativePath: 'cam1/a.jpg' }), file('b.JPG', 20, { relativePath: '/cam2/b.JPG' }), file('c.TiFf', 5, { type: 'application/octet-stream' })],
      limits);
    assert.deepEqual(accepted.map((a) => [a.name, a.size, a.type]),
      [['cam1/a.jpg', 10, 'image/jpeg'], ['cam2/b.JPG', 20, 'image/jpeg'], ['c.TiFf', 5, 'image/tiff']]);
    assert.deepEqual(refused, []);
  });

  it('refuses what the server would refuse, each with a reason', () => {
    const { accepted, refused } = checkFiles([
      file('notes.txt'),
      file('raw.cr2'),
      file('IMG_0001', 10, { type: 'image/jpeg' }),
      file('old.jpe'),
      file('anim.gif'),
      file('empty.jpg', 0),
      file('big.jpg', 1001),
      file('a.jpg'),
      file('b.png'),
      file('back\\slash.jpg'),
      file('c.tif'),
      file('d.webp'),
    ], limits, ['a.jpg']);
    assert.deepEqual(names(accepted), ['b.png', 'c.tif']);
    const notNamed = 'not named as an image: Biotrack reads files ending in .jpg, .jpeg, .png, .tif, .tiff, .bmp or .webp (any case)';
    assert.deepEqual(refused, [
      { name: 'notes.txt', reason: notNamed },
      { name: 'raw.cr2', reason: notNamed },
      { name: 'IMG_0001', reason: notNamed },
      { name: 'old.jpe', reason: notNamed },
      { name: 'anim.gif', reason: 'a GIF image, which this server does not take (it takes JPEG, PNG, TIFF, BMP or WebP)' },
      { name: 'empty.jpg', reason: 'the file is empty' },
      { name: 'big.jpg', reason: '1001 B is over the limit of 1000 B per image' },
      { name: 'a.jpg', reason: 'already chosen' },
      { name: 'back\\slash.jpg', reason: 'the name contains a backslash' },
      { name: 'd.webp', reason: 'over the limit of 3 images per job' },
    ]);
  });

  it('takes GIF and AVIF by name where the server reads them', () => {
    const wide = { ...limits, acceptedTypes: [...TYPES, 'image/gif', 'image/avif'] };
    assert.deepEqual(names(checkFiles([file('a.gif'), file('b.AVIF')], wide).accepted), ['a.gif', 'b.AVIF']);
  });

  it('refuses a name that is also the folder of another, either way round', () => {
    const { accepted, refused } = checkFiles([file('d.jpg'), file('e.jpg', 10, { relativePath: 'd.jpg/e.jpg' })], { ...limits, maxFiles: 10 });
    assert.deepEqual(names(accepted), ['d.jpg']);
    assert.deepEqual(refused, [{ name: 'd.jpg/e.jpg', reason: 'a folder on its path has the name of another chosen file' }]);
    const other = checkFiles([file('d.jpg')], limits, ['d.jpg/e.jpg']);
    assert.deepEqual(other.refused, [{ name: 'd.jpg', reason: 'another chosen file lies in a folder of this name' }]);
  });

  it('leaves hidden files and folders and desktop clutter out without a message, and counts them', () => {
    const { accepted, refused, skipped } = checkFiles([
      file('.DS_Store'),
      file('Thumbs.db', 5, { webkitRelativePath: 'cam/Thumbs.db' }),
      file('._IMG_0001.JPG'),
      file('IMG_0002.JPG', 5, { webkitRelativePath: 'cam/.thumbnails/IMG_0002.JPG' }),
      file('desktop.ini'),
    ], limits);
    assert.deepEqual([accepted, refused, skipped], [[], [], 5]);
    assert.equal(isClutter('cam/IMG_0001.JPG'), false);
  });

  it('checks names as the server does (FileNames)', () => {
    assert.equal(nameProblem('cam1/IMG_0001.JPG'), null);
    assert.equal(nameProblem('a\u0007.jpg'), 'the name contains a control character');
    assert.match(nameProblem('evil\u202Egpj.exe.jpg'), /U\+202E/);
    assert.equal(nameProblem('a//b.jpg'), 'the path has an empty, "." or ".." folder name');
    assert.match(nameProblem(`${'x'.repeat(252)}.jpg`), /longer than 255 bytes/);
    assert.equal(nameProblem(`${'x'.repeat(251)}.jpg`), null);
    assert.match(nameProblem(`${'abc/'.repeat(260)}x.jpg`), /longer than 1024 bytes/);
  });

  it('knows image types by extension and describes the accepted ones', () => {
    assert.equal(mediaTypeOf('x.JPEG'), 'image/jpeg');
    assert.equal(mediaTypeOf('cam.tiff/x.tiff'), 'image/tiff');
    assert.equal(mediaTypeOf('cam.jpg/x'), '');
    assert.equal(relativeName(file('x.jpg')), 'x.jpg');
    assert.equal(describeTypes(['image/jpeg']), 'JPEG');
    assert.equal(acceptAttribute(['image/png']), 'image/png,.png');
  });

  it('checks a season of 50,000 files at once', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => file(`IMG_${i}.JPG`, 100, { webkitRelativePath: `season/cam${i % 20}/IMG_${i}.JPG` }));
    const started = performance.now();
    const { accepted, refused } = checkFiles(many, { ...limits, maxFiles: 100_000 });
    assert.equal(accepted.length, 50_000);
    assert.equal(refused.length, 0);
    assert.ok(performance.now() - started < 10_000);
  });
});
