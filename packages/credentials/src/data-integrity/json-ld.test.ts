import { LearnbridgeError } from "@learnbridge/core";
import { describe, expect, it } from "vitest";
import { createDocumentLoader } from "../contexts/document-loader.ts";
import { canonizeRdfc, checkJsonLd } from "./json-ld.ts";

const VC2 = "https://www.w3.org/ns/credentials/v2";
const EXTRA = "https://example.org/contexts/extra/v1";

const credential = (context: unknown[], subject: Record<string, unknown> = {}) => ({
  "@context": context,
  type: ["VerifiableCredential"],
  issuer: "did:example:issuer",
  credentialSubject: { id: "did:example:learner", ...subject },
});

async function failure(promise: Promise<unknown>): Promise<LearnbridgeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LearnbridgeError);
  return error as LearnbridgeError;
}

describe("JSON-LD processing", () => {
  it("keeps each document loader authoritative: a context one loader served is not reused by another", async () => {
    const serving = createDocumentLoader({
      extra: { [EXTRA]: { "@context": { shoeSize: "https://example.org/shoeSize" } } },
    });
    // A loader marking its answers static, as Digital Bazaar's loaders do, feeds jsonld's module-wide cache.
    const withExtra = async (url: string) => ({ ...(await serving(url)), tag: "static" });
    const document = credential([VC2, EXTRA], { shoeSize: 42 });
    expect(await canonizeRdfc(document, withExtra)).toContain("<https://example.org/shoeSize>");
    // With jsonld's own cache, this loader would never be asked and the context would be accepted.
    const error = await failure(canonizeRdfc(document, createDocumentLoader()));
    expect(error.code).toBe("CONTEXT_UNKNOWN");
    expect(error.details).toMatchObject({ url: EXTRA });
  });

  it("canonicalises language value objects with a direction (VC 2.0) as i18n datatypes", async () => {
    const document = {
      ...credential([VC2]),
      name: { "@value": "شهادة", "@language": "ar", "@direction": "rtl" },
    };
    expect(await canonizeRdfc(document, createDocumentLoader())).toContain(
      '"شهادة"^^<https://www.w3.org/ns/i18n#ar_rtl>',
    );
  });

  it("maps safe-mode failures to our codes", async () => {
    const loader = createDocumentLoader();
    const term = await failure(checkJsonLd(credential([VC2], { favouriteColour: "green" }), loader));
    expect([term.code, term.details.term]).toEqual(["TERM_UNDEFINED", "favouriteColour"]);
    const relative = await failure(checkJsonLd({ ...credential([VC2]), id: "credentials/1" }, loader));
    expect(relative.code).toBe("URL_INVALID");
    const syntax = await failure(
      checkJsonLd({ ...credential([VC2]), "@context": [VC2, { "@version": 2 }] }, loader),
    );
    expect(syntax.code).toBe("FIELD_INVALID");
  });
});
