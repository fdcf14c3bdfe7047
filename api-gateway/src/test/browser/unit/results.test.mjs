import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './ui-modules.mjs';

const { summarize, isShown, isBoxShown, imageKeys, categoryOf, detectionsAbove, describeFound } = await load('results.js');

const d = (category, conf) => ({ category, conf, bbox: [0.1, 0.1, 0.2, 0.2] });
const results = {
  images: [
    { file: 'a.jpg', detections: [d('1', 0.9), d('2', 0.3)] },
    { file: 'b.jpg', detections: [d('1', 0.1)] },
    { file: 'c.jpg', detections: [] },
    { file: 'd.jpg', failure: 'image access failure', detections: null },
    { file: 'e.jpg', detections: [d('3', 0.25), d('3', 0.6)] },
  ],
};

describe('results', () => {
  it('summarizes images by what they hold at a threshold: an image counts once per category', () => {
    assert.deepEqual(summarize(results, 0.2), { images: 5, animal: 1, person: 1, vehicle: 1, empty: 2, failed: 1, detections: 4 });
    assert.deepEqual(summarize(results, 0.5), { images: 5, animal: 1, person: 0, vehicle: 1, empty: 2, failed: 1, detections: 2 });
    assert.deepEqual(summarize(results, 0), { images: 5, animal: 2, person: 1, vehicle: 1, empty: 1, failed: 1, detections: 5 });
  });

  it('keeps detections at or above the threshold', () => {
    assert.equal(detectionsAbove(results.images[0], 0.3).length, 2);
    assert.equal(detectionsAbove(results.images[0], 0.31).length, 1);
    assert.deepEqual(detectionsAbove(results.images[3], 0), []);
  });

  it('files an image under its categories, or empty, or failed', () => {
    assert.deepEqual([...imageKeys(results.images[0], 0.2)].sort(), ['animal', 'person']);
    assert.deepEqual([...imageKeys(results.images[1], 0.2)], ['empty']);
    assert.deepEqual([...imageKeys(results.images[3], 0.2)], ['failed']);
  });

  it('shows an image when any of its keys is chosen, and a box when its category is chosen', () => {
    const animalsOnly = new Set(['animal']);
    assert.equal(isShown(results.images[0], 0.2, animalsOnly), true);
    assert.equal(isShown(results.images[1], 0.2, animalsOnly), false, 'its animal is below the threshold');
    assert.equal(isShown(results.images[1], 0.05, animalsOnly), true);
    assert.equal(isShown(results.images[2], 0.2, new Set(['empty'])), true);
    assert.equal(isBoxShown(d('2', 0.3), 0.2, animalsOnly), false);
    assert.equal(isBoxShown(d('1', 0.19), 0.2, animalsOnly), false);
    assert.equal(isBoxShown(d('1', 0.2), 0.2, animalsOnly), true);
  });

  it('says what an image holds, with the confidences, highest first', () => {
    assert.equal(describeFound(results.images[0], 0.2), '1 animal (0.90), 1 person (0.30)');
    assert.equal(describeFound(results.images[4], 0.2), '2 vehicles (0.60, 0.25)');
    assert.equal(describeFound({ file: 'x', detections: [0.5, 0.9, 0.7, 0.6].map((c) => d('1', c)) }, 0.2), '4 animals (0.90, 0.70, 0.60, …)');
    assert.equal(describeFound(results.images[1], 0.2), 'empty');
    assert.equal(describeFound(results.images[3], 0.2), 'failed');
  });

  it('names MegaDetector categories and copes with unknown ones', () => {
    assert.equal(categoryOf('2').key, 'person');
    assert.equal(categoryOf('7').label, 'Category 7');
  });
});

describe('species', async () => {
  const { speciesOf, predictionOf, speciesIn, hasSpecies } = await load('results.js');
  const names = { 4: 'red fox', 9: 'white-tailed deer' };
  const classified = (conf, id, score) => ({ ...d('1', conf), classifications: [[id, score], ['0', 0.01]] });
  const fox = { file: 'a.jpg', detections: [classified(0.9, '4', 0.88)], prediction: '4', prediction_score: 0.88 };
  const lowDeer = { file: 'b.jpg', detections: [classified(0.1, '9', 0.7)] };
  const plain = { file: 'c.jpg', detections: [d('1', 0.9)] };

  it("a box's species is its top classification, named by the page's categories (else the id)", () => {
    assert.deepEqual(speciesOf(fox.detections[0], names), { name: 'red fox', score: 0.88 });
    assert.deepEqual(speciesOf(fox.detections[0], {}), { name: '4', score: 0.88 });
    assert.equal(speciesOf(plain.detections[0], names), null);
    assert.deepEqual(predictionOf(fox, new Map(Object.entries(names))), { name: 'red fox', score: 0.88 });
    assert.equal(predictionOf(plain, names), null);
  });

  it('lists the species of the images loaded and filters by one, boxes at the threshold only', () => {
    assert.deepEqual(speciesIn([fox, lowDeer, plain], names), ['red fox', 'white-tailed deer']);
    assert.equal(hasSpecies(plain, null, 0.2, names), true, 'no species chosen: every image');
    assert.equal(hasSpecies(fox, 'red fox', 0.2, names), true);
    assert.equal(hasSpecies(lowDeer, 'white-tailed deer', 0.2, names), false, 'its box is below the threshold');
    assert.equal(hasSpecies(lowDeer, 'white-tailed deer', 0.1, names), true);
    assert.equal(hasSpecies(plain, 'red fox', 0, names), false);
  });
});
