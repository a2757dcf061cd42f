/**
 * A centre's issuing domain on in-memory ports, ready to make and redeem offers: did:web:centre.example at
 * https://centre.example, a movable clock, a profile and one multilingual achievement. For the tests of this
 * package and of the protocols that redeem offers.
 */
import { randomBytes } from "@learnbridge/core";
import { MemoryStatusListRepository, StatusListAllocator } from "@learnbridge/credentials";
import {
  Achievements,
  CentreKeys,
  createKeyVault,
  Issuance,
  MemoryAchievementRepository,
  MemoryAuditLog,
  MemoryCentreProfileRepository,
  MemoryCredentialRepository,
  MemoryKeyRepository,
} from "@learnbridge/issuer";
import type { OfferContext } from "./offer-context.ts";
import { MemoryOfferStore } from "./offer-store.ts";

export const TEST_CENTRE_URL = "https://centre.example";
export const TEST_CENTRE_DID = "did:web:centre.example";

/** The achievement every offer test awards: English source, Chinese and Swahili names. */
export const TEST_ACHIEVEMENT = {
  slug: "digital-skills",
  name: { en: "Digital Skills for Seniors", zh: "老年人数字技能", sw: "Ujuzi wa Kidijitali kwa Wazee" },
  description: { en: "Video calls and mobile payments.", zh: "视频通话和移动支付。" },
  criteria: { narrative: { en: "Completed every session.", zh: "完成全部课程。" } },
  sourceLanguage: "en",
  achievementType: "MicroCredential",
  creditsAvailable: 2,
};

/** The context, its stores, and `clock.set(iso)` to move time. */
export async function offerTestContext(start = "2026-06-01T00:00:00Z") {
  let now = new Date(start);
  const clock = Object.assign(() => new Date(now), {
    set: (at: string) => {
      now = new Date(at);
    },
  });
  const audit = new MemoryAuditLog();
  const statusLists = new MemoryStatusListRepository();
  const credentials = new MemoryCredentialRepository({ audit });
  const keys = new CentreKeys({
    did: TEST_CENTRE_DID,
    repository: new MemoryKeyRepository(),
    vault: await createKeyVault(randomBytes(32)),
    clock,
  });
  const issuance = new Issuance({
    keys,
    credentials,
    statusLists,
    allocator: new StatusListAllocator({ repository: statusLists }),
    statusBaseUrl: `${TEST_CENTRE_URL}/status`,
    clock,
  });
  const achievements = new Achievements({
    repository: new MemoryAchievementRepository({ audit }),
    publicUrl: TEST_CENTRE_URL,
    clock,
  });
  await achievements.define(TEST_ACHIEVEMENT, { actor: "test" });
  const profile = new MemoryCentreProfileRepository({ audit });
  await profile.put({
    name: { en: "Nairobi Open Learning Centre", zh: "内罗毕开放学习中心" },
    sourceLanguage: "en",
    country: "KE",
    email: "help@centre.example",
    updatedAt: start,
  });
  const offers = new MemoryOfferStore({ audit });
  const context: OfferContext = {
    offers,
    achievements,
    profile,
    issuance,
    credentials,
    did: TEST_CENTRE_DID,
    clock,
  };
  return { context, clock, audit, keys, issuance, credentials, statusLists, offers, achievements, profile };
}
