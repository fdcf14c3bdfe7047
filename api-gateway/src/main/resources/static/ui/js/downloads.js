// A job's downloads at a threshold (api.md "Results"), as the job page and the viewer offer them.

import { h, saveBlob } from './dom.js';

/** Each download's label; all but the JSON (always whole) are cut at the page's threshold. */
export const DOWNLOADS = [
  { kind: 'json', label: 'Download results.json' },
  { kind: 'csv', label: 'Download CSV' },
  { kind: 'images-csv', label: 'Download images CSV' },
  { kind: 'folders-zip', label: 'Download photos by category (zip)' },
];

/**
 * Downloads one export at this threshold. Without a key the browser fetches the link itself and
 * streams it to disk (a season's zip never has to fit in the page's memory); with a key the
 * request must carry it, so the page fetches the file and saves it.
 */
export async function downloadExport(api, id, kind, threshold) {
  const at = threshold.toFixed(2);
  if (!api.hasKey()) {
    const link = h('a', { href: api.exportUrl(id, kind, at), download: '', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    return;
  }
  const { blob, fileName } = await api.download(id, kind, at);
  saveBlob(blob, fileName ?? `biotrack-${id}`);
}
