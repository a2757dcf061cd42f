import { createSigner, generateKeyPair, type KeyPair } from "@learnbridge/core";
import { buildDidDocument, createKeyResolver } from "@learnbridge/credentials";
import { beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_OWNER, sampleCourse, sampleTombstone } from "./record-samples.ts";
import {
  catalogueRecordChecker,
  recordHashOf,
  signCatalogueEntry,
  verifyCatalogueEntry,
} from "./sign-record.ts";

const NOW = new Date("2026-06-01T00:00:00Z");
const clock = () => NOW;
let owner: KeyPair;
let rotated: KeyPair;
let stranger: KeyPair;

/** A resolver of the owner's DID document with `keys` (fragment, pair, status). */
const resolverOf = (...keys: [string, KeyPair, "active" | "retired"][]) =>
  createKeyResolver({
    documents: new Map([
      [
        SAMPLE_OWNER,
        buildDidDocument({
          id: SAMPLE_OWNER,
          keys: keys.map(([fragment, pair, status]) => ({ fragment, publicKey: pair.publicKey, status })),
        }),
      ],
    ]),
  });

beforeAll(async () => {
  [owner, rotated, stranger] = await Promise.all([
    generateKeyPair("EdDSA"),
    generateKeyPair("EdDSA"),
    generateKeyPair("EdDSA"),
  ]);
});

describe("signing catalogue records (eddsa-jcs-2022)", () => {
  it("signs a course and a tombstone as the owner; both verify", async () => {
    const resolveKey = resolverOf(["key-1", owner, "active"]);
    const signer = createSigner(owner, `${SAMPLE_OWNER}#key-1`);
    for (const entry of [sampleCourse(), sampleTombstone()]) {
      const signed = await signCatalogueEntry(entry, { signer, clock });
      expect(signed.proof).toMatchObject({
        type: "DataIntegrityProof",
        cryptosuite: "eddsa-jcs-2022",
        proofPurpose: "assertionMethod",
        verificationMethod: `${SAMPLE_OWNER}#key-1`,
        created: "2026-06-01T00:00:00Z",
      });
      expect(signed["@context"]).toEqual(entry["@context"]);
      const verified = await verifyCatalogueEntry(signed, { resolveKey, clock });
      expect(verified).toEqual({
        ok: true,
        value: {
          entry: signed,
          recordHash: await recordHashOf(signed),
          verificationMethod: `${SAMPLE_OWNER}#key-1`,
        },
      });
    }
  });

  it("refuses a tampered record, or one signed by a key the owner does not control: RECORD_SIGNATURE_INVALID", async () => {
    const resolveKey = resolverOf(["key-1", owner, "active"]);
    const signed = await signCatalogueEntry(sampleCourse(), {
      signer: createSigner(owner, `${SAMPLE_OWNER}#key-1`),
      clock,
    });
    const code = async (value: unknown) => {
      const result = await verifyCatalogueEntry(value, { resolveKey, clock });
      return result.ok ? "verified" : result.code;
    };
    expect(await code({ ...signed, version: 2 })).toBe("RECORD_SIGNATURE_INVALID");
    expect(await code({ ...signed, title: { ...signed.title, en: "Forged" } })).toBe(
      "RECORD_SIGNATURE_INVALID",
    );
    const forgedBy = await signCatalogueEntry(sampleCourse(), {
      signer: createSigner(stranger, `${SAMPLE_OWNER}#key-1`),
      clock,
    });
    expect(await code(forgedBy)).toBe("RECORD_SIGNATURE_INVALID");
    expect(await code({ ...signed, proof: { ...signed.proof, cryptosuite: "eddsa-rdfc-2022" } })).toBe(
      "RECORD_SIGNATURE_INVALID",
    );
    // An unknown key is not a bad signature: a follower refetches the owner's DID document once.
    const unknownKey = await signCatalogueEntry(sampleCourse(), {
      signer: createSigner(owner, `${SAMPLE_OWNER}#key-9`),
      clock,
    });
    expect(await code(unknownKey)).toBe("KEY_NOT_FOUND");
    const { proof: _, ...unsigned } = signed;
    expect(await code(unsigned)).toBe("PROOF_MISSING");
    expect(await code({ ...signed, level: { framework: "EQF", value: 9 } })).toBe("FIELD_INVALID");
  });

  it("keeps verifying what a retired key signed after the owner rotates", async () => {
    const before = await signCatalogueEntry(sampleCourse("a"), {
      signer: createSigner(owner, `${SAMPLE_OWNER}#key-1`),
      clock,
    });
    const after = await signCatalogueEntry(sampleCourse("b"), {
      signer: createSigner(rotated, `${SAMPLE_OWNER}#key-2`),
      clock,
    });
    const resolveKey = resolverOf(["key-1", owner, "retired"], ["key-2", rotated, "active"]);
    expect((await verifyCatalogueEntry(before, { resolveKey, clock })).ok).toBe(true);
    expect((await verifyCatalogueEntry(after, { resolveKey, clock })).ok).toBe(true);
  });

  it("gives the feed's checker the facts it indexes by, and the reason when it refuses", async () => {
    const check = catalogueRecordChecker({ resolveKey: resolverOf(["key-1", owner, "active"]), clock });
    const signer = createSigner(owner, `${SAMPLE_OWNER}#key-1`);
    const course = await signCatalogueEntry(sampleCourse("c", 3), { signer, clock });
    const tombstone = await signCatalogueEntry(sampleTombstone("c", 4), { signer, clock });
    expect(await check(course)).toEqual({
      ok: true,
      value: { recordId: course.id, owner: SAMPLE_OWNER, version: 3, deleted: false },
    });
    expect(await check(tombstone)).toMatchObject({ ok: true, value: { version: 4, deleted: true } });
    expect(await check({ ...course, version: 5 })).toMatchObject({
      ok: false,
      code: "RECORD_SIGNATURE_INVALID",
    });
    expect(await check("nonsense")).toMatchObject({ ok: false, code: "FIELD_INVALID" });
  });

  it("misuse is a TypeError", async () => {
    const signer = createSigner(owner, "did:web:other.example#key-1");
    await expect(signCatalogueEntry(sampleCourse(), { signer })).rejects.toThrow(TypeError);
    await expect(
      signCatalogueEntry(
        { ...sampleCourse(), version: 0 },
        { signer: createSigner(owner, `${SAMPLE_OWNER}#k`) },
      ),
    ).rejects.toThrow(TypeError);
    await expect(verifyCatalogueEntry({}, {} as never)).rejects.toThrow(TypeError);
  });
});
