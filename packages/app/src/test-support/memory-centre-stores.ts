/**
 * The stores of a centre on their in-memory twins, for tests that assemble a centre: one audit log shared by
 * every store that records to it, as the libSQL stores share one database.
 */
import { MemoryStatusListRepository } from "@learnbridge/credentials";
import {
  MemoryAchievementRepository,
  MemoryApiKeyRepository,
  MemoryAuditLog,
  MemoryCentreProfileRepository,
  MemoryCredentialRepository,
  MemoryJobRepository,
  MemoryKeyRepository,
  MemoryRateLimitStore,
} from "@learnbridge/issuer";
import type { CentreStores } from "../assemble.ts";
import { MemoryChallengeStore } from "../challenges.ts";

/** The ports every centre needs, each on its memory twin (the optional ones come through the overrides). */
export interface MemoryCentreStores {
  readonly keys: MemoryKeyRepository;
  readonly apiKeys: MemoryApiKeyRepository;
  readonly audit: MemoryAuditLog;
  readonly credentials: MemoryCredentialRepository;
  readonly statusLists: MemoryStatusListRepository;
  readonly challenges: MemoryChallengeStore;
  readonly achievements: MemoryAchievementRepository;
  readonly profile: MemoryCentreProfileRepository;
  readonly jobs: MemoryJobRepository;
  readonly rateLimits: MemoryRateLimitStore;
}

/**
 * Every required port of `CentreStores` in memory, with `overrides` in their place or beside them. An
 * `audit` given in the overrides is the one the credential, achievement, profile and job stores record to,
 * so a caller that builds further stores on the same log (offers, courses) creates it first and passes it.
 */
export function memoryCentreStores<O extends Partial<CentreStores> = Record<never, never>>(
  overrides?: O,
): Omit<MemoryCentreStores, keyof O> & O {
  const audit = overrides?.audit ?? new MemoryAuditLog();
  const stores: CentreStores = {
    keys: new MemoryKeyRepository(),
    apiKeys: new MemoryApiKeyRepository(),
    audit,
    credentials: new MemoryCredentialRepository({ audit }),
    statusLists: new MemoryStatusListRepository(),
    challenges: new MemoryChallengeStore(),
    achievements: new MemoryAchievementRepository({ audit }),
    profile: new MemoryCentreProfileRepository({ audit }),
    jobs: new MemoryJobRepository({ audit }),
    rateLimits: new MemoryRateLimitStore(),
    ...overrides,
  };
  return stores as Omit<MemoryCentreStores, keyof O> & O;
}
