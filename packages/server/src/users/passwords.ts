import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Cost parameters for new hashes: one of OWASP's equivalent scrypt minimums (N=2^15, r=8, p=3), chosen
 * over N=2^17, p=1 for its 32 MiB instead of 128 MiB per concurrent login at the same CPU cost.
 */
export const SCRYPT_PARAMETERS = { N: 2 ** 15, r: 8, p: 3 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
/** Upper bounds for parameters read from a stored hash, so a tampered row cannot exhaust memory. */
const MAX_LOG2_N = 20;
const MAX_R = 16;
const MAX_P = 4;

export const PASSWORD_MIN_LENGTH = 12;
/** scrypt reads the whole input; a cap keeps a huge body from costing more than the hash itself. */
export const PASSWORD_MAX_LENGTH = 1024;

function deriveKey(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes plus overhead, which the default 32 MiB does not at N=2^17.
    const maxmem = 256 * (options.N ?? 0) * (options.r ?? 8) + 1024 * 1024;
    scrypt(password.normalize('NFKC'), salt, length, { ...options, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** Encodes as `scrypt$N$r$p$salt$hash` (salt and hash base64url), with a fresh random salt. */
export async function hashPassword(
  password: string,
  parameters: { N: number; r: number; p: number } = SCRYPT_PARAMETERS,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await deriveKey(password, salt, KEY_LENGTH, parameters);
  return [
    'scrypt',
    parameters.N,
    parameters.r,
    parameters.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** True when `password` matches `encoded`; false for a wrong password or a malformed hash, never throws. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parseHash(encoded);
  if (parsed === null || password.length > PASSWORD_MAX_LENGTH) return false;
  try {
    const key = await deriveKey(password, parsed.salt, parsed.hash.length, {
      N: parsed.N,
      r: parsed.r,
      p: parsed.p,
    });
    return timingSafeEqual(key, parsed.hash);
  } catch {
    return false;
  }
}

function parseHash(encoded: string): { N: number; r: number; p: number; salt: Buffer; hash: Buffer } | null {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((value) => Number.isSafeInteger(value) && value > 0)) return null;
  if (N < 2 || (N & (N - 1)) !== 0 || N > 2 ** MAX_LOG2_N || r > MAX_R || p > MAX_P) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const hash = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < 8 || hash.length < 16) return null;
  return { N, r, p, salt, hash };
}
