/**
 * Reads a wallet made before its rows were sealed (schema 0001: keys, DIDs and credentials in plaintext
 * tables, private keys sealed directly under the passphrase key), so that wallet-vault.ts can seal them.
 * Used once per wallet, on its first unlock after the upgrade.
 */
import { LearnbridgeError, toHex } from "@learnbridge/core";
import type { IIdentifier, IKey } from "@veramo/core";
import type { ManagedPrivateKey } from "@veramo/key-manager";
import type { StoredCredential } from "./credential-store.ts";
import type { RecordKind } from "./data-key.ts";
import type { SealingKey } from "./sealing-key.ts";
import { optionalText, type SqlRow, textColumn, type WalletDatabase } from "./wallet-database.ts";

/** The plaintext tables of schema 0001, dropped once their rows are sealed. */
export const LEGACY_TABLES = ["wallet_keys", "wallet_private_keys", "wallet_dids", "wallet_credentials"];

/** One row of an old wallet: its kind, its key, and the value to seal. */
export interface LegacyRecord {
  readonly kind: RecordKind;
  readonly key: string;
  readonly value: unknown;
}

const optional = <K extends string>(name: K, value: string | undefined) =>
  value === undefined ? {} : ({ [name]: value } as Record<K, string>);

function keyFrom(row: SqlRow): IKey {
  const meta = optionalText(row, "meta");
  return {
    kid: textColumn(row, "kid"),
    kms: textColumn(row, "kms"),
    type: textColumn(row, "type") as IKey["type"],
    publicKeyHex: textColumn(row, "public_key_hex"),
    ...(meta ? { meta: JSON.parse(meta) } : {}),
  };
}

function identifierFrom(row: SqlRow): IIdentifier {
  return {
    did: textColumn(row, "did"),
    ...optional("alias", optionalText(row, "alias")),
    provider: textColumn(row, "provider"),
    ...optional("controllerKeyId", optionalText(row, "controller_key_id")),
    keys: JSON.parse(textColumn(row, "keys")),
    services: JSON.parse(textColumn(row, "services")),
  };
}

function credentialFrom(row: SqlRow): StoredCredential {
  const format = textColumn(row, "format") as StoredCredential["format"];
  const text = textColumn(row, "credential");
  return {
    id: textColumn(row, "id"),
    format,
    credential: format === "ldp_vc" ? JSON.parse(text) : text,
    issuer: textColumn(row, "issuer"),
    ...optional("issuerName", optionalText(row, "issuer_name")),
    types: JSON.parse(textColumn(row, "types")),
    ...optional("achievementName", optionalText(row, "achievement_name")),
    ...optional("holder", optionalText(row, "holder")),
    receivedAt: textColumn(row, "received_at"),
  };
}

/** Opens a private key the old way (its own context, straight under the passphrase key). */
async function privateKeyFrom(row: SqlRow, sealingKey: SealingKey): Promise<ManagedPrivateKey> {
  const alias = textColumn(row, "alias");
  const plaintext = await sealingKey.open(
    textColumn(row, "sealed"),
    `learnbridge-wallet:private-key:${alias}`,
  );
  if (!plaintext) {
    throw new LearnbridgeError("INTERNAL", `private key ${alias} cannot be opened with this passphrase`);
  }
  return {
    alias,
    type: textColumn(row, "type") as ManagedPrivateKey["type"],
    privateKeyHex: toHex(plaintext),
  };
}

/** Every row of the old tables, in the order the stores listed them; empty once they are gone. */
export async function readLegacyRecords(
  database: WalletDatabase,
  sealingKey: SealingKey,
): Promise<LegacyRecord[]> {
  const { rows: tables } = await database.execute({
    sql: `SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN (${LEGACY_TABLES.map(() => "?").join(", ")})`,
    args: LEGACY_TABLES,
  });
  if (tables.length === 0) return [];
  if (tables.length !== LEGACY_TABLES.length) {
    throw new LearnbridgeError("INTERNAL", "the wallet file is damaged: some of its old tables are missing");
  }
  const select = async (sql: string) => (await database.execute({ sql })).rows;
  const keys = (await select("SELECT * FROM wallet_keys ORDER BY rowid")).map(keyFrom);
  const privateKeys = await Promise.all(
    (await select("SELECT * FROM wallet_private_keys ORDER BY rowid")).map((row) =>
      privateKeyFrom(row, sealingKey),
    ),
  );
  const dids = (await select("SELECT * FROM wallet_dids ORDER BY position")).map(identifierFrom);
  const credentials = (await select("SELECT * FROM wallet_credentials ORDER BY received_at, id")).map(
    credentialFrom,
  );
  return [
    ...keys.map((value) => ({ kind: "key" as const, key: value.kid, value })),
    ...privateKeys.map((value) => ({ kind: "private-key" as const, key: value.alias, value })),
    ...dids.map((value) => ({ kind: "did" as const, key: value.did, value })),
    ...credentials.map((value) => ({ kind: "credential" as const, key: value.id, value })),
  ];
}
