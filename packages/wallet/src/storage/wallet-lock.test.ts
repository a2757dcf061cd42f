import { fromBase64Url, utf8 } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { memoryDatabase } from "../testing/databases.ts";
import { deriveSealingKey, newKdfParams, readKdfParams } from "./sealing-key.ts";
import { createWalletLock, isWalletInitialised, unlockWallet } from "./wallet-lock.ts";

describe("the sealing key", () => {
  it("round-trips, and refuses another context, another key or a flipped bit", async () => {
    const params = newKdfParams(1_000);
    const key = await deriveSealingKey("pass phrase", params);
    const sealed = await key.seal(utf8("secret"), "ctx");
    expect(await key.open(sealed, "ctx")).toEqual(utf8("secret"));
    expect(await key.open(sealed, "other")).toBeUndefined();
    expect(await (await deriveSealingKey("pass phrasE", params)).open(sealed, "ctx")).toBeUndefined();
    const [v, iv, ct = ""] = sealed.split(".");
    const flipped = `${v}.${iv}.${ct.slice(0, 3)}${ct[3] === "A" ? "B" : "A"}${ct.slice(4)}`;
    expect(await key.open(flipped, "ctx")).toBeUndefined();
    expect(await key.open("garbage", "ctx")).toBeUndefined();
  });

  it("uses a fresh salt and nonce each time and OWASP's iteration count by default", async () => {
    const a = newKdfParams();
    expect(a.iterations).toBe(600_000);
    expect(fromBase64Url(a.salt)).toHaveLength(16);
    expect(newKdfParams().salt).not.toBe(a.salt);
    expect(() => newKdfParams(10)).toThrow(TypeError);
    expect(readKdfParams({ ...a, iterations: 5 })).toBeUndefined();
    expect(readKdfParams(a)).toEqual(a);
  });
});

describe("the wallet lock", () => {
  it("opens with its passphrase, refuses another with UNAUTHORIZED, and cannot be made twice", async () => {
    const database = await memoryDatabase();
    expect(await isWalletInitialised(database)).toBe(false);
    await expect(unlockWallet(database, "x")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const created = await createWalletLock(database, "my long passphrase", 1_000);
    expect(await isWalletInitialised(database)).toBe(true);
    const sealed = await created.seal(utf8("private key"), "ctx");
    const unlocked = await unlockWallet(database, "my long passphrase");
    expect(await unlocked.open(sealed, "ctx")).toEqual(utf8("private key"));
    await expect(unlockWallet(database, "my long passphrasf")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(createWalletLock(database, "another", 1_000)).rejects.toMatchObject({ code: "CONFLICT" });
    // The refused second lock left the first one as it was.
    expect(await (await unlockWallet(database, "my long passphrase")).open(sealed, "ctx")).toEqual(
      utf8("private key"),
    );
  });
});
