// Which chosen files go into a job: images within the gateway's limits, each under its relative
// path. Refusals come with a reason a person can act on. Pure (File-like objects: name, size,
// type, webkitRelativePath).

import { formatBytes } from './format.js';

const EXTENSION_TYPES = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  webp: 'image/webp',
};

const TYPE_NAMES = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
  'image/bmp': 'BMP',
  'image/webp': 'WebP',
};

/** "JPEG, PNG, TIFF, BMP or WebP" for the gateway's accepted media types. */
export function describeTypes(acceptedTypes) {
  const names = acceptedTypes.map((t) => TYPE_NAMES[t] ?? t);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** The value of a file input's accept attribute for these media types. */
export function acceptAttribute(acceptedTypes) {
  const extensions = Object.entries(EXTENSION_TYPES)
    .filter(([, type]) => acceptedTypes.includes(type))
    .map(([ext]) => `.${ext}`);
  return [...acceptedTypes, ...extensions].join(',');
}

/** The name a file gets in the job: its path inside a chosen or dropped folder, else its name. */
export function relativeName(file) {
  const path = file.relativePath || file.webkitRelativePath || file.name;
  return path.replace(/^\/+/, '');
}

/** The media type of a file: what the browser says, else what its extension says. */
export function mediaTypeOf(file) {
  if (file.type) return file.type;
  const dot = file.name.lastIndexOf('.');
  return dot < 0 ? '' : EXTENSION_TYPES[file.name.slice(dot + 1).toLowerCase()] ?? '';
}

/**
 * Splits newly chosen files into accepted and refused.
 *
 * @param files the new files
 * @param limits the gateway's {maxFiles, maxFileBytes, acceptedTypes}
 * @param already the names already chosen for this job
 * @returns {{accepted: {name, file, size, type}[], refused: {name, reason}[]}}
 */
export function checkFiles(files, limits, already = []) {
  const taken = new Set(already);
  const accepted = [];
  const refused = [];
  for (const file of files) {
    const name = relativeName(file);
    const type = mediaTypeOf(file);
    const reason = refusal(file, name, type, limits, taken.size);
    if (reason) {
      // Hidden files and desktop clutter in a chosen folder are left out without a word each.
      if (!isClutter(name)) refused.push({ name, reason });
      continue;
    }
    taken.add(name);
    accepted.push({ name, file, size: file.size, type });
  }
  return { accepted, refused };

  function refusal(file, name, type, limits, count) {
    if (!limits.acceptedTypes.includes(type)) {
      return `not an image this platform reads (${describeTypes(limits.acceptedTypes)})`;
    }
    if (file.size === 0) return 'the file is empty';
    if (file.size > limits.maxFileBytes) {
      return `${formatBytes(file.size)} is over the limit of ${formatBytes(limits.maxFileBytes)} per image`;
    }
    if (taken.has(name)) return 'already chosen';
    if (count >= limits.maxFiles) return `over the limit of ${limits.maxFiles} images per job`;
    return null;
  }
}

function isClutter(name) {
  const base = name.split('/').at(-1);
  return base.startsWith('.') || base === 'Thumbs.db' || base === 'desktop.ini';
}
