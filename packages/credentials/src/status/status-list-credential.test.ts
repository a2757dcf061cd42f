import { fixedClock } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { Bitstring } from "./bitstring.ts";
import {
  buildStatusListCredential,
  issueStatusListCredential,
  statusEntry,
} from "./status-list-credential.ts";

const URL_R1 = "https://node.example/status/r1";
const clock = fixedClock("2026-03-01T10:00:00.500Z");

describe("buildStatusListCredential", () => {
  it("builds the VC 2.0 list credential with a one-day validity by default", async () => {
    const list = Bitstring.create();
    list.set(94_567, true);
    const vc = await buildStatusListCredential({
      id: URL_R1,
      issuer: "did:web:node.example",
      purpose: "revocation",
      list,
      clock,
    });
    expect(vc).toEqual({
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      id: URL_R1,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: "did:web:node.example",
      validFrom: "2026-03-01T10:00:00Z",
      validUntil: "2026-03-02T10:00:00Z",
      credentialSubject: {
        id: `${URL_R1}#list`,
        type: "BitstringStatusList",
        statusPurpose: "revocation",
        encodedList: await list.encode(),
      },
    });
    const decoded = await Bitstring.decode(vc.credentialSubject.encodedList);
    expect(decoded.ok && decoded.value.get(94_567)).toBe(true);
  });

  it("takes a custom TTL, or none", async () => {
    const base = {
      id: URL_R1,
      issuer: { id: "did:web:node.example", name: "Node" },
      purpose: "suspension",
      clock,
    };
    const hour = await buildStatusListCredential({ ...base, list: Bitstring.create(), ttlMs: 3_600_000 });
    expect(hour.validUntil).toBe("2026-03-01T11:00:00Z");
    expect(hour.issuer).toEqual({ id: "did:web:node.example", name: "Node" });
    const forever = await buildStatusListCredential({ ...base, list: Bitstring.create(), ttlMs: null });
    expect("validUntil" in forever).toBe(false);
  });

  it("refuses to publish a list shorter than 131,072 entries, and other misuse", async () => {
    const base = { id: URL_R1, issuer: "did:web:node.example", purpose: "revocation" };
    const short = Bitstring.create(1024, { minLength: 8 });
    await expect(buildStatusListCredential({ ...base, list: short })).rejects.toThrow(TypeError);
    await expect(
      buildStatusListCredential({ ...base, id: "status/r1", list: Bitstring.create() }),
    ).rejects.toThrow(TypeError);
    await expect(
      buildStatusListCredential({ ...base, issuer: "", list: Bitstring.create() }),
    ).rejects.toThrow(TypeError);
    await expect(buildStatusListCredential({ ...base, ttlMs: 0, list: Bitstring.create() })).rejects.toThrow(
      TypeError,
    );
  });

  it("hands the unsigned credential to the injected signer", async () => {
    const signed = await issueStatusListCredential({
      id: URL_R1,
      issuer: "did:web:node.example",
      purpose: "revocation",
      list: Bitstring.create(),
      clock,
      sign: async (unsigned) => ({ ...unsigned, proof: { type: "DataIntegrityProof", signed: unsigned.id } }),
    });
    expect(signed).toMatchObject({ id: URL_R1, proof: { type: "DataIntegrityProof", signed: URL_R1 } });
  });
});

describe("statusEntry", () => {
  it("builds the entry with the index as a base-10 string", () => {
    expect(statusEntry({ listCredentialUrl: URL_R1, index: 94_567, purpose: "revocation" })).toEqual({
      id: `${URL_R1}#94567`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "94567",
      statusListCredential: URL_R1,
    });
  });

  it.each([
    ["relative URL", { listCredentialUrl: "/status/r1", index: 1, purpose: "revocation" }],
    ["URL with a fragment", { listCredentialUrl: `${URL_R1}#x`, index: 1, purpose: "revocation" }],
    ["negative index", { listCredentialUrl: URL_R1, index: -1, purpose: "revocation" }],
    ["fractional index", { listCredentialUrl: URL_R1, index: 1.5, purpose: "revocation" }],
    ["empty purpose", { listCredentialUrl: URL_R1, index: 1, purpose: "" }],
  ])("refuses %s", (_name, input) => {
    expect(() => statusEntry(input)).toThrow(TypeError);
  });
});
