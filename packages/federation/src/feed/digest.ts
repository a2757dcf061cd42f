/**
 * The state digest of a feed's live records: the sum modulo 2^256 of SHA-256(recordId "\n" version "\n"
 * recordHash) over every live record, as 64 hex digits. A sum does not depend on order, and it is updated in
 * O(1) per change (add the new term, subtract the old), so a publisher keeps it current on every append and a
 * follower compares its own with the origin's checkpoint without sorting 10^5 records. Tombstoned records
 * contribute nothing.
 */
import { sha256, toHex, utf8 } from "@learnbridge/core";

/** What the digest knows of one live record. */
export interface DigestEntry {
  readonly recordId: string;
  readonly version: number;
  readonly recordHash: string;
}

const MODULUS = 1n << 256n;

/** The digest of no records. */
export const EMPTY_DIGEST = "0".repeat(64);

const toDigest = (value: bigint): string => value.toString(16).padStart(64, "0");

function fromDigest(digest: string): bigint {
  if (!/^[0-9a-f]{64}$/.test(digest)) throw new TypeError("a state digest is 64 lowercase hex digits");
  return BigInt(`0x${digest}`);
}

/** One record's term of the sum. */
export async function digestTermOf(entry: DigestEntry): Promise<bigint> {
  const text = `${entry.recordId}\n${entry.version}\n${entry.recordHash}`;
  return BigInt(`0x${toHex(await sha256(utf8(text)))}`);
}

/**
 * The digest after a record changes: `removed` is the live version it replaces (absent when there was
 * none), `added` the new live version (absent for a tombstone).
 * @example digest = await updateDigest(digest, { removed: old, added: next });
 */
export async function updateDigest(
  digest: string,
  change: { readonly removed?: DigestEntry | undefined; readonly added?: DigestEntry | undefined },
): Promise<string> {
  let sum = fromDigest(digest);
  if (change.removed) sum -= await digestTermOf(change.removed);
  if (change.added) sum += await digestTermOf(change.added);
  return toDigest(((sum % MODULUS) + MODULUS) % MODULUS);
}

/** The digest of a set of live records, computed from scratch (order does not matter). */
export async function stateDigestOf(entries: Iterable<DigestEntry>): Promise<string> {
  let sum = 0n;
  for (const entry of entries) sum = (sum + (await digestTermOf(entry))) % MODULUS;
  return toDigest(sum);
}
