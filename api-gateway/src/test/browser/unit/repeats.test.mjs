// Which boxes the viewer strikes through: the server's rule for confirmed repeat groups.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './ui-modules.mjs';

const { folderOf, iou, isSetAside } = await load('repeats.js');

const options = { confidenceMin: 0.1, iou: 0.9, occurrences: 20, maxBoxArea: 0.2 };
const rock = { id: 'a', folder: 'site/cam1', category: 'animal', bbox: [0.3, 0.6, 0.1, 0.05], decision: 'confirmed' };
const d = (conf, bbox, category = '1') => ({ category, conf, bbox });

describe('repeated detections', () => {
  it('a confirmed group sets aside the boxes at its place in its folder, of its category', () => {
    const repeats = { options, locations: [rock] };
    assert.equal(isSetAside('site/cam1/IMG_1.JPG', d(0.4, [0.301, 0.6, 0.1, 0.05]), 'animal', repeats), true);
    assert.equal(isSetAside('site/cam2/IMG_1.JPG', d(0.4, [0.3, 0.6, 0.1, 0.05]), 'animal', repeats), false, 'another folder');
    assert.equal(isSetAside('site/cam1/IMG_1.JPG', d(0.4, [0.3, 0.6, 0.1, 0.05], '2'), 'person', repeats), false, 'another category');
    assert.equal(isSetAside('site/cam1/IMG_1.JPG', d(0.05, [0.3, 0.6, 0.1, 0.05]), 'animal', repeats), false, 'below 0.1');
    assert.equal(isSetAside('site/cam1/IMG_1.JPG', d(0.9, [0.5, 0.1, 0.1, 0.1]), 'animal', repeats), false, 'elsewhere');
  });

  it('rejected and undecided groups set nothing aside', () => {
    for (const decision of ['rejected', null]) {
      const repeats = { options, locations: [{ ...rock, decision }] };
      assert.equal(isSetAside('site/cam1/x.jpg', d(0.4, rock.bbox), 'animal', repeats), false);
    }
    assert.equal(isSetAside('site/cam1/x.jpg', d(0.4, rock.bbox), 'animal', null), false);
  });

  it('folders and IoU as the server computes them', () => {
    assert.equal(folderOf('a/b/c.jpg'), 'a/b');
    assert.equal(folderOf('c.jpg'), '');
    assert.equal(iou([0, 0, 0.5, 0.5], [0, 0, 0.5, 0.5]), 1);
    assert.equal(iou([0, 0, 0.5, 0.5], [0.5, 0.5, 0.5, 0.5]), 0);
  });
});
