/** What a centre needs to act as an OpenID4VP verifier: where requests live, and how long things last. */
import type { PresentationRequestStore, ResponseMode } from "@learnbridge/exchange";
import type { KeyVault } from "@learnbridge/issuer";

export interface Oid4vpOptions {
  /** Presentation requests, their results and the hashes that refuse replays. */
  readonly store: PresentationRequestStore;
  /** The centre's key vault (MASTER_KEY): seals each encrypted request's key; without it none is made. */
  readonly vault?: KeyVault;
  /** How a request that names no response mode is answered; default `direct_post`. */
  readonly responseMode?: ResponseMode;
  /** How long a request accepts an answer; default 30 minutes. */
  readonly requestTtlMs?: number;
  /** How long a result is kept (then deleted); default 1 hour. */
  readonly resultTtlMs?: number;
  /** How long accepted presentations are remembered to refuse replays; default 30 days. */
  readonly replayWindowMs?: number;
}
