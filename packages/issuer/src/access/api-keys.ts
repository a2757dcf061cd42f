/**
 * Staff access: bearer API keys with scopes. A key is shown once (`lbk_<id>_<secret>`); the node stores only
 * the SHA-256 of the whole token, and compares digests, so a copied database grants nothing.
 */
import {
  type Clock,
  randomBytes,
  sha256,
  systemClock,
  toBase64Url,
  toHex,
  toXsdDateTime,
  utf8,
} from "@learnbridge/core";

/** What a key may do: issue credentials, change their status, manage achievements, administer the node. */
export const SCOPES = ["issue", "revoke", "achievements", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly tokenHash: string;
  readonly scopes: readonly Scope[];
  readonly createdAt: string;
  readonly revokedAt?: string;
}

export interface ApiKeyRepository {
  insert(record: ApiKeyRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<ApiKeyRecord | undefined>;
  list(): Promise<readonly ApiKeyRecord[]>;
  /** Marks a key revoked; false when there is no such key. */
  revoke(id: string, at: string): Promise<boolean>;
}

/** The in-memory twin. */
export class MemoryApiKeyRepository implements ApiKeyRepository {
  readonly #keys = new Map<string, ApiKeyRecord>();
  async insert(record: ApiKeyRecord) {
    if (this.#keys.has(record.id)) throw new TypeError(`api key ${record.id} exists`);
    this.#keys.set(record.id, record);
  }
  async findByHash(tokenHash: string) {
    return [...this.#keys.values()].find((k) => k.tokenHash === tokenHash);
  }
  async list() {
    // Oldest first; a stable sort keeps keys of the same second in the order they were made.
    return [...this.#keys.values()].sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
    );
  }
  async revoke(id: string, at: string) {
    const key = this.#keys.get(id);
    if (!key) return false;
    this.#keys.set(id, { ...key, revokedAt: key.revokedAt ?? at });
    return true;
  }
}

const hashToken = async (token: string) => toHex(await sha256(utf8(token)));

/** A staff token: `lbk_`, a 12-character id, `_`, a 43-character secret (older ids are base64url). */
export const API_TOKEN_PATTERN = /^lbk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/;

/** Creates a key and returns its one-time token. */
export async function createApiKey(
  repository: ApiKeyRepository,
  input: { name: string; scopes: readonly Scope[] },
  clock: Clock = systemClock,
): Promise<{ record: ApiKeyRecord; token: string }> {
  const minted = await mintApiKey(input, clock);
  await repository.insert(minted.record);
  return minted;
}

/** A new key's record and one-time token, not yet stored (a caller may audit before storing). */
export async function mintApiKey(
  input: { name: string; scopes: readonly Scope[] },
  clock: Clock = systemClock,
): Promise<{ record: ApiKeyRecord; token: string }> {
  if (!input.name?.trim()) throw new TypeError("createApiKey: a name is required");
  if (!input.scopes.length || input.scopes.some((s) => !SCOPES.includes(s))) {
    throw new TypeError(`createApiKey: scopes must be some of ${SCOPES.join(", ")}`);
  }
  // Hex: an id is typed on command lines (`learnbridge admin revoke-key ID`), where a leading "-" of
  // base64url would read as an option, and it sits between the token's "_" separators.
  const id = toHex(randomBytes(6));
  const token = `lbk_${id}_${toBase64Url(randomBytes(32))}`;
  const record: ApiKeyRecord = {
    id,
    name: input.name.trim(),
    tokenHash: await hashToken(token),
    scopes: [...new Set(input.scopes)],
    createdAt: toXsdDateTime(clock()),
  };
  return { record, token };
}

/**
 * Registers a token chosen outside the node (e.g. an operator's ADMIN_TOKEN) unless its hash is already
 * stored; another process racing to register the same token is not an error.
 */
export async function registerApiToken(
  repository: ApiKeyRepository,
  token: string,
  input: { name: string; scopes: readonly Scope[] },
  clock: Clock = systemClock,
): Promise<void> {
  if (!API_TOKEN_PATTERN.test(token))
    throw new TypeError("registerApiToken: not a token of the form lbk_<id>_<secret>");
  const tokenHash = await hashToken(token);
  if (await repository.findByHash(tokenHash)) return;
  const record: ApiKeyRecord = {
    // By position, not by splitting on "_": a base64url id may itself hold one.
    id: token.slice(4, 16),
    name: input.name,
    tokenHash,
    scopes: [...new Set(input.scopes)],
    createdAt: toXsdDateTime(clock()),
  };
  try {
    await repository.insert(record);
  } catch (error) {
    if (!(await repository.findByHash(tokenHash))) throw error;
  }
}

/** The key behind a bearer token, unless unknown or revoked. */
export async function authenticate(
  repository: ApiKeyRepository,
  token: string,
): Promise<ApiKeyRecord | undefined> {
  if (!API_TOKEN_PATTERN.test(token)) return undefined;
  const record = await repository.findByHash(await hashToken(token));
  return record && !record.revokedAt ? record : undefined;
}

/** True when the key holds `scope` (admin holds every scope). */
export const hasScope = (record: ApiKeyRecord, scope: Scope) =>
  record.scopes.includes(scope) || record.scopes.includes("admin");
