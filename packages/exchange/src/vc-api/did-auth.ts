/**
 * DID Authentication in a VC-API exchange: the Verifiable Presentation Request the node sends (a
 * `DIDAuthentication` query with a challenge and a domain), and the check of the presentation a wallet
 * answers with: the engine's `verifyPresentation` (purpose `authentication`, challenge and domain bound),
 * a holder DID of an accepted method, and that holder's key behind the proof.
 */
import type { ErrorCode } from "@learnbridge/core";
import {
  type Check,
  createKeyResolver,
  type KeyResolver,
  parseDid,
  splitFragment,
  type VerificationReport,
  type VerifierOptions,
  verifyPresentation,
} from "@learnbridge/credentials";

/** The DID methods a holder may authenticate with: keys a wallet holds, resolvable with no network. */
export const DID_AUTH_METHODS = ["key", "jwk"] as const;

/** A Verifiable Presentation Request (W3C CCG VP Request spec) asking for DID Authentication. */
export interface DidAuthPresentationRequest {
  readonly query: readonly [
    {
      readonly type: "DIDAuthentication";
      readonly acceptedMethods: readonly { readonly method: string }[];
    },
  ];
  readonly challenge: string;
  readonly domain: string;
  /** Where to send the answer; older wallets (LCW among them) read it, newer ones post back to the exchange. */
  readonly interact?: {
    readonly service: readonly { readonly type: string; readonly serviceEndpoint: string }[];
  };
}

/** The request for one challenge, answered at `exchangeUrl`. */
export function didAuthRequestOf(input: {
  challenge: string;
  domain: string;
  exchangeUrl?: string;
}): DidAuthPresentationRequest {
  return {
    query: [{ type: "DIDAuthentication", acceptedMethods: DID_AUTH_METHODS.map((method) => ({ method })) }],
    challenge: input.challenge,
    domain: input.domain,
    ...(input.exchangeUrl
      ? {
          interact: {
            service: [{ type: "UnmediatedHttpPresentationService2021", serviceEndpoint: input.exchangeUrl }],
          },
        }
      : {}),
  };
}

/** The outcome of checking a DIDAuth presentation: the authenticated holder, or the first reason it failed. */
export type DidAuthOutcome =
  | { readonly ok: true; readonly holder: string; readonly report: VerificationReport }
  | {
      readonly ok: false;
      readonly code: ErrorCode;
      readonly message: string;
      readonly report: VerificationReport;
    };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The first failed check of a report, its own before those of the credentials it carries. */
export function firstFailedCheck(report: VerificationReport): Check | undefined {
  const own = report.checks.find((check) => check.outcome === "fail");
  if (own) return own;
  for (const inner of report.credentials ?? []) {
    const found = firstFailedCheck(inner);
    if (found) return found;
  }
  return undefined;
}

/**
 * Keys are resolved only for the accepted DID methods: a presentation cannot make the node fetch a
 * did:web document of the sender's choosing.
 */
function acceptedMethodsOnly(base: KeyResolver): KeyResolver {
  return async (id, options) => {
    const method = parseDid(splitFragment(id).base)?.method;
    if (!method || !(DID_AUTH_METHODS as readonly string[]).includes(method)) {
      return {
        ok: false,
        code: "DID_METHOD_UNSUPPORTED",
        message: `DID Authentication here accepts did:${DID_AUTH_METHODS.join(", did:")} only`,
        data: { verificationMethod: id },
      };
    }
    return base(id, options);
  };
}

/**
 * Checks a DIDAuth presentation (Data Integrity object, `vp+jwt`, or an enveloped one) against the
 * challenge and domain the node sent. Never throws for bad input.
 */
export async function checkDidAuthPresentation(
  presentation: unknown,
  options: { readonly challenge: string; readonly domain: string; readonly verifier?: VerifierOptions },
): Promise<DidAuthOutcome> {
  const verifier = options.verifier ?? {};
  const base = verifier.resolveKey ?? createKeyResolver({ ...verifier.network, clock: verifier.clock });
  const report = await verifyPresentation(presentation, {
    ...verifier,
    resolveKey: acceptedMethodsOnly(base),
    challenge: options.challenge,
    domain: options.domain,
  });
  if (!report.verified) {
    const failed = firstFailedCheck(report);
    return {
      ok: false,
      code: (failed?.code as ErrorCode | undefined) ?? "PROOF_INVALID",
      message: failed?.message ?? "the presentation is not verified",
      report,
    };
  }
  const document = isObject(report.document) ? report.document : {};
  const holder = isObject(document.holder) ? document.holder.id : document.holder;
  if (typeof holder !== "string" || !holder) {
    return {
      ok: false,
      code: "HOLDER_PROOF_INVALID",
      message: "the presentation names no holder: DID Authentication needs `holder`, the DID that signs",
      report,
    };
  }
  return { ok: true, holder, report };
}
