/**
 * The Worker root's settings (workers/centre/src/config.ts), read from the env bindings: here only what can
 * be checked without workerd; centre-worker.test.ts runs the built bundle.
 */
import { describe, expect, it } from "vitest";
import { type CentreEnv, readConfig } from "../../workers/centre/src/config.ts";

const REQUIRED: CentreEnv = {
  PUBLIC_URL: "https://centre.example",
  DATABASE_URL: "libsql://centre-org.turso.io",
  MASTER_KEY: Buffer.alloc(32, 7).toString("base64url"),
};

describe("the Worker's PRE_AUTHORIZED_CODE_TTL", () => {
  it("is ten minutes when unset, and the seconds given otherwise, quoted or not in [vars]", () => {
    const read = (env: CentreEnv) => {
      const result = readConfig(env);
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      return result.config;
    };
    expect(read(REQUIRED).preAuthorizedCodeLifetimeMs).toBe(600_000);
    expect(read({ ...REQUIRED, PRE_AUTHORIZED_CODE_TTL: "1800" }).preAuthorizedCodeLifetimeMs).toBe(
      1_800_000,
    );
    const unquoted = { ...REQUIRED, PRE_AUTHORIZED_CODE_TTL: 120 } as unknown as CentreEnv;
    expect(read(unquoted).preAuthorizedCodeLifetimeMs).toBe(120_000);
    // Another lifetime is another centre: the isolate rebuilds it.
    expect(read({ ...REQUIRED, PRE_AUTHORIZED_CODE_TTL: "1800" }).cacheKey).not.toBe(read(REQUIRED).cacheKey);
  });

  it.each(["59", "3601", "ten", "600s"])("refuses %s, naming the variable", (ttl) => {
    const result = readConfig({ ...REQUIRED, PRE_AUTHORIZED_CODE_TTL: ttl });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map((p) => p.variable)).toEqual(["PRE_AUTHORIZED_CODE_TTL"]);
  });
});

describe("the Worker's follower settings", () => {
  it("passes FEDERATION_MAX_RECORDS_PER_OWNER and FEDERATION_HINT_TARGETS on as assembleCentre's sync", () => {
    const result = readConfig({
      ...REQUIRED,
      FEDERATION_MAX_RECORDS_PER_OWNER: "20000",
      FEDERATION_HINT_TARGETS: "https://mirror.example",
    });
    expect(result.ok && result.config.sync).toEqual({
      hintTargets: ["https://mirror.example"],
      follower: { maxRecordsPerOwner: 20_000 },
    });
    const plain = readConfig(REQUIRED);
    expect(plain.ok && plain.config.sync).toBeUndefined();
    expect(result.ok && plain.ok && result.config.cacheKey !== plain.config.cacheKey).toBe(true);
    const bad = readConfig({ ...REQUIRED, FEDERATION_MAX_RECORDS_PER_OWNER: "0" });
    expect(bad.ok ? [] : bad.problems.map((p) => p.variable)).toEqual(["FEDERATION_MAX_RECORDS_PER_OWNER"]);
  });
});

describe("the Worker's RATE_LIMIT_PER_MINUTE", () => {
  const read = (env: CentreEnv) => {
    const result = readConfig(env);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result.config;
  };

  it("is 120 when unset, the number given otherwise (quoted or not in [vars]), 0 to turn it off", () => {
    expect(read(REQUIRED).rateLimitPerMinute).toBe(120);
    expect(read({ ...REQUIRED, RATE_LIMIT_PER_MINUTE: "600" }).rateLimitPerMinute).toBe(600);
    expect(read({ ...REQUIRED, RATE_LIMIT_PER_MINUTE: 0 } as unknown as CentreEnv).rateLimitPerMinute).toBe(
      0,
    );
    // Another budget is another centre: the isolate rebuilds it.
    expect(read({ ...REQUIRED, RATE_LIMIT_PER_MINUTE: "600" }).cacheKey).not.toBe(read(REQUIRED).cacheKey);
  });

  it.each(["-1", "many", "1.5", "2000000"])("refuses %s, naming the variable", (perMinute) => {
    const result = readConfig({ ...REQUIRED, RATE_LIMIT_PER_MINUTE: perMinute });
    expect(result.ok ? [] : result.problems.map((p) => p.variable)).toEqual(["RATE_LIMIT_PER_MINUTE"]);
  });
});

describe("the Worker's OID4VP_RESPONSE_MODE", () => {
  it("is direct_post when unset, the mode named otherwise, and another centre when it changes", () => {
    const plain = readConfig(REQUIRED);
    const encrypted = readConfig({ ...REQUIRED, OID4VP_RESPONSE_MODE: "direct_post.jwt" });
    expect(plain.ok && plain.config.oid4vpResponseMode).toBe("direct_post");
    expect(encrypted.ok && encrypted.config.oid4vpResponseMode).toBe("direct_post.jwt");
    expect(plain.ok && encrypted.ok && plain.config.cacheKey !== encrypted.config.cacheKey).toBe(true);
    const bad = readConfig({ ...REQUIRED, OID4VP_RESPONSE_MODE: "fragment" });
    expect(bad.ok ? [] : bad.problems.map((p) => p.variable)).toEqual(["OID4VP_RESPONSE_MODE"]);
  });
});
