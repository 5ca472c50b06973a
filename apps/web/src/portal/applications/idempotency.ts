// The Idempotency-Key of a submit: made once per visit of the form and kept in sessionStorage
// under the list id, so that a retry after a network failure (or a reload) sends the same key
// and cannot file the application twice. Dropped once the application is filed.

const prefix = 'zt.apply.idempotencyKey.';

function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; getRandomValues does not
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The key kept for this list, or a new one (kept from now on). */
export function idempotencyKeyFor(listId: string): string {
  try {
    const kept = sessionStorage.getItem(prefix + listId);
    if (kept) return kept;
    const key = randomKey();
    sessionStorage.setItem(prefix + listId, key);
    return key;
  } catch {
    // storage disabled: the key lives as long as the page
    return randomKey();
  }
}

/** Forgets the key of this list: the next visit files a new application. */
export function forgetIdempotencyKey(listId: string): void {
  try {
    sessionStorage.removeItem(prefix + listId);
  } catch {
    // nothing kept
  }
}
