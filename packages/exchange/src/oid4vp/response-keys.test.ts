import { createKeyVault } from "@learnbridge/issuer";
import { describe, expect, it } from "vitest";
import { encryptResponse } from "./response-encryption.ts";
import { ResponseKeys } from "./response-keys.ts";
import { sampleRequest } from "./testing/presentation-store-contract.ts";

const vault = () => createKeyVault(crypto.getRandomValues(new Uint8Array(32)));

describe("the keys of encrypted requests", () => {
  it("makes none without a vault: encrypted requests are refused, and cannot be the default", async () => {
    const keys = new ResponseKeys(undefined);
    expect(keys.modeOf(undefined)).toBe("direct_post");
    expect(keys.modeOf("direct_post")).toBe("direct_post");
    expect(() => keys.modeOf("direct_post.jwt")).toThrow(
      expect.objectContaining({ code: "BAD_REQUEST", details: { field: "responseMode" } }),
    );
    expect(() => keys.modeOf("query")).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));
    expect(() => new ResponseKeys(undefined, "direct_post.jwt")).toThrow(TypeError);
    expect(() => new ResponseKeys(undefined, "fragment" as "direct_post")).toThrow(TypeError);
    expect(new ResponseKeys(await vault(), "direct_post.jwt").modeOf(undefined)).toBe("direct_post.jwt");
  });

  it("seals each key under its request and opens only that request's answer", async () => {
    const keys = new ResponseKeys(await vault());
    const key = await keys.create("r1");
    expect(key.publicJwk.kid).toBe("r1");
    const record = sampleRequest("r1", { responseMode: "direct_post.jwt", responseKey: key });
    const answer = { vp_token: { badge: ["x"] }, state: record.state };
    const jwe = await encryptResponse(answer, { jwk: key.publicJwk });
    expect(await keys.open(record, jwe)).toEqual({ ok: true, payload: answer });
    // The same sealed key moved onto another request does not open: the request's id is bound to it.
    const moved = sampleRequest("r2", { responseMode: "direct_post.jwt", responseKey: key });
    await expect(keys.open(moved, jwe)).rejects.toMatchObject({ code: "KEY_UNSUPPORTED" });
    // Another vault (another MASTER_KEY) cannot open it either.
    await expect(new ResponseKeys(await vault()).open(record, jwe)).rejects.toMatchObject({
      code: "KEY_UNSUPPORTED",
    });
    expect(await keys.open(sampleRequest("r1"), jwe)).toMatchObject({
      ok: false,
      code: "RESPONSE_ENCRYPTION_INVALID",
      details: { problem: "mode" },
    });
  });
});
