import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { ControlPlaneConfig } from '@llm-control-plane/core';

/**
 * Worker credentials at rest: AES-256-GCM under a key derived with HKDF-SHA256 from a configured secret.
 * Ciphertext format: `v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url parts). The key id is a short
 * fingerprint of the key, so a value encrypted under another secret is reported as such instead of
 * failing as "corrupt". The worker id is bound as additional authenticated data: a ciphertext copied
 * onto another worker's row does not decrypt.
 */
const VERSION = 'v1';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const HKDF_SALT = 'llm-control-plane/credentials';
const HKDF_INFO = 'worker-credential-encryption v1';
const MAX_CREDENTIAL_LENGTH = 16 * 1024;

/** A derived key; the secret it came from is not kept. Opaque and not printable. */
export class CredentialKey {
  readonly #key: Buffer;
  readonly id: string;

  constructor(secret: string) {
    if (typeof secret !== 'string' || secret.length === 0) {
      throw new TypeError('a non-empty secret is needed to derive the credential key');
    }
    this.#key = Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), HKDF_SALT, HKDF_INFO, 32));
    this.id = createHmac('sha256', this.#key).update('key-id').digest().subarray(0, 6).toString('base64url');
  }

  /** @internal */
  material(): Buffer {
    return this.#key;
  }

  toJSON(): string {
    return `[CredentialKey ${this.id}]`;
  }

  toString(): string {
    return `[CredentialKey ${this.id}]`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `[CredentialKey ${this.id}]`;
  }
}

export type CredentialErrorReason = 'malformed' | 'unknown_version' | 'wrong_key' | 'tampered';

/** Decryption failed. The message never contains the ciphertext or the plaintext. */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
  readonly reason: CredentialErrorReason;
  readonly workerId: string;

  constructor(reason: CredentialErrorReason, workerId: string, message: string) {
    super(message);
    this.reason = reason;
    this.workerId = workerId;
  }
}

export function deriveCredentialKey(secret: string): CredentialKey {
  return new CredentialKey(secret);
}

export function encryptCredential(key: CredentialKey, plaintext: string, workerId: string): string {
  if (plaintext.length === 0 || plaintext.length > MAX_CREDENTIAL_LENGTH) {
    throw new TypeError(`a credential must be 1 to ${MAX_CREDENTIAL_LENGTH} characters long`);
  }
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key.material(), iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(additionalData(workerId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    VERSION,
    key.id,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    ciphertext.toString('base64url'),
  ].join(':');
}

/**
 * Decrypts with the first of `keys` whose id matches (pass the previous key too while rotating the
 * secret). Throws a CredentialError when none can.
 */
export function decryptCredential(
  keys: CredentialKey | readonly CredentialKey[],
  encrypted: string,
  workerId: string,
): string {
  const parts = encrypted.split(':');
  if (parts[0] !== VERSION) {
    throw new CredentialError(
      parts.length >= 2 && /^v\d+$/.test(parts[0] ?? '') ? 'unknown_version' : 'malformed',
      workerId,
      `the stored credential of worker '${workerId}' is not in a format this control plane can read`,
    );
  }
  if (parts.length !== 5) {
    throw new CredentialError(
      'malformed',
      workerId,
      `the stored credential of worker '${workerId}' is malformed`,
    );
  }
  const [, keyId, ivText, tagText, ciphertextText] = parts as [string, string, string, string, string];
  const key = (Array.isArray(keys) ? keys : [keys]).find(
    (candidate: CredentialKey) => candidate.id === keyId,
  );
  if (key === undefined) {
    throw new CredentialError(
      'wrong_key',
      workerId,
      `the stored credential of worker '${workerId}' was encrypted with a different secret ` +
        '(general_settings.secret_key or master_key changed); set the credential again',
    );
  }
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_LENGTH || tag.length !== TAG_LENGTH) {
    throw new CredentialError(
      'malformed',
      workerId,
      `the stored credential of worker '${workerId}' is malformed`,
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.material(), iv, { authTagLength: TAG_LENGTH });
    decipher.setAAD(additionalData(workerId));
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertextText, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new CredentialError(
      'tampered',
      workerId,
      `the stored credential of worker '${workerId}' failed its integrity check`,
    );
  }
}

function additionalData(workerId: string): Buffer {
  return Buffer.from(`worker:${workerId}`, 'utf8');
}

/** Encrypts and decrypts worker credentials with one configured secret (plus older ones for rotation). */
export type CredentialSecrets = {
  readonly keyId: string;
  encrypt(plaintext: string, workerId: string): string;
  decrypt(encrypted: string, workerId: string): string;
};

export function createCredentialSecrets(
  secret: string,
  options: { previous?: readonly string[] } = {},
): CredentialSecrets {
  const current = deriveCredentialKey(secret);
  const keys = [current, ...(options.previous ?? []).map(deriveCredentialKey)];
  return {
    keyId: current.id,
    encrypt: (plaintext, workerId) => encryptCredential(current, plaintext, workerId),
    decrypt: (encrypted, workerId) => decryptCredential(keys, encrypted, workerId),
  };
}

/**
 * The secret stored credentials are encrypted with: `general_settings.secret_key`, else the master key
 * (config, then LITELLM_MASTER_KEY as the authenticator reads it). Undefined when neither is set.
 */
export function credentialSecretFrom(
  config: ControlPlaneConfig,
  env: Record<string, string | undefined> = {},
): string | undefined {
  const settings = config.general_settings ?? {};
  for (const candidate of [settings.secret_key, settings.master_key, env.LITELLM_MASTER_KEY]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
  }
  return undefined;
}
