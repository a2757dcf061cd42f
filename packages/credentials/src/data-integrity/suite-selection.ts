/** Chooses the cryptosuite for a signer's request or for a proof's `type` and `cryptosuite`. */
import type { Cryptosuite, SuiteName } from "./cryptosuite.ts";
import { ed25519Signature2020 } from "./ed25519-signature-2020.ts";
import { eddsaJcs2022 } from "./eddsa-jcs-2022.ts";
import { eddsaRdfc2022 } from "./eddsa-rdfc-2022.ts";

/** The suites this node signs and verifies with, by name. */
export const CRYPTOSUITES: Readonly<Record<SuiteName, Cryptosuite>> = {
  "eddsa-rdfc-2022": eddsaRdfc2022,
  "eddsa-jcs-2022": eddsaJcs2022,
  Ed25519Signature2020: ed25519Signature2020,
};

/** The suite a signer named, or undefined when there is none of that name. */
export function suiteByName(name: unknown): Cryptosuite | undefined {
  return typeof name === "string" && Object.hasOwn(CRYPTOSUITES, name)
    ? CRYPTOSUITES[name as SuiteName]
    : undefined;
}

/** The suite that verifies a proof of this `type` and `cryptosuite`, or undefined when unsupported. */
export function suiteForProof(type: unknown, cryptosuite: unknown): Cryptosuite | undefined {
  if (type === "DataIntegrityProof") {
    return cryptosuite === "eddsa-rdfc-2022" || cryptosuite === "eddsa-jcs-2022"
      ? CRYPTOSUITES[cryptosuite]
      : undefined;
  }
  if (type === "Ed25519Signature2020" && cryptosuite === undefined) return ed25519Signature2020;
  return undefined;
}
