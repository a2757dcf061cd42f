/**
 * The Node root's configuration, read from the environment once at start. Every problem is reported with
 * the variable's name and why, and the start stops: a centre must not run half-configured.
 */
import { isAbsolute, join, resolve } from "node:path";
import {
  type CentreFederationConfig,
  type FederationSyncSettings,
  federationSettingsFrom,
  type Oid4vpSettings,
  offerSettingsFrom,
  oid4vpSettingsFrom,
  rateLimitSettingsFrom,
} from "@learnbridge/app";
import { API_TOKEN_PATTERN } from "@learnbridge/issuer";

export interface NodeConfig {
  readonly port: number;
  /** The centre's public base URL, without a trailing slash. */
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly databaseUrl: string;
  /** base64url of ≥ 32 bytes, when given; otherwise a development key is kept in DATA_DIR. */
  readonly masterKey?: string;
  readonly adminToken?: string;
  readonly tls?: { readonly certFile: string; readonly keyFile: string };
  /** 127.0.0.1 unless HOST says otherwise. */
  readonly host: string;
  readonly production: boolean;
  /** The centre's place in an OpenID Federation (FEDERATION_* variables); none when FEDERATION_ROLE is unset. */
  readonly federation?: CentreFederationConfig;
  /** The follower's settings (FEDERATION_HINT_TARGETS, FEDERATION_MAX_RECORDS_PER_OWNER), when any is set. */
  readonly sync?: FederationSyncSettings;
  /** How long a pre-authorized code minted at a fetch of an offer works (PRE_AUTHORIZED_CODE_TTL, seconds). */
  readonly preAuthorizedCodeLifetimeMs: number;
  /** How a presentation request that names no response mode is answered (OID4VP_RESPONSE_MODE). */
  readonly oid4vpResponseMode: Oid4vpSettings["responseMode"];
  /** Verifications per client address and minute (RATE_LIMIT_PER_MINUTE, default 120; 0: no limits). */
  readonly rateLimitPerMinute: number;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly problems: readonly { variable: string; reason: string }[];

  constructor(problems: readonly { variable: string; reason: string }[]) {
    super(problems.map((p) => `${p.variable}: ${p.reason}`).join("\n"));
    this.problems = problems;
  }
}

/** Reads the configuration from `env`; throws a ConfigError listing every problem. */
export function readConfig(env: Readonly<Record<string, string | undefined>>, cwd: string): NodeConfig {
  const problems: { variable: string; reason: string }[] = [];
  const bad = (variable: string, reason: string) => problems.push({ variable, reason });
  const value = (name: string) => (env[name]?.trim() ? env[name]?.trim() : undefined);

  const portText = value("PORT") ?? "8787";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
    bad("PORT", `'${portText}' is not a port number (1-65535)`);

  const tlsCert = value("TLS_CERT");
  const tlsKey = value("TLS_KEY");
  if (Boolean(tlsCert) !== Boolean(tlsKey))
    bad(tlsCert ? "TLS_KEY" : "TLS_CERT", "TLS_CERT and TLS_KEY go together");
  const scheme = tlsCert && tlsKey ? "https" : "http";
  const host = value("HOST") ?? "127.0.0.1";

  const publicUrl = (
    value("PUBLIC_URL") ?? `${scheme}://${host.includes(":") ? `[${host}]` : host}:${port}`
  ).replace(/\/+$/, "");
  if (!URL.canParse(publicUrl)) bad("PUBLIC_URL", `'${publicUrl}' is not a URL`);
  else {
    const url = new URL(publicUrl);
    if (url.protocol !== "https:" && url.protocol !== "http:") bad("PUBLIC_URL", "must be an http(s) URL");
    if (url.search || url.hash || url.username)
      bad("PUBLIC_URL", "must not carry a query, a fragment or credentials");
  }

  const dataDir = resolve(cwd, value("DATA_DIR") ?? "data");
  const databaseUrl = value("DATABASE_URL") ?? `file:${join(dataDir, "centre.db")}`;
  if (!/^(file:|libsql:|https?:|wss?:)/.test(databaseUrl)) {
    bad("DATABASE_URL", "must be a file:, libsql:, http(s): or ws(s): URL");
  }
  const masterKey = value("MASTER_KEY");
  if (masterKey !== undefined && !/^[A-Za-z0-9_-]{43,}$/.test(masterKey)) {
    bad(
      "MASTER_KEY",
      "must be base64url of at least 32 random bytes (43+ characters); `openssl rand -base64 32 | tr '+/' '-_' | tr -d =`",
    );
  }
  const adminToken = value("ADMIN_TOKEN");
  if (adminToken !== undefined && !API_TOKEN_PATTERN.test(adminToken)) {
    bad(
      "ADMIN_TOKEN",
      "must be a token this node printed (lbk_<id>_<secret>); unset it to have one generated",
    );
  }
  const production = env.NODE_ENV === "production";
  if (production && masterKey === undefined) bad("MASTER_KEY", "is required when NODE_ENV=production");
  for (const [name, file] of [
    ["TLS_CERT", tlsCert],
    ["TLS_KEY", tlsKey],
  ] as const) {
    if (file !== undefined && !isAbsolute(resolve(cwd, file))) bad(name, "must be a file path");
  }
  const federation = federationSettingsFrom(env);
  problems.push(...federation.problems);
  const offers = offerSettingsFrom(env);
  problems.push(...offers.problems);
  const oid4vp = oid4vpSettingsFrom(env);
  problems.push(...oid4vp.problems);
  const rateLimits = rateLimitSettingsFrom(env);
  problems.push(...rateLimits.problems);
  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    publicUrl,
    dataDir,
    databaseUrl,
    host,
    production,
    preAuthorizedCodeLifetimeMs: offers.preAuthorizedCodeLifetimeMs,
    oid4vpResponseMode: oid4vp.responseMode,
    rateLimitPerMinute: rateLimits.perMinute,
    ...(masterKey ? { masterKey } : {}),
    ...(adminToken ? { adminToken } : {}),
    ...(federation.config ? { federation: federation.config } : {}),
    ...(federation.sync ? { sync: federation.sync } : {}),
    ...(tlsCert && tlsKey ? { tls: { certFile: resolve(cwd, tlsCert), keyFile: resolve(cwd, tlsKey) } } : {}),
  };
}
