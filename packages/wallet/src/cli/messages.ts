/**
 * Plain words for what went wrong: the wallet's error, then what the learner can do about it. Written for
 * someone who has never heard of a DID or a nonce.
 */
import { type ErrorCode, LearnbridgeError } from "@learnbridge/core";
import { CliFailure } from "./cli-failure.ts";

const ASK_AGAIN = "Please ask for a new link and try again.";

const ADVICE: Partial<Record<ErrorCode, string>> = {
  UNAUTHORIZED: "Check the passphrase (capital letters count) and try again.",
  UPSTREAM_UNAVAILABLE: "Check your internet connection and try again in a moment.",
  URL_INVALID: "Copy the whole link again, from its very first letter, and try again.",
  DID_NETWORK_BLOCKED: "If the service runs on this same computer (for a test), add --allow-loopback.",
  GRANT_INVALID: `This offer may have been used already, or it has expired. ${ASK_AGAIN}`,
  GRANT_USED: `This offer has been used already. ${ASK_AGAIN}`,
  OFFER_EXPIRED: `This offer has expired. ${ASK_AGAIN}`,
  GONE: `This link is no longer valid. ${ASK_AGAIN}`,
  TX_CODE_REQUIRED: "Look for the PIN the centre sent you (by e-mail or text message) and add it with --pin.",
  TX_CODE_INVALID: "Check the PIN the centre sent you and try again.",
  TX_CODE_LOCKED: `The PIN was typed wrongly too many times. ${ASK_AGAIN}`,
  CREDENTIAL_CONFIGURATION_UNKNOWN: "This wallet cannot receive this kind of credential.",
  QUERY_UNSATISFIED:
    "The employer asked for a credential that is not in your wallet. See what you have with: pnpm wallet list",
  PRESENTATION_REQUEST_EXPIRED: "Ask the employer for a new request.",
  PRESENTATION_REPLAYED: "This request was answered already. Ask the employer for a new one if needed.",
  HOLDER_MISMATCH: "Contact the centre: the credential was made out to someone else.",
  PROOF_INVALID: "Do not trust this; contact the sender if you expected it.",
};

/** The message for an error, in plain words with advice. */
export function explain(error: unknown): string {
  if (error instanceof CliFailure) return error.message;
  if (error instanceof LearnbridgeError) {
    const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    const advice = ADVICE[error.code];
    return `Sorry: ${message.replace(/\.?$/, ".")}${advice ? `\n${advice}` : ""}`;
  }
  return `Sorry, something unexpected went wrong: ${error instanceof Error ? error.message : String(error)}`;
}
