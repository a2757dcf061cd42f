/**
 * Veramo's DID store on the wallet database: the learner's identifiers with their keys' public parts and
 * services, sealed under the wallet's data key, in the order they were made (the first is the one the wallet
 * uses unless told otherwise). A learner has a handful, so lookups by alias or provider open them all.
 */
import type { IIdentifier, IKey } from "@veramo/core";
import { AbstractDIDStore } from "@veramo/did-manager";
import type { WalletVault } from "./data-key.ts";
import { type OnConflict, SealedRecords, sealedRecordStatement } from "./sealed-records.ts";
import type { SqlStatement, WalletDatabase } from "./wallet-database.ts";

/** An identifier as stored: never with private key material. */
function storable(identifier: IIdentifier): IIdentifier {
  if (!identifier?.did || !identifier.provider) throw new TypeError("an identifier needs did and provider");
  const keys = (identifier.keys ?? []).map(({ privateKeyHex: _secret, ...key }: IKey) => key);
  const { did, alias, provider, controllerKeyId, services } = identifier;
  return {
    did,
    ...(alias !== undefined && alias !== null ? { alias } : {}),
    provider,
    ...(controllerKeyId !== undefined && controllerKeyId !== null ? { controllerKeyId } : {}),
    keys,
    services: services ?? [],
  };
}

/** The statement that records an identifier (used by the store and by backup import). */
export async function didRowStatement(
  identifier: IIdentifier,
  vault: WalletVault,
  onConflict: Extract<OnConflict, "replace" | "ignore"> = "replace",
): Promise<SqlStatement> {
  const stored = storable(identifier);
  return sealedRecordStatement(vault, "did", stored.did, stored, onConflict);
}

/** An `AbstractDIDStore` on libSQL, encrypted at rest. */
export class SqlDidStore extends AbstractDIDStore {
  readonly #records: SealedRecords<IIdentifier>;

  constructor(database: WalletDatabase, vault: WalletVault) {
    super();
    this.#records = new SealedRecords(database, vault, "did");
  }

  async importDID(args: IIdentifier): Promise<boolean> {
    const stored = storable(args);
    // Replacing keeps the row's place, so a re-imported first identifier stays the default.
    await this.#records.put(stored.did, stored, "replace");
    return true;
  }

  async getDID(args: { did: string }): Promise<IIdentifier>;
  async getDID(args: { alias: string }): Promise<IIdentifier>;
  async getDID({ did, alias }: { did?: string; alias?: string }): Promise<IIdentifier> {
    // The same contract as Veramo's MemoryDIDStore: by did, or by alias; a miss is a `not_found` error.
    if (Boolean(did) === Boolean(alias))
      throw new Error("invalid_argument: Get requires did or (alias and provider)");
    const found = did
      ? await this.#records.get(did)
      : (await this.#records.list()).find((identifier) => identifier.alias === alias);
    if (!found)
      throw new Error(`not_found: IIdentifier not found with ${did ? `did=${did}` : `alias=${alias}`}`);
    return found;
  }

  deleteDID({ did }: { did: string }): Promise<boolean> {
    return this.#records.delete(did);
  }

  async listDIDs({ alias, provider }: { alias?: string; provider?: string } = {}): Promise<IIdentifier[]> {
    return (await this.#records.list()).filter(
      (identifier) =>
        (!alias || identifier.alias === alias) && (!provider || identifier.provider === provider),
    );
  }
}
