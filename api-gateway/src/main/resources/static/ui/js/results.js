// MegaDetector batch output (format 1.6) as the viewer and the job summary need it. Pure.
// An image entry is {file, detections:[{category, conf, bbox:[x, y, w, h] (0..1)}]} or
// {file, failure, detections: null}. With a species classifier a detection may have
// classifications: [[id, score], …] (highest first) and the image prediction (an id) and
// prediction_score; ids are named by the page's classificationCategories.

import { formatConfidence } from './format.js';
import { t, tn } from './i18n.js';

/** MegaDetector v5's categories, with the colours the viewer draws them in. */
export const CATEGORIES = [
  { id: '1', key: 'animal', label: 'Animal', colour: '#E69F00', text: '#000000' },
  { id: '2', key: 'person', label: 'Person', colour: '#0072B2', text: '#FFFFFF' },
  { id: '3', key: 'vehicle', label: 'Vehicle', colour: '#CC79A7', text: '#000000' },
];

/** MegaDetector's suggested confidence threshold for MDv5 output. */
export const DEFAULT_THRESHOLD = 0.2;

/** The filter keys beyond the categories. */
export const EMPTY = 'empty';
export const FAILED = 'failed';

export function categoryOf(id) {
  return (
    CATEGORIES.find((c) => c.id === id) ?? {
      id,
      key: `category-${id}`,
      label: `Category ${id}`,
      colour: '#595959',
      text: '#FFFFFF',
    }
  );
}

/** The detections of one image at or above the threshold (none for a failed image). */
export function detectionsAbove(image, threshold) {
  return (image.detections ?? []).filter((d) => d.conf >= threshold);
}

/**
 * The keys an image counts under at this threshold: the category key of each detection kept
 * ("animal", "person", "vehicle"), or "empty" when none is kept, or "failed".
 */
export function imageKeys(image, threshold) {
  if (image.failure) return new Set([FAILED]);
  const kept = detectionsAbove(image, threshold);
  if (kept.length === 0) return new Set([EMPTY]);
  return new Set(kept.map((d) => categoryOf(d.category).key));
}

/**
 * Counts as the job summary shows them: images with animals / persons / vehicles (an image with
 * both an animal and a person counts in both), empty images and failed images.
 */
export function summarize(results, threshold = DEFAULT_THRESHOLD) {
  const summary = { images: 0, animal: 0, person: 0, vehicle: 0, empty: 0, failed: 0, detections: 0 };
  for (const image of results.images ?? []) {
    summary.images++;
    for (const key of imageKeys(image, threshold)) {
      if (key in summary) summary[key]++;
    }
    summary.detections += detectionsAbove(image, threshold).length;
  }
  return summary;
}

/**
 * Whether the viewer shows an image: it has a kept detection of a chosen category, or it is
 * empty / failed and that key is chosen.
 *
 * @param chosen a Set of keys ("animal", "person", "vehicle", "empty", "failed")
 */
export function isShown(image, threshold, chosen) {
  for (const key of imageKeys(image, threshold)) {
    if (chosen.has(key)) return true;
  }
  return false;
}

/** Whether one detection's box is drawn. */
export function isBoxShown(detection, threshold, chosen) {
  return detection.conf >= threshold && chosen.has(categoryOf(detection.category).key);
}

/** "2 animals (0.93, 0.45), 1 person (0.88)" at this threshold; "empty"; "failed". */
export function describeFound(image, threshold) {
  if (image.failure) return t('failed');
  const kept = detectionsAbove(image, threshold);
  if (kept.length === 0) return t('empty');
  const byCategory = new Map();
  for (const d of kept) {
    const key = categoryOf(d.category).key;
    byCategory.set(key, [...(byCategory.get(key) ?? []), d.conf]);
  }
  return [...byCategory].map(([key, confs]) => {
    const shown = confs.sort((a, b) => b - a).slice(0, 3).map(formatConfidence).join(', ');
    const counted = tn(confs.length, `{n} ${key}`, `{n} ${key}s`);
    return `${counted} (${shown}${confs.length > 3 ? ', …' : ''})`;
  }).join(', ');
}

/** The name of a classification category id, from the names the pages brought (else the id). */
export function speciesName(id, names) {
  return names?.[id] ?? names?.get?.(id) ?? id;
}

/** The species on a detection's box: its top classification's name and score, or null. */
export function speciesOf(detection, names) {
  const top = detection.classifications?.[0];
  return top ? { name: speciesName(top[0], names), score: top[1] } : null;
}

/** The species ensemble's decision for an image: {name, score}, or null without one. */
export function predictionOf(image, names) {
  return image.prediction == null ? null : { name: speciesName(image.prediction, names), score: image.prediction_score };
}

/** The species names among these images (decisions and boxes' top classifications), sorted. */
export function speciesIn(images, names) {
  const found = new Set();
  for (const image of images) {
    const decided = predictionOf(image, names);
    if (decided) found.add(decided.name);
    for (const d of image.detections ?? []) {
      const species = speciesOf(d, names);
      if (species) found.add(species.name);
    }
  }
  return [...found].sort((a, b) => a.localeCompare(b));
}

/**
 * Whether an image passes the species filter: every image when none is chosen, else an image
 * whose decision is that species or with a box at the threshold whose top classification is.
 */
export function hasSpecies(image, species, threshold, names) {
  if (!species) return true;
  if (predictionOf(image, names)?.name === species) return true;
  return detectionsAbove(image, threshold).some((d) => speciesOf(d, names)?.name === species);
}
