/**
 * Digital Bazaar's default pipeline: `@digitalbazaar/vc` issue/verify with a DataIntegrityProof suite and the
 * eddsa-rdfc-2022 cryptosuite, over a static document loader serving our bundled contexts and the issuer's
 * did:key documents (their verifier dereferences the verification method, then its controller).
 */
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite as eddsaRdfc2022 } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import { exportPrivateJwk } from "@learnbridge/core";
import { createDocumentLoader, type DocumentLoader, resolveDidKey } from "@learnbridge/credentials";
import type { BenchIssuer } from "../fixtures.ts";
import type { BenchCase, BenchFixtures } from "./case.ts";
import { RDFC_GROUP } from "./ours-data-integrity.ts";

/** A loader answering the bundled contexts, the issuer's DID document and its key document. */
function digitalBazaarLoader(issuer: BenchIssuer): DocumentLoader {
  const didDocument = resolveDidKey(issuer.did);
  if (!didDocument.ok) throw new Error(didDocument.message);
  const keyDocument = {
    "@context": "https://w3id.org/security/multikey/v1",
    id: issuer.keyId,
    type: "Multikey",
    controller: issuer.did,
    publicKeyMultibase: issuer.publicKeyMultibase,
  };
  const withDid = createDocumentLoader({ extra: { [issuer.did]: didDocument.value } });
  return async (url) =>
    url === issuer.keyId ? { contextUrl: null, documentUrl: url, document: keyDocument } : withDid(url);
}

/**
 * The same loader with every answer tagged `static`, which lets jsonld keep the processed contexts in its
 * module-wide cache instead of processing them again on every call (what our own JSON-LD layer does).
 */
const tagStatic =
  (loader: DocumentLoader) =>
  async (url: string): Promise<unknown> => ({ ...(await loader(url)), tag: "static" });

type DbResult = Awaited<ReturnType<typeof vc.verifyCredential>>;
const isVerified = (result: unknown) => (result as DbResult).verified === true;

/** DB issue, DB verify, and DB verify with a loader that tags its contexts static. */
export async function digitalBazaarCases(fixtures: BenchFixtures): Promise<BenchCase[]> {
  const { ed25519: issuer, credential } = fixtures;
  const key = await Ed25519Multikey.fromJwk({
    jwk: await exportPrivateJwk(issuer.pair),
    secretKey: true,
    id: issuer.keyId,
    controller: issuer.did,
  });
  const documentLoader = digitalBazaarLoader(issuer);
  const staticLoader = tagStatic(documentLoader);
  const signingSuite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 });
  const verifyingSuite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
  const issue = () => vc.issue({ credential: { ...credential }, suite: signingSuite, documentLoader });
  const verify = (signed: object, loader: (url: string) => Promise<unknown> = documentLoader) =>
    vc.verifyCredential({ credential: signed, suite: verifyingSuite, documentLoader: loader });
  const signed = await issue();
  const versus = (id: string) => ({ id, peer: "DB" });
  return [
    {
      id: "rdfc.issue.db",
      group: RDFC_GROUP,
      label: "Digital Bazaar vc.issue",
      kind: "sign",
      versus: versus("rdfc.issue.ours"),
      run: issue,
      check: async (result) => isVerified(await verify(result as object)),
    },
    {
      id: "rdfc.verify.db",
      group: RDFC_GROUP,
      label: "Digital Bazaar vc.verifyCredential",
      kind: "verify",
      versus: versus("rdfc.verify.ours"),
      run: () => verify(signed),
      check: isVerified,
    },
    {
      id: "rdfc.verify.db-static",
      group: RDFC_GROUP,
      label: "Digital Bazaar vc.verifyCredential, loader tags static",
      kind: "verify",
      versus: versus("rdfc.verify.ours"),
      run: () => verify(signed, staticLoader),
      check: isVerified,
    },
  ];
}
