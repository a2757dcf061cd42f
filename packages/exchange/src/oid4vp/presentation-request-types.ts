/** The OpenID4VP verifier's shapes: its options, an employer's request and view of it, a wallet's answer. */
import type { Clock, Signer } from "@learnbridge/core";
import type { VerifierOptions } from "@learnbridge/credentials";
import type { KeyVault } from "@learnbridge/issuer";
import type { CheckedPresentation } from "./answer-check.ts";
import type { DcqlQuery } from "./dcql.ts";
import type { PresentationRequestStore } from "./presentation-request-store.ts";
import type { ResponseMode } from "./response-encryption.ts";

/** What the verifier needs; everything impure is injected here. */
export interface PresentationRequestsOptions {
  readonly store: PresentationRequestStore;
  /** The node's DID; the client id is `decentralized_identifier:<did>`. */
  readonly did: string;
  /** The node's signing key (a verification method of `did`), for Request Objects. */
  readonly signer: () => Promise<Signer>;
  /** Where wallets post answers (direct_post). */
  readonly responseUri: string;
  /** The request URI of a request. */
  readonly requestUriOf: (id: string) => string;
  /** Seals the private keys of encrypted requests at rest (the centre's vault); without it none is made. */
  readonly vault?: KeyVault;
  /** How a request that names no response mode is answered; default `direct_post`. */
  readonly responseMode?: ResponseMode;
  /** How presentations and credentials are verified (key resolver, status lists, trust). */
  readonly verifier?: VerifierOptions;
  readonly clock?: Clock;
  readonly randomBytes?: (length: number) => Uint8Array;
  /** How long a request accepts an answer; default 30 minutes (a phone, a first wallet, no hurry). */
  readonly requestTtlMs?: number;
  /** How long a result (or an unanswered request) is kept before it is deleted; default 1 hour. */
  readonly resultTtlMs?: number;
  /** How long accepted presentations' hashes refuse replays; default 30 days. */
  readonly replayWindowMs?: number;
  /** Opportunistic purges on writes run at most this often; default 1 minute. */
  readonly purgeEveryMs?: number;
}

/** What an employer asks for: a DCQL query, or one of the shorthands. */
export interface NewPresentationRequest {
  readonly dcqlQuery?: unknown;
  readonly achievement?: string;
  readonly issuer?: string;
  /** The employer's language, for the explained result. */
  readonly language: string;
  /** Shorter or longer than the default, within 1 minute and 24 hours. */
  readonly ttlMs?: number;
  /** `direct_post.jwt` to have the answer encrypted to the request's own key; default: the verifier's. */
  readonly responseMode?: unknown;
}

/** Where a request stands, as anyone who may see it sees it. */
export type RequestStatus = "pending" | "completed" | "failed" | "expired";

/** A request's public face and (with the read token) its result. Times are ISO 8601. */
export interface PresentationRequestView {
  readonly id: string;
  readonly status: RequestStatus;
  readonly clientId: string;
  readonly requestUri: string;
  readonly walletLink: string;
  readonly dcqlQuery: DcqlQuery;
  /** How the wallet answers: `direct_post`, or `direct_post.jwt` (encrypted). */
  readonly responseMode: ResponseMode;
  readonly language: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** When the request and its result are deleted. */
  readonly deleteAfter: string;
  readonly completedAt?: string;
  readonly result?: PresentationResult;
  readonly lastRefusal?: { readonly code: string; readonly message: string; readonly at: string };
}

/** The outcome of a completed (or failed) request. */
export interface PresentationResult {
  /** True when every presentation and every credential in them verified. */
  readonly verified: boolean;
  readonly receivedAt: string;
  readonly holders: readonly string[];
  readonly presentations: readonly CheckedPresentation[];
  /** The wallet's error response (§8.5), when it declined. */
  readonly walletError?: { readonly error: string; readonly description?: string };
}

/** A wallet's answer as posted to the response URI. */
export interface WalletAnswer {
  readonly state?: unknown;
  readonly vpToken?: unknown;
  readonly error?: unknown;
  readonly errorDescription?: unknown;
  /** `direct_post.jwt`: the compact JWE whose payload carries `state` and `vp_token` (or `error`). */
  readonly response?: unknown;
}
