/**
 * Presentation challenges, re-exported: the port and its in-memory twin belong to the exchange domain
 * (@learnbridge/exchange), so that @learnbridge/store can implement them; existing imports keep working.
 */
export {
  type ChallengeStore,
  type ChallengeStoreOptions,
  type IssuedChallenge,
  MemoryChallengeStore,
  type MemoryChallengeStoreOptions,
} from "@learnbridge/exchange";
