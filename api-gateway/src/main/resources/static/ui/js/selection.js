// Which chosen files go into a job: images within the gateway's limits, each under its relative
// path. Refusals come with a reason a person can act on. Pure (File-like objects: name, size,
// webkitRelativePath or relativePath).
//
// The name rules are the server's, so that a file accepted here is one the gateway registers:
// core's io.biotrack.files.ImageNames (MegaDetector's image extensions, any case; no file or
// folder name starting with '.') and io.biotrack.files.FileNames (no control or text-direction
// characters, no backslash, at most 1024 bytes and 255 per folder or file name).

import { formatBytes } from './format.js';

/** ImageNames.EXTENSIONS (MegaDetector's IMG_EXTENSIONS) with the media type each stands for. */
export const IMAGE_EXTENSIONS = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  webp: 'image/webp',
  avif: 'image/avif',
};

const TYPE_NAMES = {
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
  'image/bmp': 'BMP',
  'image/webp': 'WebP',
  'image/avif': 'AVIF',
};

const MAX_NAME_BYTES = 1024;
const MAX_SEGMENT_BYTES = 255;

/** "JPEG, PNG, TIFF, BMP or WebP" for the gateway's accepted media types. */
export function describeTypes(acceptedTypes) {
  const names = acceptedTypes.map((t) => TYPE_NAMES[t] ?? t);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** The value of a file input's accept attribute for these media types. */
export function acceptAttribute(acceptedTypes) {
  const extensions = Object.entries(IMAGE_EXTENSIONS)
    .filter(([, type]) => acceptedTypes.includes(type))
    .map(([ext]) => `.${ext}`);
  return [...acceptedTypes, ...extensions].join(',');
}

/** The name a file gets in the job: its path inside a chosen or dropped folder, else its name. */
export function relativeName(file) {
  const path = file.relativePath || file.webkitRelativePath || file.name;
  return path.replace(/^\/+/, '');
}

/**
 * The media type a name stands for by its extension, '' when it has none of the image
 * extensions. The name decides, as on the server (a browser's guess of the type is not used).
 */
export function mediaTypeOf(name) {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot < 0 ? '' : IMAGE_EXTENSIONS[base.slice(dot + 1).toLowerCase()] ?? '';
}

/** Hidden files and folders (MegaDetector and the server skip them) and desktop clutter. */
export function isClutter(name) {
  const segments = name.split('/');
  const base = segments.at(-1);
  return segments.some((s) => s.startsWith('.')) || base === 'Thumbs.db' || base === 'desktop.ini';
}

const utf8 = new TextEncoder();

/** Why the server would refuse this name (FileNames), or null. */
export function nameProblem(name) {
  if (name === '') return 'the name is empty';
  if (utf8.encode(name).length > MAX_NAME_BYTES) return `the path is longer than ${MAX_NAME_BYTES} bytes`;
  for (const c of name) {
    const code = c.codePointAt(0);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return 'the name contains a control character';
    if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x200e || code === 0x200f || code === 0x061c) {
      return `the name contains the invisible text-direction character U+${code.toString(16).toUpperCase().padStart(4, '0')}; rename it`;
    }
    if (code >= 0xd800 && code <= 0xdfff) return 'the name is not valid Unicode';
    if (c === '\\') return 'the name contains a backslash';
  }
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return 'the path has an empty, "." or ".." folder name';
    if (utf8.encode(segment).length > MAX_SEGMENT_BYTES) {
      return `a folder or file name is longer than ${MAX_SEGMENT_BYTES} bytes; shorten it`;
    }
  }
  return null;
}

/**
 * Splits newly chosen files into accepted and refused.
 *
 * @param files the new files
 * @param limits the gateway's {maxFiles, maxFileBytes, acceptedTypes}
 * @param already the names already chosen for this job
 * @returns {{accepted: {name, file, size, type}[], refused: {name, reason}[], skipped: number}}
 *     skipped: hidden files and desktop clutter left out without a word each
 */
export function checkFiles(files, limits, already = []) {
  const taken = new Set(already);
  const folders = new Set();
  for (const name of taken) addFolders(name, folders);
  const accepted = [];
  const refused = [];
  let skipped = 0;
  for (const file of files) {
    const name = relativeName(file);
    if (isClutter(name)) {
      skipped++;
      continue;
    }
    const type = mediaTypeOf(name);
    const reason = refusal(file, name, type);
    if (reason) {
      refused.push({ name, reason });
      continue;
    }
    taken.add(name);
    addFolders(name, folders);
    accepted.push({ name, file, size: file.size, type });
  }
  return { accepted, refused, skipped };

  function refusal(file, name, type) {
    if (!type) {
      return `not named as an image: Biotrack reads files ending in ${extensionsList(limits.acceptedTypes)} (any case)`;
    }
    if (!limits.acceptedTypes.includes(type)) {
      return `a ${TYPE_NAMES[type] ?? type} image, which this server does not take (it takes ${describeTypes(limits.acceptedTypes)})`;
    }
    const problem = nameProblem(name);
    if (problem) return problem;
    if (file.size === 0) return 'the file is empty';
    if (file.size > limits.maxFileBytes) {
      return `${formatBytes(file.size)} is over the limit of ${formatBytes(limits.maxFileBytes)} per image`;
    }
    if (taken.has(name)) return 'already chosen';
    if (folders.has(name)) return 'another chosen file lies in a folder of this name';
    if (prefixes(name).some((p) => taken.has(p))) return 'a folder on its path has the name of another chosen file';
    if (taken.size >= limits.maxFiles) return `over the limit of ${limits.maxFiles.toLocaleString('en')} images per job`;
    return null;
  }
}

/** ".jpg, .jpeg, .png, .tif, .tiff, .bmp or .webp" for the accepted types. */
function extensionsList(acceptedTypes) {
  const list = Object.entries(IMAGE_EXTENSIONS).filter(([, t]) => acceptedTypes.includes(t)).map(([e]) => `.${e}`);
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
}

/** "a/b/c.jpg" → ["a", "a/b"]. */
function prefixes(name) {
  const parts = name.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

function addFolders(name, folders) {
  for (const p of prefixes(name)) folders.add(p);
}
