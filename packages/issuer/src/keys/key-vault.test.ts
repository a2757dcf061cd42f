import { randomBytes } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { createKeyVault } from "./key-vault.ts";

describe("KeyVault", () => {
  it("seals and opens; refuses another master key, another key id, a damaged record", async () => {
    const vault = await createKeyVault(randomBytes(32));
    const jwk = { kty: "OKP", crv: "Ed25519", x: "abc", d: "secret-part" };
    const sealed = await vault.seal("key-1", jwk);
    expect(sealed).not.toContain("secret-part");
    expect(await vault.open("key-1", sealed)).toEqual(jwk);
    await expect((await createKeyVault(randomBytes(32))).open("key-1", sealed)).rejects.toMatchObject({
      code: "KEY_UNSUPPORTED",
    });
    await expect(vault.open("key-2", sealed)).rejects.toMatchObject({ code: "KEY_UNSUPPORTED" });
    await expect(
      vault.open("key-1", `${sealed.slice(0, -2)}${sealed.endsWith("AA") ? "BB" : "AA"}`),
    ).rejects.toMatchObject({
      code: "KEY_UNSUPPORTED",
    });
    await expect(createKeyVault(randomBytes(16))).rejects.toBeInstanceOf(TypeError);
  });
});
