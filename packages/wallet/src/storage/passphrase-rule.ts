/**
 * The one rule a new wallet passphrase must meet, applied by `wallet init` and by a passphrase change alike:
 * at least eight characters, counted as the learner sees them (code points after NFC, the form the key is
 * derived from), so "密码" is two characters and an accented letter typed either way is one.
 */
import { LearnbridgeError } from "@learnbridge/core";

/** The fewest characters a new passphrase may have. */
export const MIN_PASSPHRASE_LENGTH = 8;

/** True when `passphrase` is long enough to protect a wallet. */
export function isPassphraseLongEnough(passphrase: string): boolean {
  if (typeof passphrase !== "string") throw new TypeError("a passphrase is a string");
  return [...passphrase.normalize("NFC")].length >= MIN_PASSPHRASE_LENGTH;
}

/** FIELD_INVALID when `passphrase` is too short to become a wallet's passphrase. */
export function assertNewPassphrase(passphrase: string): void {
  if (!isPassphraseLongEnough(passphrase)) {
    throw new LearnbridgeError(
      "FIELD_INVALID",
      `the new passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`,
      { field: "passphrase", minLength: MIN_PASSPHRASE_LENGTH },
    );
  }
}
