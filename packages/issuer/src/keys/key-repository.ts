/** The port for the node's signing keys (sealed private keys, public Multikeys, rotation status). */
import type { SignatureAlgorithm } from "@learnbridge/core";

/** Active keys sign; retired keys still verify what they signed; revoked keys verify nothing. */
export type KeyStatus = "active" | "retired" | "revoked";

export interface StoredKey {
  /** The verification method fragment, e.g. `key-2026-11-30`. */
  readonly id: string;
  readonly algorithm: SignatureAlgorithm;
  readonly publicKeyMultibase: string;
  /** The private JWK sealed by the KeyVault. */
  readonly sealedPrivateKey: string;
  readonly status: KeyStatus;
  readonly createdAt: string;
}

export interface KeyRepository {
  /** Every key, oldest first. */
  list(): Promise<readonly StoredKey[]>;
  /** Adds a key; false when a key with that id exists (nothing is overwritten). */
  insert(key: StoredKey): Promise<boolean>;
  /** Changes a key's status; false when there is no such key. */
  setStatus(id: string, status: KeyStatus): Promise<boolean>;
}

/** The in-memory twin. */
export class MemoryKeyRepository implements KeyRepository {
  readonly #keys = new Map<string, StoredKey>();

  async list() {
    return [...this.#keys.values()];
  }

  async insert(key: StoredKey) {
    if (this.#keys.has(key.id)) return false;
    this.#keys.set(key.id, { ...key });
    return true;
  }

  async setStatus(id: string, status: KeyStatus) {
    const key = this.#keys.get(id);
    if (!key) return false;
    this.#keys.set(id, { ...key, status });
    return true;
  }
}
