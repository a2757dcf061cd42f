/**
 * Rate limits through the assembled centre (`app.request`, the client address from a test header as a
 * runtime root would give it from the socket), counted in the memory twin of the store.
 */
import { randomBytes } from "@learnbridge/core";
import { MemoryNonceStore, MemoryOfferStore, MemoryPresentationRequestStore } from "@learnbridge/exchange";
import { createApiKey, MemoryAuditLog, MemoryRateLimitStore, type RateLimitStore } from "@learnbridge/issuer";
import { describe, expect, it } from "vitest";
import { assembleCentre } from "../assemble.ts";
import { expectProblem } from "../test-support/expect-problem.ts";
import { memoryCentreStores } from "../test-support/memory-centre-stores.ts";

const START = Date.UTC(2026, 5, 1, 9, 0, 15);

async function limitedCentre(
  options: { perMinute?: number; rateLimits?: RateLimitStore; peer?: boolean } = {},
) {
  let now = START;
  const clock = Object.assign(() => new Date(now), {
    advance: (ms: number) => {
      now += ms;
    },
  });
  const audit = new MemoryAuditLog();
  const stores = memoryCentreStores({
    audit,
    offers: new MemoryOfferStore({ audit }),
    offerNonces: new MemoryNonceStore(),
    presentationRequests: new MemoryPresentationRequestStore(),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  const warnings: string[] = [];
  const centre = await assembleCentre({
    publicUrl: "https://centre.example",
    masterKey: randomBytes(32),
    stores,
    clock,
    federation: { role: "anchor", trustAnchors: [] },
    ...(options.peer === false ? {} : { peerAddress: (c) => c.req.header("x-test-peer") }),
    ...(options.perMinute !== undefined
      ? { rateLimits: { perMinute: options.perMinute, logWarning: (message) => warnings.push(message) } }
      : {}),
  });
  const post = async (
    path: string,
    from: string | undefined,
    init: { token?: string; body?: unknown } = {},
  ) =>
    centre.app.request(path, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "accept-language": "fr",
        ...(from ? { "x-test-peer": from } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: JSON.stringify(init.body ?? {}),
    });
  const verify = (from: string | undefined, token?: string) =>
    post("/credentials/verify", from, token ? { token } : {});
  return { centre, stores, clock, warnings, post, verify };
}

/** The statuses of requests made one after another (in parallel their order of counting is not fixed). */
async function statuses(requests: (() => Promise<Response> | Response)[]): Promise<number[]> {
  const result: number[] = [];
  for (const request of requests) result.push((await request()).status);
  return result;
}

describe("rate limits on the public endpoints", () => {
  it("refuses the 121st verification of a minute from one address: 429, Retry-After, in French", async () => {
    const { verify, clock } = await limitedCentre({ perMinute: 120 });
    // Bad input (400) still costs a request: the budget is counted before the route reads the body.
    const first = await statuses(Array.from({ length: 120 }, () => () => verify("192.0.2.1")));
    expect(first.every((s) => s === 400)).toBe(true);
    const refused = await verify("192.0.2.1");
    const problem = await expectProblem(refused, 429, "RATE_LIMITED");
    // 09:00:15: the window ends at 09:01:00.
    expect(refused.headers.get("retry-after")).toBe("45");
    expect(refused.headers.get("content-language")).toBe("fr");
    expect(problem).toMatchObject({
      title: "Trop de requêtes. Patientez un instant puis réessayez.",
      limit: 120,
      retryAfter: 45,
    });
    // Another address has its own budget.
    expect((await verify("192.0.2.2")).status).toBe(400);
    // The next window starts afresh.
    clock.advance(45_000);
    expect((await verify("192.0.2.1")).status).toBe(400);
  });

  it("counts /presentations/verify with /credentials/verify, and does nothing over the budget", async () => {
    const { centre, post, verify } = await limitedCentre({ perMinute: 2 });
    const challenge = (await (await centre.app.request("/challenges", { method: "POST" })).json()) as {
      challenge: string;
    };
    await verify("192.0.2.1");
    await verify("192.0.2.1");
    const body = { verifiablePresentation: {}, options: { challenge: challenge.challenge } };
    await expectProblem(await post("/presentations/verify", "192.0.2.1", { body }), 429, "RATE_LIMITED");
    // The refused request did not consume the challenge: from another address it is still good (the
    // empty presentation then fails verification, but not on the challenge).
    const other = await post("/presentations/verify", "192.0.2.2", { body });
    expect(((await other.json()) as { code: string }).code).not.toBe("PROOF_CHALLENGE_MISMATCH");
  });

  it("gives each route group its own budget (the token endpoint is not the verifier's)", async () => {
    const { centre, verify } = await limitedCentre({ perMinute: 2 });
    const token = () =>
      centre.app.request("/oid4vci/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-test-peer": "192.0.2.1" },
        body: "grant_type=x",
      });
    expect(
      await statuses([() => verify("192.0.2.1"), () => verify("192.0.2.1"), () => verify("192.0.2.1")]),
    ).toEqual([400, 400, 429]);
    expect((await token()).status).toBe(400);
    expect((await token()).status).toBe(400);
    // A wallet reads an OAuth error there, as for every other refusal of the token endpoint.
    const busy = await token();
    expect(busy.status).toBe(429);
    expect(busy.headers.get("retry-after")).toBe("45");
    expect(await busy.json()).toEqual({
      error: "invalid_request",
      error_description: "too many token requests from this address; try again in 45 s",
      code: "RATE_LIMITED",
    });
  });

  it("gives presentation requests and trust-chain resolution half the budget, the PIN form all of it", async () => {
    const { centre, post } = await limitedCentre({ perMinute: 4 });
    const from = (path: string, init: RequestInit = {}) =>
      centre.app.request(path, {
        ...init,
        headers: { "x-test-peer": "192.0.2.1", ...(init.headers as Record<string, string>) },
      });
    const request = () => post("/oid4vp/requests", "192.0.2.1", { body: { achievement: 7 } });
    expect(await statuses([request, request])).toEqual([400, 400]);
    await expectProblem(await request(), 429, "RATE_LIMITED");
    // The employer at the form reads the form again, saying to wait, in their language.
    const formPost = await from("/oid4vp/requests", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "fr" },
      body: "achievement=https%3A%2F%2Fcentre.example%2Fachievements%2Fx",
    });
    expect(formPost.status).toBe(429);
    expect(formPost.headers.get("retry-after")).toBe("45");
    expect(await formPost.text()).toContain(
      '<p role="alert">Trop de requêtes. Patientez un instant puis réessayez. (45 s)</p>',
    );
    const resolve = () => from("/federation/resolve");
    expect(await statuses([resolve, resolve])).toEqual([400, 400]);
    await expectProblem(await resolve(), 429, "RATE_LIMITED");
    const claim = () =>
      from("/claim", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "offer=none&tx_code=1234",
      });
    const claimed = await statuses([claim, claim, claim, claim]);
    expect(claimed.every((s) => s !== 429)).toBe(true);
    // A person at the PIN form reads a page, not a problem document.
    const busy = await claim();
    expect(busy.status).toBe(429);
    expect(busy.headers.get("content-type")).toMatch(/^text\/html/);
    expect(busy.headers.get("retry-after")).toBe("45");
  });

  it("does not limit a request with a working staff key; an unknown key is limited as anyone", async () => {
    const { stores, verify } = await limitedCentre({ perMinute: 1 });
    const { token } = await createApiKey(stores.apiKeys, { name: "HR system", scopes: ["issue"] });
    expect(
      await statuses([
        () => verify("192.0.2.1"),
        () => verify("192.0.2.1", token),
        () => verify("192.0.2.1", token),
      ]),
    ).toEqual([400, 400, 400]);
    const forged = `lbk_000000000000_${"A".repeat(43)}`;
    expect((await verify("192.0.2.1", forged)).status).toBe(429);
  });

  it("limits callers of unknown address together, under one key", async () => {
    const { verify } = await limitedCentre({ perMinute: 2, peer: false });
    expect(
      await statuses([() => verify(undefined), () => verify("192.0.2.1"), () => verify("192.0.2.2")]),
    ).toEqual([400, 400, 429]);
  });

  it("fails open with a logged warning when the store fails", async () => {
    const failing: RateLimitStore = {
      hit: async () => Promise.reject(new Error("database unreachable")),
      purge: async () => 0,
    };
    const { verify, warnings } = await limitedCentre({ perMinute: 1, rateLimits: failing });
    expect(await statuses([() => verify("192.0.2.1"), () => verify("192.0.2.1")])).toEqual([400, 400]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/let through/);
  });

  it("deletes the windows of earlier minutes once a new minute begins", async () => {
    const memory = new MemoryRateLimitStore();
    const purges: number[] = [];
    const store: RateLimitStore = {
      hit: (bucket, key, windowStart) => memory.hit(bucket, key, windowStart),
      purge: async (before) => {
        purges.push(before);
        return memory.purge(before);
      },
    };
    const { verify, clock } = await limitedCentre({ perMinute: 10, rateLimits: store });
    await statuses([() => verify("192.0.2.1"), () => verify("192.0.2.2"), () => verify("192.0.2.3")]);
    clock.advance(60_000);
    await verify("192.0.2.1");
    const minute = START - (START % 60_000);
    expect(purges).toEqual([minute, minute + 60_000]);
    // The earlier minute's three rows are gone: purging it again finds nothing.
    expect(await memory.purge(minute + 60_000)).toBe(0);
  });

  it("is off unless asked for (tests and embedders), and with a budget of 0", async () => {
    for (const perMinute of [undefined, 0]) {
      const { verify } = await limitedCentre(perMinute === undefined ? {} : { perMinute });
      const all = await statuses(Array.from({ length: 130 }, () => () => verify("192.0.2.1")));
      expect(all.every((s) => s === 400)).toBe(true);
    }
  });
});
