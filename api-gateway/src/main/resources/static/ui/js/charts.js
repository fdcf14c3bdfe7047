// The job summary's pictures, drawn by the page as SVG (no library, nothing from a CDN): bars
// per category, bars per folder, and a confidence histogram per category with the threshold
// marked. Each chart has a title and a text description for screen readers, and each bar its
// value as a <title>.

import { s } from './dom.js';
import { t } from './i18n.js';
import { CATEGORIES } from './results.js';

const EMPTY_COLOUR = '#8a8a8a';
const FAILED_COLOUR = '#b3261e';

/** The series the bar charts show, in this order. */
export function seriesOf(counts) {
  return [
    ...CATEGORIES.map((c) => ({ key: c.key, label: t(c.label), colour: c.colour, value: counts.categories?.[c.key]?.images ?? 0 })),
    { key: 'empty', label: t('Empty'), colour: EMPTY_COLOUR, value: counts.empty ?? 0 },
    { key: 'failed', label: t('Failed'), colour: FAILED_COLOUR, value: counts.failed ?? 0 },
  ];
}

/**
 * Horizontal bars, one per series, labelled with their values.
 *
 * @param rows [{key, label, colour, value}]
 */
export function barChart(rows, { title, className, labels = {} }) {
  const width = 480;
  const rowHeight = 26;
  const labelWidth = 110;
  const valueWidth = 60;
  const height = rows.length * rowHeight + 8;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const scale = (width - labelWidth - valueWidth) / max;
  return s('svg', { class: `chart ${className}`, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title },
    s('title', {}, title),
    rows.map((r, i) => {
      const y = 4 + i * rowHeight;
      const w = Math.max(r.value > 0 ? 1 : 0, r.value * scale);
      return s('g', { class: 'bar', 'data-key': r.key, 'data-value': r.value },
        s('text', { x: labelWidth - 6, y: y + 17, 'text-anchor': 'end', class: 'label' }, labels[r.key] ?? r.label),
        s('rect', { x: labelWidth, y: y + 3, width: w, height: rowHeight - 8, fill: r.colour },
          s('title', {}, `${labels[r.key] ?? r.label}: ${r.value}`)),
        s('text', { x: labelWidth + w + 6, y: y + 17, class: 'value' }, String(r.value)));
    }));
}

/**
 * Per folder, a stacked bar of its photos: with animals, persons, vehicles (a photo with two
 * counts in both, so a bar can be longer than the folder's photos), empty, failed.
 */
export function folderChart(folders, { title, labels = {}, topLevel = t('(top folder)') }) {
  const width = 480;
  const rowHeight = 24;
  const labelWidth = 140;
  const height = folders.length * rowHeight + 8;
  const totals = folders.map((f) => seriesOf(f).reduce((n, r) => n + r.value, 0));
  const scale = (width - labelWidth - 50) / Math.max(1, ...totals);
  return s('svg', { class: 'chart folders', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title },
    s('title', {}, title),
    folders.map((f, i) => {
      const y = 4 + i * rowHeight;
      let x = labelWidth;
      const name = f.folder === '' ? topLevel : f.folder;
      return s('g', { class: 'folder', 'data-folder': f.folder, 'data-images': f.images },
        s('text', { x: labelWidth - 6, y: y + 16, 'text-anchor': 'end', class: 'label' }, shorten(name, 22)),
        seriesOf(f).filter((r) => r.value > 0).map((r) => {
          const w = r.value * scale;
          const rect = s('rect', { x, y: y + 3, width: w, height: rowHeight - 8, fill: r.colour, 'data-key': r.key },
            s('title', {}, `${name}: ${labels[r.key] ?? r.label} ${r.value}`));
          x += w;
          return rect;
        }),
        s('text', { x: x + 6, y: y + 16, class: 'value' }, String(f.images)));
    }));
}

/**
 * Photos by their highest confidence of one category, in the summary's bins, with a line at the
 * threshold: the bars right of it are the photos the threshold keeps.
 */
export function histogram(category, bins, binWidth, threshold, { title }) {
  const width = 240;
  const height = 110;
  const plot = height - 22;
  const max = Math.max(1, ...bins);
  const barWidth = width / bins.length;
  const x = Math.min(width, threshold * width);
  return s('svg', { class: 'chart histogram', 'data-category': category.key, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title },
    s('title', {}, title),
    bins.map((n, i) => {
      const h = (n / max) * (plot - 4);
      const from = (i * binWidth).toFixed(2);
      return s('rect', {
        class: 'bin', x: i * barWidth + 0.5, y: plot - h, width: barWidth - 1, height: h,
        fill: category.colour, opacity: (i + 1) * binWidth <= threshold ? 0.35 : 1, 'data-count': n,
      }, s('title', {}, `${from}–${((i + 1) * binWidth).toFixed(2)}: ${n}`));
    }),
    s('line', { class: 'threshold', x1: x, x2: x, y1: 0, y2: plot, stroke: '#1a1a1a', 'stroke-width': 2, 'stroke-dasharray': '4 2' }),
    s('line', { x1: 0, x2: width, y1: plot, y2: plot, stroke: '#666' }),
    s('text', { x: 0, y: height - 6, class: 'axis' }, '0'),
    s('text', { x: width / 2, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, '0.5'),
    s('text', { x: width, y: height - 6, class: 'axis', 'text-anchor': 'end' }, '1'));
}

function shorten(text, max) {
  return text.length <= max ? text : `…${text.slice(text.length - max + 1)}`;
}
