// Formatting of sizes, durations, rates and times for people. Pure functions.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 50000 → "50,000" (the UI's language is English, whatever the browser's locale). */
export function formatCount(n) {
  return Number.isFinite(n) ? n.toLocaleString('en') : '';
}

/** 1536 → "1.5 KB" (binary multiples, as file managers show them). */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${UNITS[unit]}`;
}

/** 3723000 → "1 h 02 min 03 s"; 65000 → "1 min 05 s"; 4000 → "4 s". */
export function formatDuration(ms) {
  if (!Number.isFinite(ms) || ms < 0) return '';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n) => String(n).padStart(2, '0');
  if (h > 0) return `${h} h ${pad(m)} min ${pad(s)} s`;
  if (m > 0) return `${m} min ${pad(s)} s`;
  return `${s} s`;
}

/** A local date and time, e.g. "25 Nov 2025, 18:03". */
export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** 0.912 → "91%". */
export function formatPercent(fraction) {
  return `${Math.round(fraction * 100)}%`;
}

/** A confidence as MegaDetector users read it: 0.9123 → "0.91". */
export function formatConfidence(conf) {
  return conf.toFixed(2);
}
