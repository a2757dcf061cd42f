/**
 * Issuing: secures a credential the way the caller asks, Data Integrity (default `eddsa-rdfc-2022`, what
 * Open Badges conformance asks for) or VC-JOSE (`vc+jwt`), after checking it is well formed, so that an
 * issuer never signs what a verifier would reject.
 */
import { type Clock, LearnbridgeError, type Signer, systemClock } from "@learnbridge/core";
import { bundledDocumentLoader, type DocumentLoader } from "../contexts/document-loader.ts";
import type { SuiteName } from "../data-integrity/cryptosuite.ts";
import { checkJsonLd } from "../data-integrity/json-ld.ts";
import { addDataIntegrityProof } from "../data-integrity/sign.ts";
import { signCredentialJwt } from "../jose/sign.ts";
import { checkCredentialSchema } from "../verify/schema-check.ts";
import { checkLimits, credentialStructureProblems } from "../verify/structure.ts";

export type CredentialFormat = "ldp_vc" | "jwt_vc";

export interface IssueOptions {
  readonly signer: Signer;
  /** `ldp_vc` (Data Integrity, default) or `jwt_vc` (VC-JOSE `vc+jwt`). */
  readonly format?: CredentialFormat;
  /** Data Integrity cryptosuite; default `eddsa-rdfc-2022`. Ignored for `jwt_vc`. */
  readonly cryptosuite?: SuiteName;
  readonly documentLoader?: DocumentLoader;
  readonly clock?: Clock;
  /** Also validate against the JSON Schemas the credential names (default true). */
  readonly validateSchema?: boolean;
}

export type IssuedCredential =
  | { readonly format: "ldp_vc"; readonly credential: Record<string, unknown> }
  | { readonly format: "jwt_vc"; readonly credential: string; readonly payload: Record<string, unknown> };

/**
 * Validates and signs. Invalid input rejects with a LearnbridgeError whose code names the first problem and
 * whose details list them all (FIELD_MISSING, URL_INVALID, TERM_UNDEFINED, SCHEMA_INVALID…).
 * @example const { credential } = await issueCredential(unsigned, { signer });
 */
export async function issueCredential(unsigned: unknown, options: IssueOptions): Promise<IssuedCredential> {
  if (!options?.signer || typeof options.signer.sign !== "function")
    throw new TypeError("issueCredential: a signer is required");
  const format = options.format ?? "ldp_vc";
  if (format !== "ldp_vc" && format !== "jwt_vc")
    throw new TypeError(`issueCredential: unknown format ${String(format)}`);
  const documentLoader = options.documentLoader ?? bundledDocumentLoader;
  const clock = options.clock ?? systemClock;

  const limit = checkLimits(unsigned);
  if (limit) throw new LearnbridgeError(limit.code, limit.message);
  const document = unsigned as Record<string, unknown>;
  const problems = credentialStructureProblems(document);
  if (document && typeof document === "object" && "proof" in document) {
    problems.push({ code: "FIELD_INVALID", path: "proof", message: "submit the credential without a proof" });
  }
  const first = problems[0];
  if (first) throw new LearnbridgeError(first.code, `${first.path}: ${first.message}`, { problems });
  const issuer = (
    typeof document.issuer === "object" ? (document.issuer as { id?: unknown }).id : document.issuer
  ) as string;
  if (options.signer.keyId.split("#")[0] !== issuer) {
    throw new LearnbridgeError(
      "KEY_CONTROLLER_MISMATCH",
      `the signing key ${options.signer.keyId} is not the issuer's`,
      {
        issuer,
        keyId: options.signer.keyId,
      },
    );
  }
  if (options.validateSchema ?? true) {
    const schema = checkCredentialSchema(document);
    if (schema.outcome === "fail")
      throw new LearnbridgeError("SCHEMA_INVALID", schema.message, { ...schema.data });
  }
  if (format === "jwt_vc") {
    await checkJsonLd(document, documentLoader);
    return {
      format,
      credential: await signCredentialJwt(document, { signer: options.signer }),
      payload: document,
    };
  }
  const credential = await addDataIntegrityProof(document, {
    signer: options.signer,
    cryptosuite: options.cryptosuite ?? "eddsa-rdfc-2022",
    documentLoader,
    clock,
  });
  return { format, credential: credential as Record<string, unknown> };
}
