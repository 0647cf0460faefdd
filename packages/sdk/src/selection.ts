import type { WorkerRegistryEntry } from '@llm-control-plane/core';
import type { PublicWorkerEntry, WorkerSelector } from './types.js';

export function toPublicEntry(entry: WorkerRegistryEntry, hasCredential: boolean): PublicWorkerEntry {
  const { api_key: _credential, ui_password: _password, ...rest } = entry;
  const copy: PublicWorkerEntry = { ...rest, has_credential: hasCredential };
  if (rest.labels) copy.labels = { ...rest.labels };
  return copy;
}

/** Every criterion given must hold; an empty or missing selector selects every worker. */
export function matchesSelector(entry: WorkerRegistryEntry, selector: WorkerSelector | undefined): boolean {
  if (selector === undefined) return true;
  if (Array.isArray(selector)) return selector.includes(entry.worker_id);
  if (selector.ids && !selector.ids.includes(entry.worker_id)) return false;
  if (selector.regions && (entry.region === undefined || !selector.regions.includes(entry.region)))
    return false;
  if (selector.labels) {
    for (const [name, value] of Object.entries(selector.labels)) {
      if (entry.labels?.[name] !== value) return false;
    }
  }
  return true;
}

/** Ids the selector names explicitly, so callers can report the ones the registry does not hold. */
export function explicitIds(selector: WorkerSelector | undefined): string[] {
  if (selector === undefined) return [];
  return Array.isArray(selector) ? selector : (selector.ids ?? []);
}
