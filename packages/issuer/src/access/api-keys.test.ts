import { fixedClock, randomBytes, toBase64Url } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { authenticate, MemoryApiKeyRepository, mintApiKey, registerApiToken } from "./api-keys.ts";

const operatorToken = () => `lbk_${toBase64Url(randomBytes(9))}_${toBase64Url(randomBytes(32))}`;
const ADMIN = { name: "bootstrap admin (ADMIN_TOKEN)", scopes: ["admin"] } as const;

describe("mintApiKey", () => {
  it("mints ids that a command line takes as an argument: hex, never a leading '-' or a '_'", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const { record, token } = await mintApiKey({ name: "registrar", scopes: ["issue"] });
      expect(record.id).toMatch(/^[0-9a-f]{12}$/);
      expect(token.split("_")[1]).toBe(record.id);
      ids.add(record.id);
    }
    expect(ids.size).toBe(500);
  });
});

describe("registerApiToken", () => {
  it("stores only the hash of the given token, which then authenticates with its scopes", async () => {
    const repository = new MemoryApiKeyRepository();
    const token = operatorToken();
    await registerApiToken(repository, token, ADMIN, fixedClock("2026-01-02T03:04:05Z"));
    const [record] = await repository.list();
    expect(record).toMatchObject({
      id: token.slice(4, 16),
      name: ADMIN.name,
      scopes: ["admin"],
      createdAt: "2026-01-02T03:04:05Z",
    });
    expect(JSON.stringify(record)).not.toContain(token);
    expect((await authenticate(repository, token))?.id).toBe(record?.id);
    expect(await authenticate(repository, operatorToken())).toBeUndefined();
  });

  it("takes the whole 12-character id even when it holds a '_', and refuses what is not a token", async () => {
    const repository = new MemoryApiKeyRepository();
    await registerApiToken(repository, `lbk_a_b-c_d_e_fg_${"s".repeat(43)}`, ADMIN);
    expect((await repository.list()).map((k) => k.id)).toEqual(["a_b-c_d_e_fg"]);
    await expect(registerApiToken(repository, "lbk_short_secret", ADMIN)).rejects.toThrow(TypeError);
  });

  it("registers a token once, even when two starts race to it", async () => {
    const repository = new MemoryApiKeyRepository();
    const token = operatorToken();
    await Promise.all([
      registerApiToken(repository, token, ADMIN),
      registerApiToken(repository, token, ADMIN),
    ]);
    await registerApiToken(repository, token, ADMIN);
    expect(await repository.list()).toHaveLength(1);
  });
});
