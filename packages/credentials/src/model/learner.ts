/**
 * The learner a credential is about: a DID (preferred: the learner's own wallet key, any country) or an
 * email address carried only as a salted SHA-256 hash (an Open Badges IdentityObject), never in clear.
 */
import { randomBytes, sha256, toHex, utf8 } from "@learnbridge/core";

export type Learner =
  | { readonly did: string; readonly name?: string }
  | { readonly email: string; readonly salt?: string; readonly name?: string };

export interface IdentityObject {
  readonly type: "IdentityObject";
  readonly hashed: true;
  readonly identityHash: string;
  readonly identityType: "emailAddress";
  readonly salt: string;
}

/** Normalises an email for hashing: trimmed and lower-cased, so the learner can prove it later. */
const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Hashes an email the Open Badges way: `sha256$` + hex(SHA-256(email + salt)). */
export async function hashedEmailIdentity(email: string, salt?: string): Promise<IdentityObject> {
  const useSalt = salt ?? toHex(randomBytes(16));
  const digest = await sha256(utf8(normaliseEmail(email) + useSalt));
  return {
    type: "IdentityObject",
    hashed: true,
    identityHash: `sha256$${toHex(digest)}`,
    identityType: "emailAddress",
    salt: useSalt,
  };
}

/** True when `email` is the one hashed into `identity` (how a learner proves a hashed badge is theirs). */
export async function identityMatchesEmail(identity: IdentityObject, email: string): Promise<boolean> {
  return (await hashedEmailIdentity(email, identity.salt)).identityHash === identity.identityHash;
}
