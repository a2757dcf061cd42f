/**
 * The node's two secrets. MASTER_KEY seals private keys at rest: from the environment, or (development only)
 * generated once into DATA_DIR with a warning. The bootstrap admin token: ADMIN_TOKEN when given, else one
 * is generated on first start and printed once; only its hash is stored.
 */
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fromBase64Url, toBase64Url } from "@learnbridge/core";
import { type ApiKeyRepository, createApiKey, registerApiToken } from "@learnbridge/issuer";

/** The master key bytes, and a warning when it was generated or read from DATA_DIR. */
export async function loadMasterKey(config: {
  masterKey?: string;
  dataDir: string;
}): Promise<{ key: Uint8Array; warning?: string }> {
  if (config.masterKey) return { key: fromBase64Url(config.masterKey) };
  const file = join(config.dataDir, "master.key");
  const warning = `MASTER_KEY is not set: using the development key in ${file}. Set MASTER_KEY (and keep it safe) in production.`;
  try {
    return { key: fromBase64Url((await readFile(file, "utf8")).trim()), warning };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const key = new Uint8Array(randomBytes(32));
  // `wx`: never overwrite a key another process just wrote; read theirs instead.
  try {
    await writeFile(file, `${toBase64Url(key)}\n`, { mode: 0o600, flag: "wx" });
    return { key, warning };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { key: fromBase64Url((await readFile(file, "utf8")).trim()), warning };
  }
}

/**
 * Makes sure an admin key exists. With ADMIN_TOKEN, that token is registered (once); without it, a token is
 * created when no admin key exists yet and returned so that the caller prints it, once.
 */
export async function bootstrapAdmin(
  apiKeys: ApiKeyRepository,
  adminToken: string | undefined,
): Promise<string | undefined> {
  if (adminToken) {
    await registerApiToken(apiKeys, adminToken, { name: "bootstrap admin (ADMIN_TOKEN)", scopes: ["admin"] });
    return undefined;
  }
  const existing = await apiKeys.list();
  if (existing.some((k) => k.scopes.includes("admin") && !k.revokedAt)) return undefined;
  return (await createApiKey(apiKeys, { name: "bootstrap admin", scopes: ["admin"] })).token;
}
