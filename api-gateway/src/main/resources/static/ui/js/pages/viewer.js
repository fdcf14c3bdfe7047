// Results viewer: the job's images with their detection boxes, a live confidence threshold,
// category filters, and a large view with keyboard navigation (← → Esc).

import { api } from '../api.js';
import { drawBoxes, showBoxes } from '../boxes.js';
import { h, replace } from '../dom.js';
import { formatConfidence } from '../format.js';
import { ImageLoader } from '../images.js';
import { CATEGORIES, DEFAULT_THRESHOLD, EMPTY, FAILED, categoryOf, describeFound, isBoxShown, isShown, summarize } from '../results.js';
import { routes } from '../router.js';

const FILTERS = [
  ...CATEGORIES.map((c) => ({ key: c.key, label: `${c.label}s`, colour: c.colour })),
  { key: EMPTY, label: 'Empty' },
  { key: FAILED, label: 'Failed' },
];

export function viewerPage({ id }) {
  const loader = new ImageLoader(id);
  const tiles = [];
  let results = null;
  let threshold = DEFAULT_THRESHOLD;
  const chosen = new Set(FILTERS.map((f) => f.key));
  let observer = null;

  const heading = h('h1', {}, 'Results');
  const back = h('p', { class: 'back' }, h('a', { href: routes.job(id) }, '← Back to the job'));
  const slider = h('input', { id: 'threshold', type: 'range', min: 0, max: 1, step: 0.01, value: threshold });
  const output = h('output', { for: 'threshold', id: 'threshold-value' }, threshold.toFixed(2));
  const counts = new Map();
  const checkboxes = FILTERS.map((f) => {
    const box = h('input', { type: 'checkbox', id: `show-${f.key}`, checked: true, value: f.key });
    box.addEventListener('change', () => {
      if (box.checked) chosen.add(f.key);
      else chosen.delete(f.key);
      apply();
    });
    const count = h('span', { class: 'count' });
    counts.set(f.key, count);
    return h('label', { class: 'check', for: `show-${f.key}` }, box,
      f.colour ? h('span', { class: `swatch swatch-${f.key}`, 'aria-hidden': 'true' }) : null, f.label, ' ', count);
  });
  const status = h('p', { id: 'viewer-status', 'aria-live': 'polite' });
  const grid = h('ul', { class: 'grid', 'aria-label': 'Images' });
  const error = h('div', { class: 'error', role: 'alert' });
  const lightbox = largeView();

  const element = h('section', { class: 'page viewer' },
    heading, back,
    h('div', { class: 'controls' },
      h('div', { class: 'field slider' },
        h('label', { for: 'threshold' }, 'Confidence threshold '), output, slider,
        h('p', { class: 'hint' }, 'Boxes below this confidence are hidden; an image without any is “empty”.')),
      h('fieldset', { class: 'filters' }, h('legend', {}, 'Show images with'), checkboxes)),
    status, error, grid, lightbox.element);

  slider.addEventListener('input', () => {
    threshold = Number(slider.value);
    output.textContent = threshold.toFixed(2);
    apply();
  });

  async function load() {
    try {
      const [job, data] = await Promise.all([api.job(id), api.results(id)]);
      heading.textContent = job.name ? `Results: ${job.name}` : 'Results';
      document.title = `${heading.textContent} · Biotrack`;
      results = data;
    } catch (e) {
      replace(error, h('p', {}, e.status === 409
        ? 'This job has no results yet. '
        : `Could not load the results: ${e.message} `, h('a', { href: routes.job(id) }, 'Go to the job')));
      return;
    }
    observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          entry.target.__tile.load();
        }
      }
    }, { rootMargin: '300px' });
    results.images.forEach((image, index) => {
      const tile = gridTile(image, index);
      tiles.push(tile);
      grid.append(tile.element);
      observer.observe(tile.element);
    });
    apply();
  }

  function apply() {
    if (!results) return;
    let shownImages = 0;
    let shownBoxes = 0;
    for (const tile of tiles) {
      const visible = isShown(tile.image, threshold, chosen);
      tile.element.hidden = !visible;
      if (visible) {
        shownImages++;
        shownBoxes += (tile.image.detections ?? []).filter((d) => isBoxShown(d, threshold, chosen)).length;
      }
      tile.refresh();
    }
    const summary = summarize(results, threshold);
    for (const f of FILTERS) counts.get(f.key).textContent = `(${summary[f.key]})`;
    status.textContent = `Showing ${shownImages} of ${tiles.length} images and ${shownBoxes} boxes at confidence ${threshold.toFixed(2)} or more.`;
    lightbox.refresh();
  }

  function gridTile(image, index) {
    const img = h('img', { alt: '', decoding: 'async' });
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'overlay');
    svg.setAttribute('aria-hidden', 'true');
    const note = h('span', { class: 'tile-note' }, image.failure ? 'Could not be processed' : 'Loading…');
    const frame = h('div', { class: 'frame' }, img, svg, note);
    const found = h('span', { class: 'found' });
    const button = h('button', { type: 'button', class: 'tile-button', onclick: () => lightbox.open(tiles[index]) },
      frame, h('span', { class: 'caption' }, h('span', { class: 'file-name' }, image.file), found));
    const element = h('li', { class: 'tile', dataset: { file: image.file, index } }, button);
    const tile = {
      image, element, button, drawn: false,
      async load() {
        try {
          img.src = await loader.url(image.file);
          await img.decode();
          frame.style.aspectRatio = `${img.naturalWidth} / ${img.naturalHeight}`;
          drawBoxes(svg, image, img.naturalWidth, img.naturalHeight, { labels: false });
          tile.drawn = true;
          note.remove();
          element.dataset.loaded = 'true';
          tile.refresh();
        } catch (e) {
          if (e.name !== 'AbortError') note.textContent = `Image not available: ${e.message}`;
          element.dataset.loaded = 'error';
        }
      },
      refresh() {
        if (tile.drawn) showBoxes(svg, threshold, chosen);
        found.textContent = describeFound(image, threshold);
      },
    };
    element.__tile = tile;
    return tile;
  }

  function largeView() {
    const dialog = h('dialog', { class: 'lightbox', 'aria-labelledby': 'lightbox-title' });
    const title = h('h2', { id: 'lightbox-title' });
    const position = h('p', { class: 'position' });
    const img = h('img', { alt: '' });
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'overlay');
    svg.setAttribute('aria-hidden', 'true');
    const frame = h('div', { class: 'frame large' }, img, svg);
    const list = h('ul', { class: 'detections' });
    const previous = h('button', { type: 'button', onclick: () => step(-1), 'aria-keyshortcuts': 'ArrowLeft' }, '← Previous');
    const next = h('button', { type: 'button', onclick: () => step(1), 'aria-keyshortcuts': 'ArrowRight' }, 'Next →');
    const close = h('button', { type: 'button', class: 'close', onclick: () => dialog.close(), 'aria-keyshortcuts': 'Escape' }, 'Close');
    dialog.append(
      h('div', { class: 'lightbox-head' }, h('div', {}, title, position), close),
      frame, list,
      h('div', { class: 'lightbox-nav' }, previous, h('span', { class: 'hint' }, 'Keys: ← → to move, Esc to close'), next));
    let current = null;
    let opener = null;

    dialog.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowLeft') { e.preventDefault(); step(-1); }
      if (e.key === 'ArrowRight') { e.preventDefault(); step(1); }
    });
    dialog.addEventListener('close', () => {
      current = null;
      opener?.focus();
    });

    function visibleTiles() {
      return tiles.filter((t) => !t.element.hidden);
    }

    function step(delta) {
      const list = visibleTiles();
      if (!current || list.length === 0) return;
      const at = list.indexOf(current);
      show(list[(at + delta + list.length) % list.length]);
    }

    async function show(tile) {
      current = tile;
      opener = tile.button;
      delete dialog.dataset.drawn;
      dialog.dataset.file = tile.image.file;
      title.textContent = tile.image.file;
      img.alt = tile.image.file;
      svg.replaceChildren();
      img.removeAttribute('src');
      refresh();
      try {
        const url = await loader.url(tile.image.file);
        if (current !== tile) return;
        img.src = url;
        await img.decode();
        if (current !== tile) return;
        drawBoxes(svg, tile.image, img.naturalWidth, img.naturalHeight, { labels: true });
        showBoxes(svg, threshold, chosen);
        dialog.dataset.drawn = 'true';
      } catch (e) {
        if (current === tile && !tile.image.failure) replace(list, h('li', {}, `Image not available: ${e.message}`));
      }
    }

    function refresh() {
      if (!current) return;
      const shown = visibleTiles();
      position.textContent = shown.includes(current) ? `Image ${shown.indexOf(current) + 1} of ${shown.length}` : 'Hidden by the filters';
      showBoxes(svg, threshold, chosen);
      const image = current.image;
      if (image.failure) {
        replace(list, h('li', {}, `This image could not be processed: ${image.failure}`));
        return;
      }
      const kept = (image.detections ?? []).filter((d) => isBoxShown(d, threshold, chosen));
      const hiddenCount = (image.detections ?? []).length - kept.length;
      replace(list,
        kept.length === 0 ? h('li', {}, 'No detection at this threshold.') : null,
        kept.map((d) => h('li', {}, h('span', { class: `swatch swatch-${categoryOf(d.category).key}`, 'aria-hidden': 'true' }),
          `${categoryOf(d.category).label}, confidence ${formatConfidence(d.conf)}`)),
        hiddenCount > 0 ? h('li', { class: 'hint' }, `${hiddenCount} more below the threshold or filtered out`) : null);
    }

    return {
      element: dialog,
      open(tile) {
        if (!dialog.open) dialog.showModal();
        show(tile);
        close.focus();
      },
      refresh,
    };
  }

  load();
  return {
    title: 'Results',
    element,
    leave() {
      observer?.disconnect();
      loader.dispose();
    },
  };
}
