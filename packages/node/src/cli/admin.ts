/**
 * `learnbridge admin …`: staff API keys managed on the centre's own database, for the operator at the
 * machine (a first key, a lost admin token). The database is found as the server finds it: --database-url,
 * else DATABASE_URL, else DATA_DIR/centre.db. Changes are audited with actor `cli`, origin `local`.
 */
import { mkdir } from "node:fs/promises";
import { parseArgs } from "node:util";
import { LearnbridgeError } from "@learnbridge/core";
import { parseScopes, SCOPES, StaffAccess } from "@learnbridge/issuer";
import { LibsqlApiKeyRepository, LibsqlAuditLog, migrate } from "@learnbridge/store";
import { ConfigError, readConfig } from "../server/config.ts";
import { openCentreDatabase } from "../server/database.ts";
import { CommandFailure, UsageError } from "./errors.ts";
import type { CliIo } from "./io.ts";

export const ADMIN_HELP = `Usage: learnbridge admin <subcommand> [options] [--database-url URL] [--json]

Manages the staff API keys of the centre whose database this is (run it where the centre runs).
  create-key --name NAME --scope issue,revoke   create a key; its token is printed once
  list-keys                                     every key (never a token), revoked ones too
  revoke-key [--] ID                            revoke a key for good (not the last admin key)
Scopes: ${SCOPES.join(", ")} (admin holds every scope).
The database: --database-url, else DATABASE_URL, else $DATA_DIR/centre.db (DATA_DIR default ./data).`;

const WHO = { actor: "cli", origin: "local" };

/** Runs one admin subcommand; returns the exit status. */
export async function admin(args: string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" },
      scope: { type: "string", multiple: true },
      "database-url": { type: "string" },
      json: { type: "boolean", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (subcommand !== "create-key" && subcommand !== "list-keys" && subcommand !== "revoke-key") {
    throw new UsageError(subcommand ? `unknown subcommand '${subcommand}'` : "name a subcommand");
  }
  if (subcommand !== "revoke-key" && positionals.length) {
    throw new UsageError(`unexpected argument '${positionals[0]}'`);
  }
  const client = await openDatabase(values["database-url"], io);
  try {
    const access = new StaffAccess({
      apiKeys: new LibsqlApiKeyRepository(client),
      audit: new LibsqlAuditLog(client),
    });
    const print = (value: unknown, text: string) =>
      io.out(values.json ? JSON.stringify(value, null, 2) : text);

    if (subcommand === "create-key") {
      if (!values.name) throw new UsageError("--name is required");
      const scopes = parseScopes((values.scope ?? []).join(","));
      if (!scopes)
        throw new UsageError(`--scope must name some of ${SCOPES.join(", ")}, e.g. --scope issue,revoke`);
      const { key, token } = await access.create({ name: values.name, scopes }, WHO);
      print(
        { ...key, token },
        `Created API key ${key.id} "${key.name}" (${key.scopes.join(", ")}).\ntoken (shown once, store it now): ${token}`,
      );
      return 0;
    }
    if (subcommand === "list-keys") {
      const keys = await access.list();
      const lines = keys.map(
        (k) =>
          `${k.id}  ${k.revokedAt ? `revoked ${k.revokedAt}` : "active"}  ${k.scopes.join(",")}  ${k.createdAt}  ${k.name}`,
      );
      print(keys, lines.length ? lines.join("\n") : "No API keys.");
      return 0;
    }
    const [id, ...extra] = positionals;
    if (!id || extra.length) throw new UsageError("revoke-key takes exactly one key id");
    const key = await access.revoke(id, WHO);
    print(key, `Revoked API key ${key.id} "${key.name}" at ${key.revokedAt}.`);
    return 0;
  } catch (error) {
    // An unknown id, the last admin key, a bad name: the command's failure, not a crash.
    if (error instanceof LearnbridgeError) throw new CommandFailure(error.message);
    throw error;
  } finally {
    client.close();
  }
}

/** The centre's database, migrated (a CLI may run before the server ever has). */
async function openDatabase(flag: string | undefined, io: CliIo) {
  let config: ReturnType<typeof readConfig>;
  try {
    // Only the variables that locate the database: a bad PORT must not stop key management.
    config = readConfig(
      { DATA_DIR: io.env.DATA_DIR, DATABASE_URL: flag ?? io.env.DATABASE_URL },
      process.cwd(),
    );
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  if (config.databaseUrl.startsWith("file:") && flag === undefined && io.env.DATABASE_URL === undefined) {
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  }
  const { client } = openCentreDatabase(config.databaseUrl);
  await migrate(client);
  return client;
}
