/**
 * Which of the learner's identifiers to use with an issuer: the first one whose DID method the issuer binds
 * credentials to, or a new one of a method it accepts, so a learner never has to know what a DID method is.
 */
import { LearnbridgeError } from "@learnbridge/core";
import type { IIdentifier } from "@veramo/core";
import { didMethodOf, HOLDER_DID_METHODS, type HolderDidMethod } from "./holder-agent.ts";

/** The part of a wallet this needs. */
export interface IdentityOwner {
  dids(): Promise<IIdentifier[]>;
  createDid(method?: HolderDidMethod): Promise<IIdentifier>;
}

/**
 * Picks (or makes) the identifier to bind a credential to. `bindingMethods` is what the issuer accepts
 * (`did:key`, `did:jwk`, or `did` for any); empty means it states no constraint.
 */
export async function chooseHolderDid(
  owner: IdentityOwner,
  bindingMethods: readonly string[],
  preferred?: string,
): Promise<IIdentifier> {
  const accepts = (method: string) =>
    bindingMethods.length === 0 || bindingMethods.includes("did") || bindingMethods.includes(`did:${method}`);
  const mine = await owner.dids();
  if (preferred !== undefined) {
    const chosen = mine.find((identifier) => identifier.did === preferred);
    if (!chosen) throw new LearnbridgeError("NOT_FOUND", `${preferred} is not one of your identifiers`);
    if (!accepts(didMethodOf(chosen.did))) {
      throw new LearnbridgeError("DID_METHOD_UNSUPPORTED", `the issuer does not accept ${preferred}`, {
        accepted: bindingMethods,
      });
    }
    return chosen;
  }
  const existing = mine.find((identifier) => accepts(didMethodOf(identifier.did)));
  if (existing) return existing;
  const method = HOLDER_DID_METHODS.find(accepts);
  if (!method) {
    throw new LearnbridgeError(
      "DID_METHOD_UNSUPPORTED",
      `the issuer binds credentials to ${bindingMethods.join(", ")}; this wallet has did:key and did:jwk`,
      { accepted: bindingMethods },
    );
  }
  return owner.createDid(method);
}
