/**
 * What an offer can be made for, checked when it is made and again when it is redeemed: an achievement of
 * the centre that is still awarded, or an Open Badge the centre issued that is still active.
 */
import { LearnbridgeError } from "@learnbridge/core";
import { parseCompactJws } from "@learnbridge/credentials";
import type { AchievementRecord, IssuedCredentialRecord } from "@learnbridge/issuer";
import type { OfferContext } from "./offer-context.ts";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The unsigned content of a stored credential: the DI document, or the payload of the vc+jwt. */
export function credentialOfRecord(record: IssuedCredentialRecord): Record<string, unknown> {
  if (record.format === "jwt_vc") {
    const parsed = parseCompactJws(record.credential);
    if (!parsed.ok) throw new TypeError(`credential ${record.id} is not a readable JWT`);
    return structuredClone(parsed.value.payload);
  }
  const document = JSON.parse(record.credential) as Record<string, unknown>;
  delete document.proof;
  return document;
}

/** An achievement that may be awarded: NOT_FOUND when unknown, CONFLICT when archived. */
export async function awardableAchievement(context: OfferContext, slug: string): Promise<AchievementRecord> {
  const achievement = await context.achievements.get(slug);
  if (!achievement) throw new LearnbridgeError("NOT_FOUND", `there is no achievement '${slug}'`, { slug });
  if (achievement.archived) {
    throw new LearnbridgeError("CONFLICT", `the achievement '${slug}' is archived: it is no longer awarded`, {
      slug,
    });
  }
  return achievement;
}

/**
 * An issued record that may be offered again, and its achievement's id: NOT_FOUND when unknown, CONFLICT
 * when it is revoked or suspended or is not an Open Badge.
 */
export async function offerableRecord(
  context: OfferContext,
  credentialId: string,
): Promise<{ record: IssuedCredentialRecord; achievementId: string }> {
  const record = await context.credentials.get(credentialId);
  if (!record) {
    throw new LearnbridgeError("NOT_FOUND", `no credential ${credentialId} was issued here`, {
      credentialId,
    });
  }
  if (record.state !== "active") {
    throw new LearnbridgeError("CONFLICT", `the credential is ${record.state}: it cannot be offered`, {
      credentialId,
      state: record.state,
    });
  }
  const credential = credentialOfRecord(record);
  const types = [credential.type].flat();
  const subject = [credential.credentialSubject].flat()[0];
  const achievement = isObject(subject) ? subject.achievement : undefined;
  const achievementId = record.achievementId ?? (isObject(achievement) ? achievement.id : undefined);
  if (
    !types.some((t) => t === "OpenBadgeCredential" || t === "AchievementCredential") ||
    typeof achievementId !== "string"
  ) {
    throw new LearnbridgeError("CONFLICT", "only Open Badge credentials with an achievement id are offered", {
      credentialId,
    });
  }
  return { record, achievementId };
}
