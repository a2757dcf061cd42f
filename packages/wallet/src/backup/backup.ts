/**
 * Encrypted backups: one file holding the learner's keys (private halves included), DIDs and credentials,
 * sealed with AES-256-GCM under a key derived from a passphrase (PBKDF2-SHA-256, a fresh salt per file).
 * Import opens the file first: a wrong passphrase or a damaged file is refused before anything is written,
 * and everything is then written in one transaction, sealed under the receiving wallet's own data key. What
 * the wallet already has is kept as it is (keys and DIDs are named by their public keys, so the same name
 * means the same key). The format does not depend on how a wallet stores its rows: backups made before rows
 * were sealed import as they always did.
 */
import { fromUtf8, LearnbridgeError, utf8 } from "@learnbridge/core";
import type { IIdentifier, IKey } from "@veramo/core";
import type { ManagedPrivateKey } from "@veramo/key-manager";
import type { StoredCredential } from "../storage/credential-store.ts";
import { didRowStatement, SqlDidStore } from "../storage/did-store.ts";
import { keyRowStatement, SqlKeyStore } from "../storage/key-store.ts";
import { SqlPrivateKeyStore, sealedKeyStatement } from "../storage/private-key-store.ts";
import { deriveSealingKey, type KdfParams, newKdfParams, readKdfParams } from "../storage/sealing-key.ts";
import { credentialRowStatement } from "../storage/sql-credential-store.ts";
import type { SqlStatement } from "../storage/wallet-database.ts";
import type { Wallet } from "../wallet.ts";

export const BACKUP_FORMAT = "learnbridge-wallet-backup";
const CONTEXT = "learnbridge-wallet:backup:v1";

/** What a backup holds once opened. */
export interface BackupContents {
  readonly createdAt: string;
  readonly keys: readonly IKey[];
  readonly privateKeys: readonly ManagedPrivateKey[];
  readonly dids: readonly IIdentifier[];
  readonly credentials: readonly StoredCredential[];
}

/** The file as written: format, KDF parameters, and the sealed contents. */
interface BackupFile {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: 1;
  readonly kdf: KdfParams;
  readonly sealed: string;
}

/** How many of each a backup held, and how many were new to the wallet. */
export interface ImportSummary {
  readonly keys: { readonly total: number; readonly added: number };
  readonly dids: { readonly total: number; readonly added: number };
  readonly credentials: { readonly total: number; readonly added: number };
}

/** Writes the whole wallet into a backup text sealed under `passphrase`. */
export async function exportBackup(wallet: Wallet, passphrase: string): Promise<string> {
  const contents: BackupContents = {
    createdAt: wallet.clock().toISOString(),
    keys: await new SqlKeyStore(wallet.database, wallet.vault).listKeys({}),
    privateKeys: await new SqlPrivateKeyStore(wallet.database, wallet.vault).listKeys({}),
    dids: await new SqlDidStore(wallet.database, wallet.vault).listDIDs({}),
    credentials: await wallet.credentials.list(),
  };
  const key = await deriveSealingKey(passphrase, newKdfParams(wallet.sealingKey.params.iterations));
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: 1,
    kdf: key.params,
    sealed: await key.seal(utf8(JSON.stringify(contents)), CONTEXT),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const damaged = (why: string) =>
  new LearnbridgeError("FIELD_INVALID", `this is not a readable wallet backup: ${why}`);

/** Opens a backup; UNAUTHORIZED for a wrong passphrase, FIELD_INVALID for anything that is not a backup. */
export async function openBackup(text: string, passphrase: string): Promise<BackupContents> {
  let file: Partial<BackupFile>;
  try {
    file = JSON.parse(text);
  } catch {
    throw damaged("it is not JSON");
  }
  if (file?.format !== BACKUP_FORMAT) throw damaged("it is not a Learnbridge wallet backup");
  if (file.version !== 1) throw damaged(`version ${String(file.version)} is not known to this wallet`);
  const params = readKdfParams(file.kdf);
  if (!params || typeof file.sealed !== "string") throw damaged("its encryption settings are missing");
  const plaintext = await (await deriveSealingKey(passphrase, params)).open(file.sealed, CONTEXT);
  if (!plaintext) {
    throw new LearnbridgeError(
      "UNAUTHORIZED",
      "the passphrase does not open this backup (or the file was changed)",
    );
  }
  const contents = JSON.parse(fromUtf8(plaintext)) as BackupContents;
  for (const part of ["keys", "privateKeys", "dids", "credentials"] as const) {
    if (!Array.isArray(contents?.[part])) throw damaged(`it has no ${part}`);
  }
  return contents;
}

/** Writes an opened backup into the wallet, all in one transaction. */
export async function importBackup(wallet: Wallet, contents: BackupContents): Promise<ImportSummary> {
  const { vault } = wallet;
  let statements: { kind: keyof ImportSummary | "private"; statement: SqlStatement }[];
  try {
    const each = <T>(
      items: readonly T[],
      kind: keyof ImportSummary | "private",
      make: (item: T) => Promise<SqlStatement>,
    ) => Promise.all(items.map(async (item) => ({ kind, statement: await make(item) })));
    statements = [
      ...(await each(contents.keys, "keys", (k) => keyRowStatement(k, vault, "ignore"))),
      ...(await each(contents.privateKeys, "private", (k) => sealedKeyStatement(k, vault, "ignore"))),
      ...(await each(contents.dids, "dids", (d) => didRowStatement(d, vault, "ignore"))),
      ...(await each(contents.credentials, "credentials", (c) => credentialRowStatement(c, vault))),
    ];
  } catch (cause) {
    throw new LearnbridgeError(
      "FIELD_INVALID",
      "the backup's contents are damaged; nothing was imported",
      {},
      { cause },
    );
  }
  const results = await wallet.database.batch(
    statements.map((s) => s.statement),
    "write",
  );
  const added = (kind: keyof ImportSummary) =>
    statements.filter((s, i) => s.kind === kind && (results[i]?.rowsAffected ?? 0) > 0).length;
  return {
    keys: { total: contents.keys.length, added: added("keys") },
    dids: { total: contents.dids.length, added: added("dids") },
    credentials: { total: contents.credentials.length, added: added("credentials") },
  };
}
