/**
 * Turns what the user gave `issue` into an unsigned credential: an achievement input is built into an Open
 * Badges credential; a full VC 2.0 credential gets the key's DID as issuer when it names none (or a
 * placeholder), and the `id` and `validFrom` Open Badges requires when they are missing.
 */
import { newUrnUuid, toXsdDateTime } from "@learnbridge/core";
import { buildAchievementCredential } from "@learnbridge/credentials";
import { isAchievementInput, parseAchievementInput } from "./achievement-input.ts";
import { CommandFailure } from "./errors.ts";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Issuer values that mean "the key's DID, please". */
const PLACEHOLDERS = new Set(["", "auto", "did:example:issuer", "ISSUER_DID"]);
const isPlaceholder = (v: unknown) =>
  v === undefined || v === null || (typeof v === "string" && PLACEHOLDERS.has(v));

export interface PreparedCredential {
  readonly credential: Json;
  /** What was filled in, to tell the user. */
  readonly notes: readonly string[];
}

export async function prepareUnsignedCredential(
  json: unknown,
  did: string,
  now: Date,
): Promise<PreparedCredential> {
  if (!isObject(json)) throw new CommandFailure("the input must be a JSON object");
  if (isAchievementInput(json)) {
    try {
      return {
        credential: await buildAchievementCredential(parseAchievementInput(json, did), { clock: () => now }),
        notes: [],
      };
    } catch (error) {
      if (error instanceof TypeError) throw new CommandFailure(`invalid achievement input: ${error.message}`);
      throw error;
    }
  }
  if (!("@context" in json)) {
    throw new CommandFailure(
      'the input is neither a credential (it has no "@context") nor an achievement input ("achievement" and "learner")',
    );
  }
  if ("proof" in json) throw new CommandFailure("the credential is already signed (it has a proof)");
  const credential: Json = { ...json };
  const notes: string[] = [];
  if (isObject(credential.issuer)) {
    if (isPlaceholder(credential.issuer.id)) {
      credential.issuer = { ...credential.issuer, id: did };
      notes.push(`issuer.id set to ${did}`);
    }
  } else if (isPlaceholder(credential.issuer)) {
    credential.issuer = did;
    notes.push(`issuer set to ${did}`);
  }
  if (credential.id === undefined) {
    credential.id = newUrnUuid();
    notes.push(`id set to ${credential.id}`);
  }
  if (credential.validFrom === undefined && credential.issuanceDate === undefined) {
    credential.validFrom = toXsdDateTime(now);
    notes.push(`validFrom set to ${credential.validFrom}`);
  }
  return { credential, notes };
}
