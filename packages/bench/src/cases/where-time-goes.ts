/**
 * Where the time of our Data Integrity verify goes: each step of verifying the rdfc-signed sample, timed
 * alone. JSON-LD to RDF (expansion, safe mode) and RDFC-1.0 canonicalisation are timed apart; the jcs suite
 * pays the first (its safe-mode check) but not the second.
 */
import { fromMultibase, sha256, utf8, verifySignature } from "@learnbridge/core";
import {
  canonizeRdfc,
  checkJsonLd,
  computeHashData,
  createDocumentLoader,
  eddsaRdfc2022,
  issueCredential,
  type JsonObject,
} from "@learnbridge/credentials";
import jsonld from "jsonld";
import rdfCanonize from "rdf-canonize";
import { clock } from "../fixtures.ts";
import type { BenchCase, BenchFixtures } from "./case.ts";

const STEPS_GROUP = "Where ours verify (eddsa-rdfc-2022) spends its time";

/** One case per step, each checked against the value the full pipeline computes. */
export async function whereTimeGoesCases(fixtures: BenchFixtures): Promise<BenchCase[]> {
  const { ed25519: issuer } = fixtures;
  const issued = await issueCredential({ ...fixtures.credential }, { signer: issuer.signer, clock });
  const { proof, ...unsecured } = issued.credential as JsonObject & { proof: JsonObject };
  const { proofValue, ...proofOptions } = proof;
  // One loader for every step: our JSON-LD layer caches processed contexts per loader, as in production.
  const documentLoader = createDocumentLoader();
  const context = { documentLoader };
  const expected = await computeHashData(eddsaRdfc2022, unsecured, proofOptions, context);
  const signature = fromMultibase(proofValue as string);
  // Untagged answers keep these set-up calls out of jsonld's module-wide context cache (see digital-bazaar.ts).
  const dataset = await jsonld.toRDF(
    unsecured as jsonld.JsonLdDocument,
    {
      documentLoader: createDocumentLoader(),
      safe: true,
      rdfDirection: "i18n-datatype",
      produceGeneralizedRdf: false,
    } as unknown as jsonld.Options.ToRdf,
  );
  const step = (id: string, label: string, run: () => Promise<unknown>, check: BenchCase["check"]) =>
    ({ id: `step.${id}`, group: STEPS_GROUP, label, kind: "step", run, check }) satisfies BenchCase;
  return [
    step(
      "canonize-document",
      "canonizeRdfc(document): toRDF + RDFC-1.0",
      () => canonizeRdfc(unsecured, documentLoader),
      (result) => result === expected.canonicalDocument,
    ),
    step(
      "to-rdf",
      "  of which jsonld toRDF, safe mode (= checkJsonLd)",
      () => checkJsonLd(unsecured, documentLoader),
      () => true,
    ),
    step(
      "rdf-canonize",
      "  of which rdf-canonize RDFC-1.0 of the dataset",
      () => rdfCanonize.canonize(dataset, { algorithm: "RDFC-1.0", format: "application/n-quads" }),
      (result) => result === expected.canonicalDocument,
    ),
    step(
      "canonize-proof",
      "canonize proof configuration",
      () => eddsaRdfc2022.configure(proofOptions, unsecured, context),
      (result) => result === expected.canonicalProofConfig,
    ),
    step(
      "sha256",
      "2 x SHA-256 (WebCrypto)",
      () =>
        Promise.all([sha256(utf8(expected.canonicalProofConfig)), sha256(utf8(expected.canonicalDocument))]),
      () => true,
    ),
    step(
      "verify-signature",
      "core verifySignature Ed25519 (memoised key import)",
      () => verifySignature(issuer.pair.publicKey, expected.hashData, signature),
      (result) => result === true,
    ),
  ];
}
