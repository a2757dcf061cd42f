/**
 * Awarding an achievement to a learner: the Open Badges 3.0 credential is built from the achievement's
 * latest version and the centre's profile, then issued (id, status entry, signature, record, audit).
 */
import { type Clock, LearnbridgeError, systemClock } from "@learnbridge/core";
import {
  buildAchievementCredential,
  type CredentialFormat,
  type Learner,
  type LearnerResult,
} from "@learnbridge/credentials";
import type { Actor } from "../access/actor.ts";
import type { CredentialRepository, IssuedCredentialRecord } from "../records/credential-repository.ts";
import type { Issuance } from "../records/issuance.ts";
import type { Achievements } from "./achievements.ts";
import { type CentreProfileRepository, issuerProfileOf } from "./centre-profile.ts";

export interface AwardContext {
  readonly achievements: Achievements;
  readonly profile: CentreProfileRepository;
  readonly issuance: Issuance;
  /** Where the issuance stores records: a retried requestKey is looked up there. */
  readonly credentials: CredentialRepository;
  /** The centre's DID, the credential's issuer. */
  readonly did: string;
  readonly clock?: Clock;
}

export interface AwardRequest extends Actor {
  readonly learner: Learner;
  readonly result?: Pick<LearnerResult, "grade" | "creditsEarned">;
  readonly format?: CredentialFormat;
  /** Makes a retry issue nothing twice (see Issuance). */
  readonly requestKey?: string;
}

/**
 * Issues `slug` to a learner. NOT_FOUND for an unknown achievement; CONFLICT when it is archived, when the
 * centre has no profile yet, or when the requestKey was used for another achievement.
 */
export async function awardAchievement(
  context: AwardContext,
  slug: string,
  request: AwardRequest,
): Promise<{ record: IssuedCredentialRecord; created: boolean }> {
  const { achievements } = context;
  const achievement = await achievements.get(slug);
  if (!achievement) throw new LearnbridgeError("NOT_FOUND", `there is no achievement '${slug}'`, { slug });
  if (achievement.archived) {
    throw new LearnbridgeError("CONFLICT", `the achievement '${slug}' is archived: it is no longer awarded`);
  }
  const achievementId = achievements.urlOf(slug);
  const earlier = request.requestKey
    ? await context.credentials.findByRequestKey(request.requestKey)
    : undefined;
  if (earlier && earlier.achievementId !== achievementId) {
    throw new LearnbridgeError("CONFLICT", "this requestKey was used for another credential", {
      requestKey: request.requestKey,
    });
  }
  const available = achievement.content.creditsAvailable;
  const earned = request.result?.creditsEarned;
  if (available !== undefined && earned !== undefined && earned > available) {
    throw new LearnbridgeError(
      "FIELD_INVALID",
      `creditsEarned (${earned}) exceeds creditsAvailable (${available})`,
      {
        field: "result.creditsEarned",
      },
    );
  }
  const profile = await context.profile.get();
  if (!profile) {
    throw new LearnbridgeError(
      "CONFLICT",
      "the centre has no profile yet: set its name first (PUT /profile)",
    );
  }
  const credential = await buildAchievementCredential(
    {
      issuer: issuerProfileOf(context.did, profile, achievement.content.sourceLanguage),
      achievement: achievements.definitionOf(achievement),
      learner: request.learner,
      ...(request.result ? { result: request.result } : {}),
    },
    { clock: context.clock ?? systemClock },
  );
  return context.issuance.issue({
    credential,
    ...(request.format ? { format: request.format } : {}),
    ...(request.requestKey ? { requestKey: request.requestKey } : {}),
    achievementId,
    actor: request.actor,
    ...(request.origin ? { origin: request.origin } : {}),
  });
}
