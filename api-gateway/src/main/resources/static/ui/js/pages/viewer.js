// Results viewer: a completed job's images with their detection boxes, a page at a time from the
// API (GET /jobs/{id}/images, never the whole results file: a season has tens of thousands of
// images), the confidence threshold and category filters as the query of those pages, and a
// large view with keyboard navigation (← → Esc) over the images loaded. With a species classifier
// each box says its species and a species filter narrows the images: that filter works in the
// page over the images loaded (the API pages by detection category, not by species), so it lists
// and filters the species of the pages loaded so far; "Load more" brings more. The repeated
// detections panel lists the places where one box repeats across a folder's photos (GET
// /repeats) for the user to confirm or keep; boxes of confirmed ones are struck through.

import { api } from '../api.js';
import { drawBoxes, markSetAside, showBoxes } from '../boxes.js';
import { h, replace } from '../dom.js';
import { DOWNLOADS, downloadExport } from '../downloads.js';
import { t, tn } from '../i18n.js';
import { formatConfidence, formatCount } from '../format.js';
import { ImageLoader } from '../images.js';
import { isSetAside } from '../repeats.js';
import { CATEGORIES, DEFAULT_THRESHOLD, EMPTY, FAILED, categoryOf, describeFound, hasSpecies, isBoxShown, isShown, predictionOf, speciesIn, speciesOf, summarize } from '../results.js';
import { routes } from '../router.js';

/** Images per page asked of the API. */
export const PAGE_SIZE = 100;
/** The slider asks for a new first page once it has rested this long. */
const SLIDER_REST_MS = 300;
/** Tiles kept for images that may come back when the filters change (their image decoded). */
const KEPT_TILES = 1000;

const FILTERS = [
  ...CATEGORIES.map((c) => ({ key: c.key, label: `${c.label}s`, colour: c.colour })), // Animals, Persons, Vehicles
  { key: EMPTY, label: 'Empty' },
  { key: FAILED, label: 'Failed' },
];

export function viewerPage({ id }) {
  const loader = new ImageLoader(id); // originals: only the photo opened in the lightbox
  const thumbnails = new ImageLoader(id, 6, api.thumbnail); // the grid never loads originals
  let tiles = [];
  /** The tiles of the filters before, shown until the first page of the new ones is in. */
  let stale = null;
  const kept = new Map(); // file → tile, the most recent last
  let threshold = DEFAULT_THRESHOLD;
  const chosen = new Set(FILTERS.map((f) => f.key));
  let observer = null;
  let ready = false;
  // The pages loaded for the current filters; a change of filters starts a new "generation" and
  // answers for an older one are dropped.
  let generation = 0;
  let cursor = null;
  let complete = false;
  let loading = null;
  let controller = null;
  let sliderTimer = null;
  /** Classification category names the pages brought (id → name). */
  const names = new Map();
  /** The species chosen in the filter; null for every image. */
  let species = null;
  /** GET /repeats: {options, locations: [{id, folder, category, bbox, …, decision}]}; null until in. */
  let repeats = null;
  const setAside = (file, d) => isSetAside(file, d, categoryOf(d.category).key, repeats);

  const heading = h('h1', {}, t('Results'));
  const back = h('p', { class: 'back' }, h('a', { href: routes.job(id) }, t('← Back to the job')));
  const slider = h('input', { id: 'threshold', type: 'range', min: 0, max: 1, step: 0.01, value: threshold });
  const output = h('output', { for: 'threshold', id: 'threshold-value' }, threshold.toFixed(2));
  const counts = new Map();
  const checkboxes = FILTERS.map((f) => {
    const box = h('input', { type: 'checkbox', id: `show-${f.key}`, checked: true, value: f.key });
    box.addEventListener('change', () => {
      if (box.checked) chosen.add(f.key);
      else chosen.delete(f.key);
      apply();
      reload();
    });
    const count = h('span', { class: 'count' });
    counts.set(f.key, count);
    return h('label', { class: 'check', for: `show-${f.key}` }, box,
      f.colour ? h('span', { class: `swatch swatch-${f.key}`, 'aria-hidden': 'true' }) : null, t(f.label), ' ', count);
  });
  const countsNote = h('p', { class: 'hint', id: 'counts-note' });
  const speciesSelect = h('select', { id: 'species-filter' });
  const speciesField = h('div', { class: 'field species', hidden: true },
    h('label', { for: 'species-filter' }, t('Species ')), speciesSelect,
    h('p', { class: 'hint' }, t('Among the images loaded: the species the classifier decided for a photo or on one of its boxes.')));
  speciesSelect.addEventListener('change', () => {
    species = speciesSelect.value || null;
    apply();
  });
  const status = h('p', { id: 'viewer-status', 'aria-live': 'polite' });
  const grid = h('ul', { class: 'grid', 'aria-label': 'Images' });
  const moreButton = h('button', { type: 'button', id: 'load-more', hidden: true, onclick: () => loadMore() }, t('Load {n} more images', { n: PAGE_SIZE }));
  const error = h('div', { class: 'error', role: 'alert' });
  const downloads = h('div', { class: 'actions downloads', hidden: true },
    DOWNLOADS.filter((d) => d.kind !== 'folders-zip')
      .map((d) => h('button', { type: 'button', 'data-kind': d.kind, onclick: () => download(d.kind) }, t(d.label))));
  const lightbox = largeView();
  const repeatsPanel = h('section', { class: 'repeats', id: 'repeats', hidden: true, 'aria-labelledby': 'repeats-title' });

  const element = h('section', { class: 'page viewer' },
    heading, back,
    h('div', { class: 'controls' },
      h('div', { class: 'field slider' },
        h('label', { for: 'threshold' }, t('Confidence threshold ')), output, slider,
        h('p', { class: 'hint' }, t('Boxes below this confidence are hidden; an image without any is “empty”.'))),
      h('fieldset', { class: 'filters' }, h('legend', {}, t('Show images with')), checkboxes, countsNote),
      speciesField),
    repeatsPanel, status, error, grid, h('div', { class: 'actions more' }, moreButton), downloads, lightbox.element);

  slider.addEventListener('input', () => {
    threshold = Number(slider.value);
    output.textContent = threshold.toFixed(2);
    apply(); // at once over the images loaded; the server's pages follow once the slider rests
    clearTimeout(sliderTimer);
    sliderTimer = setTimeout(reload, SLIDER_REST_MS);
  });

  async function load() {
    let job;
    try {
      job = await api.job(id);
    } catch (e) {
      replace(error, h('p', {}, t('Could not load the job: {error} ', { error: e.message }), h('a', { href: routes.job(id) }, t('Go to the job'))));
      return;
    }
    heading.textContent = job.name ? t('Results: {name}', { name: job.name }) : t('Results');
    document.title = `${heading.textContent} · Biotrack`;
    if (job.status !== 'COMPLETED') {
      replace(error, h('p', {}, t('This job has no results yet. '), h('a', { href: routes.job(id) }, t('Go to the job'))));
      return;
    }
    downloads.hidden = false;
    loadRepeats();
    observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          entry.target.__tile.load();
        }
      }
    }, { rootMargin: '300px' });
    ready = true;
    reload();
  }

  /** The flagged repeat groups, for the panel and the boxes struck through. */
  async function loadRepeats() {
    try {
      repeats = await api.repeats(id);
    } catch (e) {
      replace(error, h('p', {}, t('Could not load the repeated detections: {error}', { error: e.message })));
      return;
    }
    renderRepeats();
    apply();
  }

  function renderRepeats() {
    const groups = repeats?.locations ?? [];
    repeatsPanel.hidden = groups.length === 0;
    repeatsPanel.dataset.state = 'ready';
    replace(repeatsPanel,
      h('h2', { id: 'repeats-title' }, t('Repeated detections')),
      h('p', { class: 'hint' }, t('The same box in many photos of one folder is usually a rock, a branch or a post. Confirm it to leave its boxes out of the downloads and the counts; keep it if it is really there.')),
      h('ul', { class: 'repeat-groups' }, groups.map(repeatItem)));
  }

  function repeatItem(group) {
    const category = CATEGORIES.find((c) => c.key === group.category);
    const img = h('img', { alt: '', decoding: 'async' });
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'overlay');
    svg.setAttribute('aria-hidden', 'true');
    const frame = h('div', { class: 'frame' }, img, svg);
    const sample = group.sampleFiles[0];
    // The group's place over its first photo (the image URL the grid uses; thumbnails may come).
    loader.url(sample).then(async (url) => {
      img.src = url;
      await img.decode();
      frame.style.aspectRatio = `${img.naturalWidth} / ${img.naturalHeight}`;
      drawBoxes(svg, { detections: [{ category: category?.id ?? group.category, conf: group.maxConf, bbox: group.bbox }] },
        img.naturalWidth, img.naturalHeight, { labels: false });
    }).catch(() => {}); // the text says what the place is; a missing photo only loses the picture
    const state = group.decision === 'confirmed' ? t('Confirmed: left out of the downloads and the counts.')
      : group.decision === 'rejected' ? t('Kept.') : t('Not decided yet: kept.');
    return h('li', { class: 'repeat-group', dataset: { group: group.id, decision: group.decision ?? 'none' } },
      frame,
      h('div', { class: 'repeat-text' },
        h('p', { class: 'repeat-what' }, t('{category} at the same place in {n} photos of {folder}', {
          category: category ? t(category.label) : group.category,
          n: formatCount(group.photos),
          folder: group.folder === '' ? t('the top folder') : group.folder,
        })),
        h('p', { class: 'hint' }, t('Highest confidence {conf}; first seen in {file}', { conf: formatConfidence(group.maxConf), file: sample })),
        h('p', { class: 'repeat-state' }, state),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'confirm', 'aria-pressed': String(group.decision === 'confirmed'), onclick: () => decide(group, 'confirmed') },
            t('Confirm: leave out')),
          h('button', { type: 'button', class: 'keep', 'aria-pressed': String(group.decision === 'rejected'), onclick: () => decide(group, 'rejected') },
            t('Keep')))));
  }

  async function decide(group, decision) {
    try {
      const decided = await api.decideRepeat(id, group.id, decision);
      group.decision = decided.decision;
    } catch (e) {
      replace(error, h('p', {}, t('Could not save the decision: {error}', { error: e.message })));
      return;
    }
    replace(error);
    renderRepeats();
    apply(); // strike the group's boxes through, or back
  }

  /** Drops the pages loaded and asks for the first one of the current filters. */
  function reload() {
    if (!ready) return;
    clearTimeout(sliderTimer);
    generation++;
    controller?.abort();
    controller = null;
    loading = null;
    cursor = null;
    complete = false;
    if (chosen.size === 0) {
      complete = true;
      show([]);
      apply();
      return;
    }
    stale ??= tiles;
    loadMore();
  }

  /** The grid shows these tiles, reusing those of images it had (no new download, no flicker). */
  function show(list) {
    stale = null;
    tiles = list;
    grid.replaceChildren(...list.map((t) => t.element));
  }

  function tileFor(image) {
    let tile = kept.get(image.file);
    if (tile) {
      kept.delete(image.file);
      tile.update(image);
    } else {
      tile = gridTile(image);
      observer.observe(tile.element);
    }
    kept.set(image.file, tile);
    if (kept.size > KEPT_TILES) kept.delete(kept.keys().next().value);
    return tile;
  }

  /** Loads the next page of images (once at a time); resolves when it is in. */
  function loadMore() {
    if (!ready || complete) return Promise.resolve();
    if (loading) return loading;
    const mine = generation;
    controller = new AbortController();
    const categories = chosen.size === FILTERS.length ? null : FILTERS.map((f) => f.key).filter((k) => chosen.has(k));
    loading = api.images(id, { cursor, limit: PAGE_SIZE, categories, minConf: threshold }, controller.signal).then(
      (page) => {
        if (mine !== generation) return;
        replace(error);
        for (const [key, name] of Object.entries(page.classificationCategories ?? {})) names.set(key, name);
        const added = page.images.map(tileFor);
        if (stale) show(added);
        else {
          tiles.push(...added);
          grid.append(...added.map((t) => t.element));
        }
        cursor = page.nextCursor ?? null;
        complete = cursor == null;
      },
      (e) => {
        if (mine !== generation || e.name === 'AbortError') return;
        if (stale) show([]);
        replace(error, h('p', {}, t('Could not load the images: {error}', { error: e.message })));
      }).finally(() => {
      if (mine !== generation) return;
      loading = null;
      controller = null;
      apply();
    });
    apply();
    return loading;
  }

  /** Shows the loaded images and boxes the filters keep, and says how many. */
  function apply() {
    let shownImages = 0;
    let shownBoxes = 0;
    updateSpeciesChoices();
    for (const tile of tiles) {
      const visible = isShown(tile.image, threshold, chosen) && hasSpecies(tile.image, species, threshold, names);
      tile.element.hidden = !visible;
      if (visible) {
        shownImages++;
        shownBoxes += (tile.image.detections ?? []).filter((d) => isBoxShown(d, threshold, chosen)).length;
      }
      tile.refresh();
    }
    // Counts of the images loaded; a job-wide summary comes with the API's summary endpoint.
    const summary = summarize({ images: tiles.map((t) => t.image) }, threshold);
    for (const f of FILTERS) counts.get(f.key).textContent = `(${formatCount(summary[f.key])})`;
    countsNote.textContent = tn(tiles.length, 'Counts in the {n} image loaded.', 'Counts in the {n} images loaded.', { n: formatCount(tiles.length) });
    grid.dataset.state = loading ? 'loading' : 'ready';
    moreButton.hidden = complete || loading != null;
    const at = t('at confidence {threshold} or more', { threshold: threshold.toFixed(2) });
    if (!ready) status.textContent = '';
    else if (chosen.size === 0) status.textContent = t('Tick at least one kind of image to show.');
    else if (stale || (loading && tiles.length === 0)) status.textContent = t('Loading the images {at}…', { at });
    else if (tiles.length === 0 && complete) status.textContent = t('No image matches {at}.', { at });
    else {
      status.textContent = t('Showing {images} and {boxes} {at}', {
        images: tn(shownImages, '{n} image', '{n} images', { n: formatCount(shownImages) }),
        boxes: tn(shownBoxes, '{n} box', '{n} boxes', { n: formatCount(shownBoxes) }),
        at,
      }) + (complete ? t(' (all that match).') : loading ? t('; loading more…') : t('; more below ({n} at a time).', { n: PAGE_SIZE }));
    }
    lightbox.refresh();
  }

  /** The species filter's choices: those of the images loaded, the chosen one kept. */
  function updateSpeciesChoices() {
    const found = speciesIn(tiles.map((tile) => tile.image), names);
    if (species && !found.includes(species)) found.unshift(species);
    speciesField.hidden = found.length === 0;
    const wanted = ['', ...found];
    const have = [...speciesSelect.options].map((o) => o.value);
    if (have.length === wanted.length && have.every((v, i) => v === wanted[i])) return;
    speciesSelect.replaceChildren(
      h('option', { value: '' }, t('All species')),
      ...found.map((name) => h('option', { value: name }, name)));
    speciesSelect.value = species ?? '';
  }

  /** "2 animals (0.93, 0.45) · red fox 0.88" */
  function describeImage(image) {
    const decided = predictionOf(image, names);
    return describeFound(image, threshold) + (decided ? ` · ${decided.name} ${formatConfidence(decided.score)}` : '');
  }

  function gridTile(image) {
    const img = h('img', { alt: '', decoding: 'async' });
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'overlay');
    svg.setAttribute('aria-hidden', 'true');
    const note = h('span', { class: 'tile-note' }, image.failure ? 'Could not be processed' : 'Loading…');
    const frame = h('div', { class: 'frame' }, img, svg, note);
    const found = h('span', { class: 'found' });
    const button = h('button', { type: 'button', class: 'tile-button', onclick: () => lightbox.open(tile) },
      frame, h('span', { class: 'caption' }, h('span', { class: 'file-name' }, image.file), found));
    const element = h('li', { class: 'tile', dataset: { file: image.file } }, button);
    const tile = {
      image, element, button, drawn: false,
      async load() {
        try {
          img.src = await thumbnails.url(image.file);
          await img.decode();
          frame.style.aspectRatio = `${img.naturalWidth} / ${img.naturalHeight}`;
          drawBoxes(svg, tile.image, img.naturalWidth, img.naturalHeight, { labels: false, names });
          tile.drawn = true;
          note.remove();
          element.dataset.loaded = 'true';
          tile.refresh();
        } catch (e) {
          if (e.name !== 'AbortError') note.textContent = t('Image not available: {error}', { error: e.message });
          element.dataset.loaded = 'error';
        }
      },
      /** The same image as a page with other filters gives it (other detections kept). */
      update(next) {
        tile.image = next;
        if (tile.drawn) drawBoxes(svg, next, img.naturalWidth, img.naturalHeight, { labels: false, names });
      },
      refresh() {
        if (tile.drawn) {
          showBoxes(svg, threshold, chosen);
          markSetAside(svg, (d) => setAside(tile.image.file, d));
        }
        found.textContent = describeImage(tile.image);
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
    const previous = h('button', { type: 'button', onclick: () => step(-1), 'aria-keyshortcuts': 'ArrowLeft' }, t('← Previous'));
    const next = h('button', { type: 'button', onclick: () => step(1), 'aria-keyshortcuts': 'ArrowRight' }, t('Next →'));
    const close = h('button', { type: 'button', class: 'close', onclick: () => dialog.close(), 'aria-keyshortcuts': 'Escape' }, t('Close'));
    dialog.append(
      h('div', { class: 'lightbox-head' }, h('div', {}, title, position), close),
      frame, list,
      h('div', { class: 'lightbox-nav' }, previous, h('span', { class: 'hint' }, t('Keys: ← → to move, Esc to close')), next));
    let current = null;
    let opener = null;
    let stepping = false;

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

    /** Where the image shown is among those the filters show (by file: pages are reloaded). */
    function indexOf(shown) {
      return current ? shown.findIndex((t) => t.image.file === current.image.file) : -1;
    }

    /** The previous or next image; past the last one loaded, the next page is loaded first. */
    async function step(delta) {
      if (!current || stepping) return;
      let shown = visibleTiles();
      const at = indexOf(shown);
      if (delta > 0 && at === shown.length - 1 && !complete) {
        stepping = true;
        try {
          await loadMore();
        } finally {
          stepping = false;
        }
        if (!current) return;
        shown = visibleTiles();
      }
      if (shown.length === 0) return;
      show(shown[(Math.max(at, 0) + delta + shown.length) % shown.length]);
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
        drawBoxes(svg, tile.image, img.naturalWidth, img.naturalHeight, { labels: true, names });
        showBoxes(svg, threshold, chosen);
        markSetAside(svg, (d) => setAside(tile.image.file, d));
        dialog.dataset.drawn = 'true';
      } catch (e) {
        if (current === tile && !tile.image.failure) replace(list, h('li', {}, t('Image not available: {error}', { error: e.message })));
      }
    }

    function refresh() {
      if (!current) return;
      const shown = visibleTiles();
      const at = indexOf(shown);
      position.textContent = at < 0 ? t('Not among the images the filters show')
        : t(complete ? 'Image {n} of {total}' : 'Image {n} of {total} loaded so far', { n: at + 1, total: formatCount(shown.length) });
      showBoxes(svg, threshold, chosen);
      const image = current.image;
      markSetAside(svg, (d) => setAside(image.file, d));
      if (image.failure) {
        replace(list, h('li', {}, t('This image could not be processed: {failure}', { failure: image.failure })));
        return;
      }
      const kept = (image.detections ?? []).filter((d) => isBoxShown(d, threshold, chosen));
      const hiddenCount = (image.detections ?? []).length - kept.length;
      replace(list,
        kept.length === 0 ? h('li', {}, t('No detection at this threshold.')) : null,
        predictionOf(image, names) ? h('li', { class: 'prediction' }, t('Species of the photo: {species} ({score})',
          { species: predictionOf(image, names).name, score: formatConfidence(predictionOf(image, names).score) })) : null,
        kept.map((d) => h('li', {}, h('span', { class: `swatch swatch-${categoryOf(d.category).key}`, 'aria-hidden': 'true' }),
          t('{category}, confidence {conf}', { category: t(categoryOf(d.category).label), conf: formatConfidence(d.conf) }),
          speciesOf(d, names) ? ` · ${speciesOf(d, names).name} ${formatConfidence(speciesOf(d, names).score)}` : '',
          setAside(image.file, d) ? t(' · a confirmed repeat, left out of the downloads') : '')),
        hiddenCount > 0 ? h('li', { class: 'hint' }, t('{n} more below the threshold or filtered out', { n: hiddenCount })) : null);
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

  async function download(format) {
    try {
      await downloadExport(api, id, format, threshold); // the CSVs at the slider's threshold
    } catch (e) {
      replace(error, h('p', {}, `The download failed: ${e.message}`));
    }
  }

  load();
  return {
    title: t('Results'),
    element,
    leave() {
      ready = false;
      clearTimeout(sliderTimer);
      controller?.abort();
      observer?.disconnect();
      loader.dispose();
      thumbnails.dispose();
    },
  };
}
