import type {
  AuditEntry,
  AuditFilter,
  ControlPlaneStore,
  LoginLockout,
  LoginThrottleStore,
  StoredUser,
  StoredWorker,
} from '../../src/storage/types.js';
import { StoreError } from '../../src/storage/types.js';

/**
 * An in-memory ControlPlaneStore for route tests, which would otherwise spend seconds initialising the
 * embedded database per test. The end-to-end tests use the real store.
 */
export function createMemoryStore(): ControlPlaneStore {
  const audit: AuditEntry[] = [];
  const workers = new Map<string, StoredWorker>();
  const users = new Map<string, StoredUser>();
  const revoked = new Map<string, Date>();
  const logins = createMemoryLoginStore();
  let registryVersion = 0;
  const timestamp = () => new Date().toISOString();

  return {
    kind: 'embedded',
    location: 'memory',
    audit: {
      async append(input) {
        const entry: AuditEntry = {
          id: String(audit.length + 1),
          at: timestamp(),
          actor: input.actor,
          workerId: input.workerId,
          action: input.action,
          method: input.method ?? null,
          path: input.path ?? null,
          target: input.target ?? null,
          status: input.status,
          requestId: input.requestId,
          correlationId: input.correlationId ?? null,
          detail: input.detail ?? null,
        };
        audit.push(entry);
        return entry;
      },
      async query(filter: AuditFilter = {}) {
        const limit = filter.limit ?? 100;
        const before = filter.cursor ? Number(filter.cursor) : Number.POSITIVE_INFINITY;
        const matches = audit
          .filter((entry) => Number(entry.id) < before)
          .filter((entry) => filter.workerId === undefined || entry.workerId === filter.workerId)
          .filter((entry) => filter.actor === undefined || entry.actor === filter.actor)
          .filter((entry) => filter.action === undefined || entry.action === filter.action)
          .filter((entry) => {
            if (filter.status === undefined) return true;
            if (typeof filter.status === 'number') return entry.status === filter.status;
            return String(entry.status)[0] === String(filter.status)[0];
          })
          .reverse();
        const entries = matches.slice(0, limit);
        const last = entries.at(-1);
        return { entries, nextCursor: matches.length > limit && last ? last.id : null };
      },
    },
    workers: {
      async list() {
        return [...workers.values()];
      },
      async get(id) {
        return workers.get(id) ?? null;
      },
      async insert(worker) {
        if (workers.has(worker.worker_id))
          throw new StoreError('conflict', `worker ${worker.worker_id} exists`);
        const stored: StoredWorker = {
          region: null,
          labels: null,
          timeout_ms: null,
          api_key_encrypted: null,
          ...worker,
          created_at: timestamp(),
          updated_at: timestamp(),
        };
        workers.set(worker.worker_id, stored);
        registryVersion += 1;
        return stored;
      },
      async update(id, patch) {
        const existing = workers.get(id);
        if (!existing) return null;
        const updated = { ...existing, ...patch, updated_at: timestamp() } as StoredWorker;
        workers.set(id, updated);
        registryVersion += 1;
        return updated;
      },
      async remove(id) {
        const removed = workers.delete(id);
        if (removed) registryVersion += 1;
        return removed;
      },
      async version() {
        return registryVersion;
      },
    },
    users: {
      async list() {
        return [...users.values()];
      },
      async get(username) {
        return users.get(username) ?? null;
      },
      async insert(user) {
        if (users.has(user.username)) throw new StoreError('conflict', `user ${user.username} exists`);
        const stored: StoredUser = {
          scope_workers: null,
          scope_labels: null,
          ...user,
          created_at: timestamp(),
          updated_at: timestamp(),
        };
        users.set(user.username, stored);
        return stored;
      },
      async update(username, patch) {
        const existing = users.get(username);
        if (!existing) return null;
        const updated = { ...existing, ...patch, updated_at: timestamp() } as StoredUser;
        users.set(username, updated);
        return updated;
      },
      async remove(username) {
        return users.delete(username);
      },
    },
    sessions: {
      async revoke(sessionId, expiresAt) {
        revoked.set(sessionId, expiresAt);
      },
      async isRevoked(sessionId) {
        return revoked.has(sessionId);
      },
      async purgeExpired(now = new Date()) {
        let removed = 0;
        for (const [id, expiresAt] of revoked) {
          if (expiresAt <= now) {
            revoked.delete(id);
            removed += 1;
          }
        }
        return removed;
      },
    },
    logins,
    async ping() {},
    async close() {},
  };
}

function createMemoryLoginStore(): LoginThrottleStore {
  const failures = new Map<string, { username: string; count: number; last: Date }>();
  const lockouts = new Map<string, LoginLockout>();
  const pair = (username: string, address: string) => JSON.stringify([username, address]);
  return {
    async standing(username, address, since, now) {
      const entry = failures.get(pair(username, address));
      const counted = entry !== undefined && entry.last > since ? entry : undefined;
      const lockout = lockouts.get(username);
      return {
        failures: counted?.count ?? 0,
        last_failure_at: counted?.last.toISOString() ?? null,
        locked_until:
          lockout !== undefined && new Date(lockout.locked_until) > now ? lockout.locked_until : null,
      };
    },
    async recordFailure(username, address, at, since) {
      const key = pair(username, address);
      const entry = failures.get(key);
      const count = entry !== undefined && entry.last > since ? entry.count + 1 : 1;
      failures.set(key, { username, count, last: at });
      return count;
    },
    async clearFailures(username, address) {
      failures.delete(pair(username, address));
    },
    async lock(lockout) {
      lockouts.set(lockout.username, { ...lockout });
    },
    async lockouts(now) {
      return [...lockouts.values()]
        .filter((lockout) => new Date(lockout.locked_until) > now)
        .sort((left, right) => left.username.localeCompare(right.username));
    },
    async unlock(username, now) {
      const lockout = lockouts.get(username);
      lockouts.delete(username);
      for (const [key, entry] of failures) if (entry.username === username) failures.delete(key);
      return lockout !== undefined && new Date(lockout.locked_until) > now;
    },
    async purgeExpired(now, since) {
      let removed = 0;
      for (const [username, lockout] of lockouts) {
        if (new Date(lockout.locked_until) <= now) removed += Number(lockouts.delete(username));
      }
      for (const [key, entry] of failures) {
        if (entry.last <= since) removed += Number(failures.delete(key));
      }
      return removed;
    },
  };
}
