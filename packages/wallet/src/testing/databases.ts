/** Test support: wallet databases on libSQL, in memory and on a file, migrated and ready. */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { migrateWallet } from "../storage/schema.ts";

/** A migrated wallet database in memory. */
export async function memoryDatabase(): Promise<Client> {
  const client = createClient({ url: ":memory:" });
  await migrateWallet(client);
  return client;
}

/** A migrated wallet database on a fresh file; `url` reopens the same file with another client. */
export async function fileDatabase(): Promise<{ client: Client; url: string }> {
  const url = `file:${join(await mkdtemp(join(tmpdir(), "learnbridge-wallet-")), "wallet.db")}`;
  const client = createClient({ url });
  await migrateWallet(client);
  return { client, url };
}
