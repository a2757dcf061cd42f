/** Test helpers of @learnbridge/federation: the contract suites its ports' implementations run. */

export { type FeedLogFactory, feedLogContract, sampleChange } from "./feed-log-contract.ts";
export {
  type OriginRouter,
  type RequestHandler,
  routeOrigins,
  type ServeFeedOptions,
  serveFeed,
} from "./feed-server.ts";
export {
  type AggregatorFactory,
  type RecordFactory,
  replicaStoreContract,
  sampleRecord,
} from "./replica-store-contract.ts";
export {
  type TrustRegistryPorts,
  trustChainCacheContract,
  trustRegistryContract,
} from "./trust-ports-contract.ts";
