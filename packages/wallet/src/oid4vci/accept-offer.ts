/**
 * Accepting a credential offer, end to end (OpenID4VCI 1.0, pre-authorized code flow): read the offer, the
 * issuer's metadata and every offered configuration BEFORE spending the one-time code, ask for the PIN when
 * there is one, get the token, then for each credential a fresh nonce, a key proof and the request. Each
 * credential is verified with the engine (proof, issuer, validity, status, schema) and must be about the
 * learner before it is stored; nothing unverified is ever kept.
 */
import { LearnbridgeError, newUrnUuid } from "@learnbridge/core";
import { type VerificationReport, verifyCredential } from "@learnbridge/credentials";
import { chooseHolderDid } from "../agent/holder-identity.ts";
import { signerOf } from "../agent/veramo-signer.ts";
import { summariseCredential } from "../credential-summary.ts";
import type { HeldCredentialFormat, StoredCredential } from "../storage/credential-store.ts";
import type { Wallet } from "../wallet.ts";
import { resolveCredentialOffer, type TxCodeSpec } from "./credential-offer.ts";
import { requestCredential } from "./credential-request.ts";
import { credentialConfiguration, displayNameFor, fetchIssuerMetadata } from "./issuer-metadata.ts";
import { createKeyProof } from "./key-proof.ts";
import { fetchNonce, fetchTokenEndpoint, requestAccessToken } from "./token.ts";

export interface AcceptOfferOptions {
  /** The PIN the learner received separately, when known up front (`--pin`). */
  readonly txCode?: string;
  /** Asks the learner for the PIN when the offer has one and `txCode` was not given. */
  readonly askTxCode?: (spec: TxCodeSpec, issuerName: string | undefined) => Promise<string | undefined>;
  /** The learner's languages, most preferred first (for display names). Default `["en"]`. */
  readonly languages?: readonly string[];
  /** Bind to this identifier instead of choosing one. */
  readonly holderDid?: string;
}

/** One credential received. */
export interface ReceivedCredential {
  readonly stored: StoredCredential;
  /** The name to show: the issuer's display name for it in the learner's language, else the achievement's. */
  readonly displayName: string;
  /** False when the wallet already held a credential with this id (nothing was changed). */
  readonly added: boolean;
  readonly report: VerificationReport;
}

/** What accepting an offer did. */
export interface AcceptedOffer {
  readonly issuer: string;
  readonly issuerName?: string;
  readonly holder: string;
  readonly credentials: readonly ReceivedCredential[];
  /** Configurations the issuer treated as alternatives of one already received (refused as used). */
  readonly alternativesNotIssued: readonly string[];
}

/** Checks a PIN against what the offer says of it, so that a typo does not use up an attempt. */
function checkTxCode(code: string | undefined, spec: TxCodeSpec): string {
  const value = code?.trim();
  if (!value)
    throw new LearnbridgeError(
      "TX_CODE_REQUIRED",
      "this offer needs the PIN that was sent to you separately",
    );
  if (spec.inputMode === "numeric" && !/^\d+$/.test(value)) {
    throw new LearnbridgeError("TX_CODE_INVALID", "the PIN is made of digits only");
  }
  if (spec.length !== undefined && value.length !== spec.length) {
    throw new LearnbridgeError(
      "TX_CODE_INVALID",
      `the PIN has ${spec.length} characters, not ${value.length}`,
      {
        length: spec.length,
      },
    );
  }
  return value;
}

/** Accepts every credential an offer link offers; see the module header. */
export async function acceptCredentialOffer(
  wallet: Wallet,
  link: string,
  options: AcceptOfferOptions = {},
): Promise<AcceptedOffer> {
  const languages = options.languages?.length ? options.languages : ["en"];
  const offer = await resolveCredentialOffer(link, wallet.http);
  const metadata = await fetchIssuerMetadata(offer.credentialIssuer, wallet.http);
  const issuerName = displayNameFor(metadata.display, languages);
  const configurations = offer.credentialConfigurationIds.map((id) => credentialConfiguration(metadata, id));
  const methods = configurations.find((c) => c.bindingMethods.length > 0)?.bindingMethods ?? [];
  const holder = await chooseHolderDid(wallet, methods, options.holderDid);
  const signer = signerOf(wallet.agent, holder);

  const txCode = offer.txCode
    ? checkTxCode(options.txCode ?? (await options.askTxCode?.(offer.txCode, issuerName)), offer.txCode)
    : undefined;
  const server = offer.authorizationServer ?? metadata.authorizationServers[0] ?? offer.credentialIssuer;
  const tokenEndpoint = await fetchTokenEndpoint(server, wallet.http);
  const token = await requestAccessToken(
    tokenEndpoint,
    { preAuthorizedCode: offer.preAuthorizedCode, ...(txCode !== undefined ? { txCode } : {}) },
    wallet.http,
  );

  const received: ReceivedCredential[] = [];
  const alternatives: string[] = [];
  for (const configuration of configurations) {
    const identifier = token.credentialIdentifiers.get(configuration.id)?.[0];
    const target = identifier
      ? { credentialIdentifier: identifier }
      : { credentialConfigurationId: configuration.id };
    let credential: unknown;
    // One retry with a fresh nonce: another request may have consumed the one we had.
    for (let attempt = 0; credential === undefined; attempt++) {
      const nonce = metadata.nonceEndpoint
        ? await fetchNonce(metadata.nonceEndpoint, wallet.http)
        : undefined;
      const proof = configuration.proofRequired
        ? await createKeyProof({
            signer,
            audience: offer.credentialIssuer,
            alg: configuration.proofAlg,
            clock: wallet.clock,
            ...(nonce !== undefined ? { nonce } : {}),
          })
        : undefined;
      let answer: Awaited<ReturnType<typeof requestCredential>>;
      try {
        answer = await requestCredential(
          metadata.credentialEndpoint,
          { accessToken: token.accessToken, target, ...(proof ? { proof } : {}) },
          wallet.http,
        );
      } catch (error) {
        // Some issuers (ours among them) offer one credential in several formats as alternatives: once one
        // was issued, the others are refused as used. That is not a failure of the offer.
        if (received.length > 0 && error instanceof LearnbridgeError && error.code === "GRANT_USED") break;
        throw error;
      }
      if ("credential" in answer) credential = answer.credential;
      else if (attempt > 0)
        throw new LearnbridgeError("NONCE_INVALID", "the issuer refused the key proof's nonce twice");
    }
    if (credential === undefined) {
      alternatives.push(configuration.id);
      continue;
    }
    const displayName = displayNameFor(configuration.display, languages);
    received.push(
      await keep(wallet, credential, configuration.format, holder.did, languages, displayName, issuerName),
    );
  }
  return {
    issuer: offer.credentialIssuer,
    ...(issuerName ? { issuerName } : {}),
    holder: holder.did,
    credentials: received,
    alternativesNotIssued: alternatives,
  };
}

/** Verifies a received credential, checks it is about the holder, and stores it. */
async function keep(
  wallet: Wallet,
  credential: unknown,
  format: HeldCredentialFormat,
  holder: string,
  languages: readonly string[],
  displayName: string | undefined,
  issuerName: string | undefined,
): Promise<ReceivedCredential> {
  const shape = format === "ldp_vc" ? "object" : "string";
  if (typeof credential !== shape || credential === null) {
    throw new LearnbridgeError("FIELD_INVALID", `the issuer sent a ${format} credential in the wrong form`, {
      format,
    });
  }
  const report = await verifyCredential(credential, wallet.verifier);
  if (!report.verified) {
    const failed = report.checks.find((check) => check.outcome === "fail");
    throw new LearnbridgeError(
      failed?.code && failed.code !== "OK" ? (failed.code as LearnbridgeError["code"]) : "PROOF_INVALID",
      `the credential did not pass its checks (${failed?.name ?? "?"}: ${failed?.message ?? "failed"}); it was not saved`,
      { checks: report.checks },
    );
  }
  const document = (format === "ldp_vc" ? credential : report.document) as Record<string, unknown>;
  const summary = summariseCredential(document, languages);
  if (!summary.subjects.includes(holder)) {
    throw new LearnbridgeError("HOLDER_MISMATCH", "the credential is about someone else; it was not saved", {
      holder,
      subjects: summary.subjects,
    });
  }
  const stored: StoredCredential = {
    id: summary.id ?? newUrnUuid(),
    format,
    credential: credential as StoredCredential["credential"],
    issuer: summary.issuer ?? "",
    ...((summary.issuerName ?? issuerName) ? { issuerName: summary.issuerName ?? issuerName } : {}),
    types: summary.types,
    ...((summary.achievementName ?? displayName)
      ? { achievementName: summary.achievementName ?? displayName }
      : {}),
    holder,
    receivedAt: wallet.clock().toISOString(),
  };
  const added = await wallet.credentials.add(stored);
  return {
    stored,
    displayName: displayName ?? summary.achievementName ?? summary.types.at(-1) ?? "credential",
    added,
    report,
  };
}
