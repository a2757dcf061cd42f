/**
 * Veramo's key store on the wallet database: which KMS holds each key, its type, public key and metadata,
 * sealed under the wallet's data key (a public key is the learner's did:key, an identifier worth hiding).
 * Never the private half: Veramo's KeyManager may hand one over on import, and it is dropped here because
 * private keys live in the private key store.
 */
import type { IKey, ManagedKeyInfo } from "@veramo/core";
import { AbstractKeyStore } from "@veramo/key-manager";
import type { WalletVault } from "./data-key.ts";
import { type OnConflict, SealedRecords, sealedRecordStatement } from "./sealed-records.ts";
import type { SqlStatement, WalletDatabase } from "./wallet-database.ts";

/** A key's public part, as stored. */
function publicPart(key: Partial<IKey>): ManagedKeyInfo {
  const { kid, kms, type, publicKeyHex, meta } = key;
  if (!kid || !kms || !type || !publicKeyHex) {
    throw new TypeError("a key needs kid, kms, type and publicKeyHex");
  }
  return { kid, kms, type, publicKeyHex, ...(meta ? { meta } : {}) };
}

/** The statement that records one key's public part (used by the store and by backup import). */
export async function keyRowStatement(
  key: Partial<IKey>,
  vault: WalletVault,
  onConflict: Extract<OnConflict, "replace" | "ignore"> = "replace",
): Promise<SqlStatement> {
  const stored = publicPart(key);
  return sealedRecordStatement(vault, "key", stored.kid, stored, onConflict);
}

/** An `AbstractKeyStore` on libSQL, encrypted at rest. */
export class SqlKeyStore extends AbstractKeyStore {
  readonly #records: SealedRecords<ManagedKeyInfo>;

  constructor(database: WalletDatabase, vault: WalletVault) {
    super();
    this.#records = new SealedRecords(database, vault, "key");
  }

  async importKey(args: Partial<IKey>): Promise<boolean> {
    const stored = publicPart(args);
    await this.#records.put(stored.kid, stored, "replace");
    return true;
  }

  async getKey({ kid }: { kid: string }): Promise<IKey> {
    const found = await this.#records.get(kid);
    // Veramo's own stores answer a missing key with this error; its managers rely on a throw.
    if (!found) throw new Error("Key not found");
    return found as IKey;
  }

  deleteKey({ kid }: { kid: string }): Promise<boolean> {
    return this.#records.delete(kid);
  }

  listKeys(_args: Record<string, never> = {}): Promise<ManagedKeyInfo[]> {
    return this.#records.list();
  }
}
