import { readFileSync } from "node:fs";
import jsonld from "jsonld";
import { describe, expect, it } from "vitest";
import { createDocumentLoader, type DocumentLoader } from "./document-loader.ts";
import { CONTEXT_URLS, CONTEXTS } from "./index.ts";

// @types/jsonld predates `safe` and RDFC-1.0, and types `contextUrl` as string | undefined.
interface JsonLdOptions {
  documentLoader: DocumentLoader;
  safe?: boolean;
  algorithm?: "RDFC-1.0";
  format?: "application/n-quads";
}
const expand = jsonld.expand as unknown as (input: unknown, options: JsonLdOptions) => Promise<unknown[]>;
const canonize = jsonld.canonize as unknown as (input: unknown, options: JsonLdOptions) => Promise<string>;

const VECTORS = "/work/shared/vectors/w3c-vc-di-eddsa";
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, "utf8"));

describe("bundled contexts", () => {
  it("has a document for every CONTEXT_URLS entry, and nothing else", () => {
    expect(new Set(CONTEXTS.keys())).toEqual(new Set(Object.values(CONTEXT_URLS)));
  });

  it("are deeply frozen", () => {
    const v2 = CONTEXTS.get(CONTEXT_URLS.VC_V2) as { "@context": Record<string, unknown> };
    expect(Object.isFrozen(v2)).toBe(true);
    expect(Object.isFrozen(v2["@context"])).toBe(true);
  });
});

describe("createDocumentLoader", () => {
  const load = createDocumentLoader();

  it.each([...CONTEXTS.keys()])("loads %s", async (url) => {
    const remote = await load(url);
    expect(remote.contextUrl).toBeNull();
    expect(remote.documentUrl).toBe(url);
    expect(typeof remote.document).toBe("object");
    expect(remote.document).toHaveProperty("@context");
    expect(remote.document).toEqual(CONTEXTS.get(url));
  });

  it("hands out a copy, so the bundled context cannot be altered through it", async () => {
    const remote = await load(CONTEXT_URLS.VC_V2);
    expect(remote.document).not.toBe(CONTEXTS.get(CONTEXT_URLS.VC_V2));
    (remote.document as { "@context": Record<string, unknown> })["@context"].injected =
      "https://evil.example/#";
    expect((await load(CONTEXT_URLS.VC_V2)).document).toEqual(CONTEXTS.get(CONTEXT_URLS.VC_V2));
  });

  it("ignores a trailing fragment", async () => {
    const remote = await load(`${CONTEXT_URLS.VC_V2}#VerifiableCredential`);
    expect(remote.documentUrl).toBe(CONTEXT_URLS.VC_V2);
    expect(remote.document).toEqual(CONTEXTS.get(CONTEXT_URLS.VC_V2));
  });

  it("refuses an unknown URL with CONTEXT_UNKNOWN, naming it", async () => {
    const url = "https://w3id.org/citizenship/v4rc1";
    await expect(load(url)).rejects.toMatchObject({
      code: "CONTEXT_UNKNOWN",
      message: expect.stringContaining(url),
    });
    await expect(load(url)).rejects.toBeInstanceOf(Error);
  });

  it("does not answer near misses (no normalisation beyond the fragment)", async () => {
    for (const url of [
      "http://www.w3.org/ns/credentials/v2",
      "https://www.w3.org/ns/credentials/v2/",
      "https://www.w3.org/ns/credentials/v2?x=1",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.0.json",
    ]) {
      await expect(load(url)).rejects.toMatchObject({ code: "CONTEXT_UNKNOWN" });
    }
  });

  it("answers extra documents, from a Map or a record, with or without a fragment", async () => {
    const didDoc = { "@context": CONTEXT_URLS.DID_V1, id: "did:example:123" };
    for (const extra of [new Map([["did:example:123", didDoc]]), { "did:example:123": didDoc }]) {
      const withExtra = createDocumentLoader({ extra });
      expect((await withExtra("did:example:123")).document).toBe(didDoc);
      expect((await withExtra("did:example:123#key-1")).document).toBe(didDoc);
      expect((await withExtra(CONTEXT_URLS.VC_V2)).document).toEqual(CONTEXTS.get(CONTEXT_URLS.VC_V2));
      await expect(withExtra("did:example:456")).rejects.toMatchObject({ code: "CONTEXT_UNKNOWN" });
    }
  });

  it("does not let extra documents shadow a bundled context", async () => {
    const withExtra = createDocumentLoader({ extra: { [CONTEXT_URLS.VC_V2]: { "@context": {} } } });
    expect((await withExtra(CONTEXT_URLS.VC_V2)).document).toEqual(CONTEXTS.get(CONTEXT_URLS.VC_V2));
  });
});

describe("with jsonld", () => {
  const documentLoader = createDocumentLoader();

  it("expands the W3C vc-di-eddsa unsigned credential with safe mode", async () => {
    const expanded = await expand(readJson(`${VECTORS}/unsigned.json`), { documentLoader, safe: true });
    expect(expanded).toHaveLength(1);
    expect(expanded[0]).toMatchObject({
      "@id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
      "@type": expect.arrayContaining([
        "https://www.w3.org/2018/credentials#VerifiableCredential",
        "https://www.w3.org/ns/credentials/examples#AlumniCredential",
      ]),
    });
  });

  it("expands every signed W3C vector (VC 2.0 + Data Integrity / Ed25519Signature2020) with safe mode", async () => {
    for (const file of [
      "eddsa-rdfc-2022/signedDataInt.json",
      "eddsa-jcs-2022/signedJCS.json",
      "Ed25519Signature2020/signedEdSig.json",
    ]) {
      const expanded = await expand(readJson(`${VECTORS}/${file}`), { documentLoader, safe: true });
      expect(expanded, file).toHaveLength(1);
    }
  });

  it.each([
    ["unsigned.json", "eddsa-rdfc-2022/canonDocDataInt.txt"],
    ["eddsa-rdfc-2022/proofConfigDataInt.json", "eddsa-rdfc-2022/proofCanonDataInt.txt"],
    ["Ed25519Signature2020/proofConfigEdSig.json", "Ed25519Signature2020/proofCanonEdSig.txt"],
  ])("canonizes %s to the W3C vector's N-Quads", async (input, expected) => {
    const nquads = await canonize(readJson(`${VECTORS}/${input}`), {
      documentLoader,
      algorithm: "RDFC-1.0",
      format: "application/n-quads",
      safe: true,
    });
    expect(nquads).toBe(readFileSync(`${VECTORS}/${expected}`, "utf8"));
  });

  it("expands the OB 3.0 signed example with safe mode", async () => {
    const ob = readJson("/work/shared/vectors/ob3-spec-signed-example.json");
    const expanded = await expand(ob, { documentLoader, safe: true });
    expect(expanded).toHaveLength(1);
  });

  it("canonizes a VC 1.1 examples credential offline (that context imports ODRL)", async () => {
    const doc = {
      "@context": [CONTEXT_URLS.VC_V1, CONTEXT_URLS.VC_EXAMPLES_V1],
      type: ["VerifiableCredential", "UniversityDegreeCredential"],
      issuer: "https://example.edu/issuers/14",
      issuanceDate: "2010-01-01T19:23:24Z",
      credentialSubject: {
        id: "did:example:123",
        degree: { type: "BachelorDegree", name: "Bachelor of Arts" },
      },
    };
    const nquads = await canonize(doc, {
      documentLoader,
      algorithm: "RDFC-1.0",
      format: "application/n-quads",
      safe: true,
    });
    expect(nquads).toContain("https://example.org/examples#BachelorDegree");
  });

  it("processes each bundled context as a JSON-LD context", async () => {
    for (const url of CONTEXTS.keys()) {
      await expect(
        expand({ "@context": url, "@id": "urn:x" }, { documentLoader }),
        url,
      ).resolves.toBeDefined();
    }
  });

  it("reports an unknown context through jsonld, with our error as the cause", async () => {
    const vc = readJson(`${VECTORS}/employmentAuth.json`);
    const error = await expand(vc, { documentLoader, safe: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).toContain("citizenship/v4rc1");
  });
});
