import { createHash, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';

/** LiteLLM stores and looks keys up by the SHA-256 hex digest of the raw key ("token"). */
export function hashToken(rawKey: string): string {
  return createHash('sha256').update(rawKey).digest('hex');
}

/** `"sk-" + urlsafe-random`, 22 characters after the prefix, like `secrets.token_urlsafe(16)`. */
export function generateRawKey(): string {
  return `sk-${randomBytes(16).toString('base64url')}`;
}

export function generateId(): string {
  return randomUUID();
}

export function generateLoginCode(): string {
  return randomBytes(32).toString('base64url');
}

/** Display form of a key: `sk-...` + last four characters. */
export function keyDisplayName(rawKey: string): string {
  return `sk-...${rawKey.slice(-4)}`;
}

/** `abcd****wxyz`, as LiteLLM prints keys it rejects. */
export function maskSecret(value: string): string {
  if (value.length <= 8) return '****';
  return `${value.slice(0, 4)}****${value.slice(-4)}`;
}

/** User ids in authorisation errors: first 6 characters, `*`, last 2. */
export function maskUserId(userId: string | null): string {
  if (!userId) return 'None';
  if (userId.length <= 8) return userId;
  return `${userId.slice(0, 6)}*${userId.slice(-2)}`;
}

/**
 * Password hashes use scrypt with a small cost: the emulator only needs the property that the stored
 * value is not the password, and logins must stay fast in scale tests.
 */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const derived = scryptSync(password, salt, 32, { N: 1024 });
  return `scrypt$${salt.toString('base64url')}$${derived.toString('base64url')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, 'base64url');
  const derived = scryptSync(password, Buffer.from(saltText, 'base64url'), expected.length, { N: 1024 });
  return timingSafeEqual(derived, expected);
}

/** Constant-time string comparison through digests, so lengths leak nothing either. */
export function secretsEqual(left: string, right: string): boolean {
  return timingSafeEqual(
    createHash('sha256').update(left).digest(),
    createHash('sha256').update(right).digest(),
  );
}

const DURATION_UNITS_MS: Record<string, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  mo: 2_592_000_000,
};

/** LiteLLM duration strings: integer + `s|m|h|d|w|mo`. Returns milliseconds, or null when malformed. */
export function parseDuration(duration: string): number | null {
  const match = /^(\d+)\s*(mo|s|m|h|d|w)$/.exec(duration.trim());
  if (!match) return null;
  return Number(match[1]) * DURATION_UNITS_MS[match[2]!]!;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
