/**
 * A presentation of one held credential, bound to the verifier (OpenID4VP 1.0 Appendix B.1.3): the nonce is
 * the proof's `challenge` (Data Integrity) or the JWT's `nonce` (VC-JOSE), the full client id its `domain`
 * or `aud`. Signed by the learner's key through the engine: Data Integrity `eddsa-rdfc-2022` (or
 * `eddsa-jcs-2022` when that is all the verifier takes) for `ldp_vc`, a `vp+jwt` carrying the credential as
 * an EnvelopedVerifiableCredential for `jwt_vc_json`.
 */
import { LearnbridgeError, type Signer } from "@learnbridge/core";
import { addDataIntegrityProof, envelopeCredential, signPresentationJwt } from "@learnbridge/credentials";
import type { StoredCredential } from "../storage/credential-store.ts";

const VC_V2 = "https://www.w3.org/ns/credentials/v2";

/** Where the presentation goes and what the verifier accepts. */
export interface PresentationBinding {
  readonly nonce: string;
  readonly audience: string;
  /** The verifier's `vp_formats_supported` entry for the credential's format, if it sent one. */
  readonly accepted?: Record<string, unknown>;
}

const list = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;

function cryptosuiteFor(accepted: Record<string, unknown> | undefined): "eddsa-rdfc-2022" | "eddsa-jcs-2022" {
  const proofTypes = list(accepted?.proof_type_values);
  const suites = list(accepted?.cryptosuite_values);
  if (proofTypes && !proofTypes.includes("DataIntegrityProof")) {
    throw new LearnbridgeError(
      "PROOF_UNSUPPORTED",
      "the employer does not accept Data Integrity presentations",
      {
        accepted: proofTypes,
      },
    );
  }
  if (!suites || suites.includes("eddsa-rdfc-2022")) return "eddsa-rdfc-2022";
  if (suites.includes("eddsa-jcs-2022")) return "eddsa-jcs-2022";
  throw new LearnbridgeError(
    "PROOF_UNSUPPORTED",
    "the employer accepts none of this wallet's signature types",
    {
      accepted: suites,
    },
  );
}

/** Builds and signs the presentation: an object for `ldp_vc`, a compact `vp+jwt` for `jwt_vc_json`. */
export async function buildPresentation(
  credential: StoredCredential,
  holder: { readonly did: string; readonly signer: Signer },
  binding: PresentationBinding,
): Promise<Record<string, unknown> | string> {
  const base = { "@context": [VC_V2], type: ["VerifiablePresentation"], holder: holder.did };
  if (credential.format === "ldp_vc") {
    if (typeof credential.credential !== "object") throw new TypeError("an ldp_vc credential is an object");
    const presentation = { ...base, verifiableCredential: [credential.credential] };
    return addDataIntegrityProof(presentation, {
      signer: holder.signer,
      proofPurpose: "authentication",
      challenge: binding.nonce,
      domain: binding.audience,
      cryptosuite: cryptosuiteFor(binding.accepted),
    });
  }
  if (typeof credential.credential !== "string") throw new TypeError("a jwt_vc_json credential is a string");
  const algs = list(binding.accepted?.alg_values);
  if (algs && !algs.includes("EdDSA") && !algs.includes("Ed25519")) {
    throw new LearnbridgeError("JWT_ALG_UNSUPPORTED", "the employer does not accept Ed25519 signatures", {
      accepted: algs,
    });
  }
  const presentation = { ...base, verifiableCredential: [envelopeCredential(credential.credential)] };
  return signPresentationJwt(presentation, {
    signer: holder.signer,
    nonce: binding.nonce,
    audience: binding.audience,
  });
}
