/**
 * The one rule for concurrent copies of a record: a higher version wins, never a clock; the same version
 * with the same hash is the same record; the same version with another hash (or a delete against a put)
 * is equivocation: its owner signed two different things under one version.
 */
import type { VersionOutcome } from "./replica-store.ts";

/** What a view holds of a record. */
export interface HeldVersion {
  readonly version: number;
  readonly recordHash: string;
  readonly deleted: boolean;
}

/** What arrives. */
export interface IncomingVersion {
  readonly op: "put" | "delete";
  readonly version: number;
  readonly recordHash: string;
}

/**
 * Decides what an incoming event does to what a view holds.
 * @example versionRule({ version: 3, recordHash: "a", deleted: false }, { op: "put", version: 3, recordHash: "b" }) // "equivocation"
 */
export function versionRule(held: HeldVersion | undefined, incoming: IncomingVersion): VersionOutcome {
  if (!held || incoming.version > held.version) return "applied";
  if (incoming.version < held.version) return "stale";
  if ((incoming.op === "delete") !== held.deleted) return "equivocation";
  // Two tombstones of one version say the same thing, whatever hash each carries.
  if (incoming.op === "delete") return "same";
  return incoming.recordHash === held.recordHash ? "same" : "equivocation";
}
