import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "./config.ts";

describe("readConfig", () => {
  it("defaults: port 8787 on loopback, a file database under ./data", () => {
    const config = readConfig({}, "/srv/centre");
    expect(config).toMatchObject({
      port: 8787,
      publicUrl: "http://127.0.0.1:8787",
      dataDir: "/srv/centre/data",
      databaseUrl: "file:/srv/centre/data/centre.db",
      production: false,
    });
    expect(config.masterKey).toBeUndefined();
    expect(config.preAuthorizedCodeLifetimeMs).toBe(600_000);
  });

  it("reads PRE_AUTHORIZED_CODE_TTL in seconds", () => {
    expect(readConfig({ PRE_AUTHORIZED_CODE_TTL: "900" }, "/x").preAuthorizedCodeLifetimeMs).toBe(900_000);
  });

  it("limits public endpoints by default (RATE_LIMIT_PER_MINUTE 120); 0 turns it off", () => {
    expect(readConfig({}, "/x").rateLimitPerMinute).toBe(120);
    expect(readConfig({ RATE_LIMIT_PER_MINUTE: "600" }, "/x").rateLimitPerMinute).toBe(600);
    expect(readConfig({ RATE_LIMIT_PER_MINUTE: " 0 " }, "/x").rateLimitPerMinute).toBe(0);
  });

  it("passes FEDERATION_MAX_RECORDS_PER_OWNER and FEDERATION_HINT_TARGETS on as assembleCentre's sync", () => {
    const env = {
      FEDERATION_MAX_RECORDS_PER_OWNER: "20000",
      FEDERATION_HINT_TARGETS: "https://mirror.example",
    };
    expect(readConfig(env, "/x").sync).toEqual({
      hintTargets: ["https://mirror.example"],
      follower: { maxRecordsPerOwner: 20_000 },
    });
    expect(readConfig({}, "/x").sync).toBeUndefined();
  });

  it("reads OID4VP_RESPONSE_MODE, direct_post when unset", () => {
    expect(readConfig({}, "/x").oid4vpResponseMode).toBe("direct_post");
    expect(readConfig({ OID4VP_RESPONSE_MODE: "direct_post.jwt" }, "/x").oid4vpResponseMode).toBe(
      "direct_post.jwt",
    );
  });

  it("derives an https PUBLIC_URL with TLS and keeps an explicit one", () => {
    expect(readConfig({ PORT: "9443", TLS_CERT: "c.pem", TLS_KEY: "k.pem" }, "/x").publicUrl).toBe(
      "https://127.0.0.1:9443",
    );
    expect(readConfig({ PUBLIC_URL: "https://nairobi.example/centre/" }, "/x").publicUrl).toBe(
      "https://nairobi.example/centre",
    );
  });

  it.each([
    [{ PORT: "http" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ PUBLIC_URL: "not a url" }, "PUBLIC_URL"],
    [{ PUBLIC_URL: "ftp://x.example" }, "PUBLIC_URL"],
    [{ PUBLIC_URL: "https://x.example/?a=1" }, "PUBLIC_URL"],
    [{ DATABASE_URL: "postgres://db" }, "DATABASE_URL"],
    [{ MASTER_KEY: "short" }, "MASTER_KEY"],
    [{ NODE_ENV: "production" }, "MASTER_KEY"],
    [{ ADMIN_TOKEN: "hunter2" }, "ADMIN_TOKEN"],
    [{ TLS_CERT: "c.pem" }, "TLS_KEY"],
    [{ PRE_AUTHORIZED_CODE_TTL: "30" }, "PRE_AUTHORIZED_CODE_TTL"],
    [{ PRE_AUTHORIZED_CODE_TTL: "7200" }, "PRE_AUTHORIZED_CODE_TTL"],
    [{ PRE_AUTHORIZED_CODE_TTL: "10 minutes" }, "PRE_AUTHORIZED_CODE_TTL"],
    [{ FEDERATION_MAX_RECORDS_PER_OWNER: "0" }, "FEDERATION_MAX_RECORDS_PER_OWNER"],
    [{ OID4VP_RESPONSE_MODE: "jwt" }, "OID4VP_RESPONSE_MODE"],
    [{ RATE_LIMIT_PER_MINUTE: "-1" }, "RATE_LIMIT_PER_MINUTE"],
    [{ RATE_LIMIT_PER_MINUTE: "lots" }, "RATE_LIMIT_PER_MINUTE"],
    [{ RATE_LIMIT_PER_MINUTE: "1.5" }, "RATE_LIMIT_PER_MINUTE"],
  ])("refuses %o naming %s", (env, variable) => {
    try {
      readConfig(env, "/x");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable)).toContain(variable);
      expect((error as ConfigError).message).toContain(variable);
    }
  });
});
