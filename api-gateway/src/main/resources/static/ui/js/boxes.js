// Detection boxes over an image: an SVG in the image's own pixel space, so boxes scale with it.

import { s } from './dom.js';
import { categoryOf, isBoxShown, speciesOf } from './results.js';
import { formatConfidence } from './format.js';

/**
 * Draws every detection of an image (bbox = [x, y, width, height], fractions of the image) into
 * svg, as hidden-or-shown groups; {@link showBoxes} applies a threshold and categories.
 */
export function drawBoxes(svg, image, width, height, { labels = true, names = {} } = {}) {
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const fontSize = Math.max(width, height) / 45;
  for (const d of image.detections ?? []) {
    const category = categoryOf(d.category);
    const [x, y, w, h] = d.bbox;
    const group = s('g', {
      class: 'det',
      'data-category': category.key,
      'data-conf': d.conf,
    });
    group.__detection = d;
    group.append(s('rect', {
      class: 'box', x: x * width, y: y * height, width: w * width, height: h * height,
      stroke: category.colour, 'vector-effect': 'non-scaling-stroke',
    }));
    // Struck through (CSS shows it) when the box is a confirmed repeat, left out of downloads.
    group.append(s('line', {
      class: 'strike', x1: x * width, y1: y * height, x2: (x + w) * width, y2: (y + h) * height,
      stroke: category.colour, 'vector-effect': 'non-scaling-stroke',
    }));
    // The species (top classification) when the detection was classified: "animal 0.91 · red fox 0.88".
    const species = speciesOf(d, names);
    if (species) group.setAttribute('data-species', species.name);
    const text = `${category.key} ${formatConfidence(d.conf)}`
      + (species ? ` · ${species.name} ${formatConfidence(species.score)}` : '');
    if (labels) {
      const labelWidth = fontSize * 0.62 * text.length + fontSize * 0.6;
      const labelY = Math.max(0, y * height - fontSize * 1.3);
      group.append(
        s('rect', { class: 'label-bg', x: x * width, y: labelY, width: labelWidth, height: fontSize * 1.3, fill: category.colour }),
        s('text', { x: x * width + fontSize * 0.3, y: labelY + fontSize, 'font-size': fontSize, fill: category.text }, text));
    }
    group.append(s('title', {}, text));
    svg.append(group);
  }
}

/** Marks the boxes that setAside(detection) says a confirmed repeat group left out. */
export function markSetAside(svg, setAside) {
  for (const group of svg.querySelectorAll('g.det')) {
    group.classList.toggle('set-aside', setAside(group.__detection));
  }
}

/** Shows the boxes at or above the threshold of a chosen category; returns how many are shown. */
export function showBoxes(svg, threshold, chosen) {
  let shown = 0;
  for (const group of svg.querySelectorAll('g.det')) {
    const visible = isBoxShown(group.__detection, threshold, chosen);
    group.toggleAttribute('hidden', !visible);
    if (visible) shown++;
  }
  return shown;
}
