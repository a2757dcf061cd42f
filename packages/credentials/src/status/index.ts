/** Bitstring Status List v1.0: bitstrings, list credentials and entries, index allocation, status checks. */
export {
  type RandomSource,
  randomIndex,
  type StatusAllocation,
  StatusListAllocator,
  type StatusListAllocatorOptions,
} from "./allocator.ts";
export {
  Bitstring,
  type BitstringDecodeOptions,
  type BitstringLengthOptions,
  DEFAULT_MAX_DECODED_BYTES,
  MIN_STATUS_LIST_LENGTH,
} from "./bitstring.ts";
export { MemoryStatusListRepository } from "./memory-repository.ts";
export { readStatusList, type StatusListRecord, type StatusListRepository } from "./repository.ts";
export { checkCredentialStatus, type StatusCheckOptions } from "./status-check.ts";
export {
  type BitstringStatusListCredential,
  type BitstringStatusListEntry,
  buildStatusListCredential,
  DEFAULT_STATUS_LIST_TTL_MS,
  issueStatusListCredential,
  type StatusListCredentialInput,
  type StatusPurpose,
  statusEntry,
  VC_V2_CONTEXT,
} from "./status-list-credential.ts";
