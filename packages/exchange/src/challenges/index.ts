/** Presentation challenges (VC API `POST /challenges`): the port, its in-memory twin and their settings. */

export {
  type ChallengeStore,
  type ChallengeStoreOptions,
  challengeStoreSettings,
  type IssuedChallenge,
  MemoryChallengeStore,
  type MemoryChallengeStoreOptions,
  newChallenge,
} from "./challenge-store.ts";
