// Repeated detections (GET and PUT /jobs/{id}/repeats, api.md "Repeated detections"): places where
// detections of one category repeat across many photos of a folder, usually a rock or a branch.
// The viewer lists them for the user to confirm (a false positive: the server leaves its
// detections out of the CSVs, the folders zip and the summary) or keep, and strikes through the
// boxes of confirmed ones.

/** The folder a photo is in, as the server groups them: "site/cam1" for "site/cam1/IMG_1.JPG". */
export function folderOf(file) {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '' : file.slice(0, slash);
}

/** Intersection over union of two [x, y, w, h] boxes. */
export function iou(a, b) {
  const x1 = Math.max(a[0], b[0]);
  const y1 = Math.max(a[1], b[1]);
  const x2 = Math.min(a[0] + a[2], b[0] + b[2]);
  const y2 = Math.min(a[1] + a[3], b[1] + b[3]);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a[2] * a[3] + b[2] * b[3] - inter;
  return union <= 0 ? 0 : inter / union;
}

/**
 * Whether a confirmed group sets this detection of this photo aside, by the server's rule
 * (core's ConfirmedRepeats, so the boxes struck through are the rows the downloads leave out):
 * same folder and category, confidence at least options.confidenceMin, box at most
 * options.maxBoxArea, IoU with the group's box at least options.iou.
 * @param categoryKey the detection's category as the groups name it ("animal")
 */
export function isSetAside(file, detection, categoryKey, repeats) {
  if (!repeats) return false;
  const { options, locations } = repeats;
  const [, , w, h] = detection.bbox;
  if (detection.conf < options.confidenceMin || w * h > options.maxBoxArea) return false;
  const folder = folderOf(file);
  return locations.some((g) => g.decision === 'confirmed' && g.folder === folder
    && (g.category === categoryKey || g.category === detection.category)
    && iou(g.bbox, detection.bbox) >= options.iou);
}
