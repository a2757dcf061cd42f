/**
 * The Worker root's configuration, read from the env bindings of a request. Every problem names its variable
 * and says why; the Worker then answers 500 to everything: a centre must not run half-configured.
 */
import {
  type CentreFederationConfig,
  type FederationSyncSettings,
  federationSettingsFrom,
  type Oid4vpSettings,
  offerSettingsFrom,
  oid4vpSettingsFrom,
  rateLimitSettingsFrom,
} from "@learnbridge/app";
import { fromBase64Url } from "@learnbridge/core";

/** The bindings this Worker reads (wrangler.toml `[vars]` and `wrangler secret put`). */
export interface CentreEnv {
  readonly PUBLIC_URL?: string;
  readonly DATABASE_URL?: string;
  readonly DATABASE_AUTH_TOKEN?: string;
  readonly MASTER_KEY?: string;
  readonly ADMIN_TOKEN?: string;
  /** The centre's place in the federation (see README, "Joining a federation"). */
  readonly FEDERATION_ROLE?: string;
  readonly FEDERATION_NAME?: string;
  readonly FEDERATION_AUTHORITY_HINTS?: string;
  readonly FEDERATION_TRUST_ANCHORS?: string;
  readonly FEDERATION_TRUST_MARK_ISSUERS?: string;
  readonly FEDERATION_HINT_TARGETS?: string;
  readonly FEDERATION_MAX_RECORDS_PER_OWNER?: string;
  readonly OID4VP_RESPONSE_MODE?: string;
  /** Seconds a pre-authorized code works after a wallet fetched the offer: 60-3600, default 600. */
  readonly PRE_AUTHORIZED_CODE_TTL?: string;
  /** Verifications per client address and minute (other public endpoints derived): default 120, 0 off. */
  readonly RATE_LIMIT_PER_MINUTE?: string;
}

export interface WorkerConfig {
  /** The centre's public base URL, without a trailing slash. */
  readonly publicUrl: string;
  readonly databaseUrl: string;
  readonly databaseAuthToken?: string;
  readonly masterKey: Uint8Array;
  readonly adminToken?: string;
  readonly federation?: CentreFederationConfig;
  /** The follower's settings (FEDERATION_HINT_TARGETS, FEDERATION_MAX_RECORDS_PER_OWNER), when any is set. */
  readonly sync?: FederationSyncSettings;
  /** How long a pre-authorized code minted at a fetch of an offer works (PRE_AUTHORIZED_CODE_TTL). */
  readonly preAuthorizedCodeLifetimeMs: number;
  /** How a presentation request that names no response mode is answered (OID4VP_RESPONSE_MODE). */
  readonly oid4vpResponseMode: Oid4vpSettings["responseMode"];
  /** Verifications per client address and minute (RATE_LIMIT_PER_MINUTE); 0: no limits. */
  readonly rateLimitPerMinute: number;
  /** The raw values this configuration was read from: equal keys, same centre. */
  readonly cacheKey: string;
}

export interface ConfigProblem {
  readonly variable: string;
  readonly reason: string;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: WorkerConfig }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

const TOKEN = /^lbk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/;

/** Reads the configuration from the bindings; every problem is listed, none thrown. */
export function readConfig(env: CentreEnv): ConfigResult {
  const problems: ConfigProblem[] = [];
  const bad = (variable: string, reason: string) => problems.push({ variable, reason });
  const value = (name: keyof CentreEnv) => {
    const raw = env[name];
    return typeof raw === "string" && raw.trim() ? raw.trim() : undefined;
  };

  const publicUrl = value("PUBLIC_URL")?.replace(/\/+$/, "");
  if (!publicUrl) bad("PUBLIC_URL", "is required: the centre's https origin (wrangler.toml [vars])");
  else if (!URL.canParse(publicUrl)) bad("PUBLIC_URL", `'${publicUrl}' is not a URL`);
  else {
    const url = new URL(publicUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") bad("PUBLIC_URL", "must be an http(s) URL");
    if (url.search || url.hash || url.username)
      bad("PUBLIC_URL", "must not carry a query, a fragment or credentials");
  }

  const databaseUrl = value("DATABASE_URL");
  if (!databaseUrl) bad("DATABASE_URL", "is required: the URL of a remote libSQL database (Turso or sqld)");
  // A Worker has no disk: the web client speaks only to servers.
  else if (!/^(libsql|https?|wss?):\/\//.test(databaseUrl))
    bad("DATABASE_URL", "must be a libsql:, http(s): or ws(s): URL (no file: on Workers)");

  const masterKeyText = value("MASTER_KEY");
  let masterKey: Uint8Array | undefined;
  if (!masterKeyText) {
    bad(
      "MASTER_KEY",
      "is required on Workers (no disk to keep a development key): `wrangler secret put MASTER_KEY`",
    );
  } else if (!/^[A-Za-z0-9_-]{43,}$/.test(masterKeyText)) {
    bad("MASTER_KEY", "must be base64url of at least 32 random bytes (43+ characters)");
  } else masterKey = fromBase64Url(masterKeyText);

  const adminToken = value("ADMIN_TOKEN");
  if (adminToken !== undefined && !TOKEN.test(adminToken))
    bad("ADMIN_TOKEN", "must have the form lbk_<12 characters>_<43 characters> (base64url)");

  const federation = federationSettingsFrom(env as unknown as Record<string, string | undefined>);
  problems.push(...federation.problems);
  const offers = offerSettingsFrom(env as unknown as Record<string, string | undefined>);
  problems.push(...offers.problems);
  const oid4vp = oid4vpSettingsFrom(env as unknown as Record<string, string | undefined>);
  problems.push(...oid4vp.problems);
  const rateLimits = rateLimitSettingsFrom(env as unknown as Record<string, string | undefined>);
  problems.push(...rateLimits.problems);

  if (problems.length || !publicUrl || !databaseUrl || !masterKey) return { ok: false, problems };
  const databaseAuthToken = value("DATABASE_AUTH_TOKEN");
  return {
    ok: true,
    config: {
      publicUrl,
      databaseUrl,
      masterKey,
      ...(databaseAuthToken ? { databaseAuthToken } : {}),
      ...(adminToken ? { adminToken } : {}),
      ...(federation.config ? { federation: federation.config } : {}),
      ...(federation.sync ? { sync: federation.sync } : {}),
      preAuthorizedCodeLifetimeMs: offers.preAuthorizedCodeLifetimeMs,
      oid4vpResponseMode: oid4vp.responseMode,
      rateLimitPerMinute: rateLimits.perMinute,
      cacheKey: JSON.stringify([
        publicUrl,
        databaseUrl,
        databaseAuthToken,
        masterKeyText,
        adminToken,
        federation.config,
        federation.sync,
        offers.preAuthorizedCodeLifetimeMs,
        oid4vp.responseMode,
        rateLimits.perMinute,
      ]),
    },
  };
}
