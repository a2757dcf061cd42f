/**
 * The credential store on the wallet database: each credential, with what a list shows of it, sealed as one
 * row under the wallet's data key, found by a keyed hash of its id (see sealed-records.ts).
 */
import {
  assertStorable,
  byReceivedDesc,
  type CredentialStore,
  type StoredCredential,
} from "./credential-store.ts";
import type { WalletVault } from "./data-key.ts";
import { SealedRecords, sealedRecordStatement } from "./sealed-records.ts";
import type { SqlStatement, WalletDatabase } from "./wallet-database.ts";

/** The statement that adds one credential unless its id is taken (used by the store and by backup import). */
export async function credentialRowStatement(
  credential: StoredCredential,
  vault: WalletVault,
): Promise<SqlStatement> {
  assertStorable(credential);
  return sealedRecordStatement(vault, "credential", credential.id, credential, "ignore");
}

/** A `CredentialStore` on libSQL, encrypted at rest. */
export class SqlCredentialStore implements CredentialStore {
  readonly #database: WalletDatabase;
  readonly #vault: WalletVault;
  readonly #records: SealedRecords<StoredCredential>;

  constructor(database: WalletDatabase, vault: WalletVault) {
    this.#database = database;
    this.#vault = vault;
    this.#records = new SealedRecords(database, vault, "credential");
  }

  async add(credential: StoredCredential): Promise<boolean> {
    const { rowsAffected } = await this.#database.execute(
      await credentialRowStatement(credential, this.#vault),
    );
    return rowsAffected > 0;
  }

  get(id: string): Promise<StoredCredential | undefined> {
    return this.#records.get(id);
  }

  /** Opens every row (a listing shows every credential anyway); a wallet holds hundreds, not millions. */
  async list(): Promise<StoredCredential[]> {
    return (await this.#records.list()).sort(byReceivedDesc);
  }

  remove(id: string): Promise<boolean> {
    return this.#records.delete(id);
  }
}
