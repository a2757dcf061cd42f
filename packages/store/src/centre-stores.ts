/** Every storage port of a centre on one libSQL client: what both runtime roots hand to `assembleCentre`. */

import { LibsqlCourseRepository } from "./catalogue/course-repository.ts";
import { LibsqlCatalogueSearch } from "./catalogue/search-index.ts";
import { LibsqlChallengeStore } from "./exchange/challenge-store.ts";
import { LibsqlExchangeStore } from "./exchange/exchange-store.ts";
import { LibsqlNonceStore } from "./exchange/offer-nonce-store.ts";
import { LibsqlOfferStore } from "./exchange/offer-store.ts";
import { LibsqlPresentationRequestStore } from "./exchange/presentation-request-store.ts";
import { LibsqlFeedLog } from "./federation/feed-log.ts";
import { LibsqlReplicaStore } from "./federation/replica-store.ts";
import { LibsqlTrustChainCache } from "./federation/trust-chain-cache.ts";
import { LibsqlTrustRegistry } from "./federation/trust-registry.ts";
import { LibsqlCentreProfileRepository } from "./issuer/achievement-profile-repository.ts";
import { LibsqlAchievementRepository } from "./issuer/achievement-repository.ts";
import { LibsqlApiKeyRepository } from "./issuer/api-key-repository.ts";
import { LibsqlAuditLog } from "./issuer/audit-log.ts";
import { LibsqlCredentialRepository } from "./issuer/credential-repository.ts";
import { LibsqlJobRepository } from "./issuer/job-repository.ts";
import { LibsqlKeyRepository } from "./issuer/key-repository.ts";
import { LibsqlRateLimitStore } from "./issuer/rate-limit-store.ts";
import { oneWriter } from "./one-writer.ts";
import type { SqlClient } from "./sql-client.ts";
import { LibsqlStatusListRepository } from "./status-list-repository.ts";

/** Options of `libsqlCentreStores`. */
export interface CentreStoresOptions {
  /**
   * Let this process's writes take turns (`oneWriter`). Set it for an embedded `file:` database, where two
   * pooled connections writing at once meet SQLITE_BUSY and a refused statement leaves its connection on a
   * stale snapshot; leave it off for a server (sqld, Turso), which queues writers itself.
   */
  readonly oneWriter?: boolean;
}

/** The libSQL implementation of each of a centre's ports (the client must be migrated). */
export function libsqlCentreStores(database: SqlClient, options: CentreStoresOptions = {}) {
  const client = options.oneWriter ? oneWriter(database) : database;
  return {
    keys: new LibsqlKeyRepository(client),
    apiKeys: new LibsqlApiKeyRepository(client),
    audit: new LibsqlAuditLog(client),
    credentials: new LibsqlCredentialRepository(client),
    statusLists: new LibsqlStatusListRepository(client),
    challenges: new LibsqlChallengeStore(client),
    achievements: new LibsqlAchievementRepository(client),
    profile: new LibsqlCentreProfileRepository(client),
    jobs: new LibsqlJobRepository(client),
    offers: new LibsqlOfferStore(client),
    offerNonces: new LibsqlNonceStore(client),
    presentationRequests: new LibsqlPresentationRequestStore(client),
    vcApiExchanges: new LibsqlExchangeStore(client),
    trustRegistry: new LibsqlTrustRegistry(client),
    trustChains: new LibsqlTrustChainCache(client),
    courses: new LibsqlCourseRepository(client),
    feed: new LibsqlFeedLog(client),
    replica: new LibsqlReplicaStore(client),
    catalogueSearch: new LibsqlCatalogueSearch(client),
    rateLimits: new LibsqlRateLimitStore(client),
  };
}
