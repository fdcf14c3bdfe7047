// Job states as people read them.

import { t } from './i18n.js';
import { h } from './dom.js';

export const STATES = ['PENDING', 'QUEUED', 'LAUNCHING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'];

const DESCRIPTIONS = {
  PENDING: 'Waiting for its images to be uploaded and the job to be started.',
  QUEUED: 'Started; waiting for a worker.',
  LAUNCHING: 'A worker is starting.',
  PROCESSING: 'Workers are detecting animals, people and vehicles, a shard of photos each.',
  COMPLETED: 'Finished: the results are ready.',
  FAILED: 'The job failed.',
  CANCELLED: 'The job was cancelled.',
};

export const isTerminal = (status) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(status);

export function describeStatus(status) {
  return DESCRIPTIONS[status] ? t(DESCRIPTIONS[status]) : status;
}

/** A badge: the state's word in a colour (the word carries the meaning, not the colour). */
export function statusBadge(status) {
  return h('span', { class: `badge status-${status.toLowerCase()}` }, stateName(status));
}

/** "Completed", "Concluído": a state's word in the UI's language. */
export function stateName(status) {
  return t(status.charAt(0) + status.slice(1).toLowerCase());
}
