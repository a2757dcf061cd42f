/**
 * Veramo's DID store on the wallet database: the learner's identifiers with their keys' public parts and
 * services, in the order they were made (the first is the one the wallet uses unless told otherwise).
 */
import type { IIdentifier, IKey } from "@veramo/core";
import { AbstractDIDStore } from "@veramo/did-manager";
import {
  optionalText,
  type SqlRow,
  type SqlStatement,
  textColumn,
  type WalletDatabase,
} from "./wallet-database.ts";

/** The statement that records an identifier; never stores private key material. */
export function didRowStatement(
  identifier: IIdentifier,
  onConflict: "update" | "ignore" = "update",
): SqlStatement {
  if (!identifier?.did || !identifier.provider) throw new TypeError("an identifier needs did and provider");
  const keys = (identifier.keys ?? []).map(({ privateKeyHex: _secret, ...key }: IKey) => key);
  const conflict =
    onConflict === "ignore"
      ? "DO NOTHING"
      : `DO UPDATE SET alias = excluded.alias, provider = excluded.provider,
         controller_key_id = excluded.controller_key_id, keys = excluded.keys, services = excluded.services`;
  return {
    sql: `INSERT INTO wallet_dids (did, alias, provider, controller_key_id, keys, services, position)
          VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM wallet_dids))
          ON CONFLICT (did) ${conflict}`,
    args: [
      identifier.did,
      identifier.alias ?? null,
      identifier.provider,
      identifier.controllerKeyId ?? null,
      JSON.stringify(keys),
      JSON.stringify(identifier.services ?? []),
    ],
  };
}

function identifierFromRow(row: SqlRow): IIdentifier {
  const alias = optionalText(row, "alias");
  const controllerKeyId = optionalText(row, "controller_key_id");
  return {
    did: textColumn(row, "did"),
    ...(alias !== undefined ? { alias } : {}),
    provider: textColumn(row, "provider"),
    ...(controllerKeyId !== undefined ? { controllerKeyId } : {}),
    keys: JSON.parse(textColumn(row, "keys")),
    services: JSON.parse(textColumn(row, "services")),
  };
}

/** An `AbstractDIDStore` on libSQL. */
export class SqlDidStore extends AbstractDIDStore {
  readonly #database: WalletDatabase;

  constructor(database: WalletDatabase) {
    super();
    this.#database = database;
  }

  async importDID(args: IIdentifier): Promise<boolean> {
    await this.#database.execute(didRowStatement(args));
    return true;
  }

  async getDID(args: { did: string }): Promise<IIdentifier>;
  async getDID(args: { alias: string }): Promise<IIdentifier>;
  async getDID({ did, alias }: { did?: string; alias?: string }): Promise<IIdentifier> {
    // The same contract as Veramo's MemoryDIDStore: by did, or by alias; a miss is a `not_found` error.
    const [where, value] =
      did && !alias ? ["did = ?", did] : !did && alias ? ["alias = ?", alias] : [undefined, undefined];
    if (!where || value === undefined)
      throw new Error("invalid_argument: Get requires did or (alias and provider)");
    const { rows } = await this.#database.execute({
      sql: `SELECT * FROM wallet_dids WHERE ${where} ORDER BY position LIMIT 1`,
      args: [value],
    });
    if (!rows[0])
      throw new Error(`not_found: IIdentifier not found with ${did ? `did=${did}` : `alias=${alias}`}`);
    return identifierFromRow(rows[0]);
  }

  async deleteDID({ did }: { did: string }): Promise<boolean> {
    const { rowsAffected } = await this.#database.execute({
      sql: "DELETE FROM wallet_dids WHERE did = ?",
      args: [did],
    });
    return rowsAffected > 0;
  }

  async listDIDs({ alias, provider }: { alias?: string; provider?: string } = {}): Promise<IIdentifier[]> {
    const conditions: string[] = [];
    const args: string[] = [];
    if (alias) {
      conditions.push("alias = ?");
      args.push(alias);
    }
    if (provider) {
      conditions.push("provider = ?");
      args.push(provider);
    }
    const where = conditions.length ? `WHERE ${conditions.join(" AND ")}` : "";
    const { rows } = await this.#database.execute({
      sql: `SELECT * FROM wallet_dids ${where} ORDER BY position`,
      args,
    });
    return rows.map(identifierFromRow);
  }
}
