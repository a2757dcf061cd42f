/**
 * A centre's place in the federation, from the variables both runtime roots read (`process.env` on Node,
 * the bindings on Workers). This module only parses the values it is handed; the roots own the environment.
 *
 * - `FEDERATION_ROLE`: `anchor`, `intermediate` or `leaf`; unset: the centre is in no federation.
 * - `FEDERATION_NAME`: the organisation's name in its Entity Configuration.
 * - `FEDERATION_AUTHORITY_HINTS`: the superiors' entity ids, comma-separated (not for an anchor).
 * - `FEDERATION_TRUST_ANCHORS`: JSON `[{"entityId": "https://hq.example", "jwks": {"keys": [...]}}]`, the
 *   anchors accepted with their keys pinned (an anchor adds itself).
 * - `FEDERATION_TRUST_MARK_ISSUERS` (anchor): JSON `{"<trust mark type>": ["<entity id>", ...]}`.
 * - `FEDERATION_HINT_TARGETS`: entity ids, comma-separated, told of this centre's feed moves by signed hints
 *   besides the peers it follows (a regional mirror, say); read with or without FEDERATION_ROLE.
 * - `FEDERATION_MAX_RECORDS_PER_OWNER`: live replica records the follower keeps per owner (1 to 10,000,000;
 *   default the follower's, 100,000); a feed that would go past it is quarantined. With or without a role.
 */
import {
  DEFAULT_MAX_RECORDS_PER_OWNER,
  isEntityId,
  jwkSetProblem,
  type TrustAnchor,
} from "@learnbridge/federation";
import { isObject } from "../json-body.ts";
import type { CentreFederationConfig } from "./centre-federation.ts";

/** A variable that is wrong, and why. */
export interface SettingProblem {
  readonly variable: string;
  readonly reason: string;
}

/** The follower's settings from the environment, in the shape of assembleCentre's `sync`. */
export interface FederationSyncSettings {
  /** Extra targets of the feed's signed hints (FEDERATION_HINT_TARGETS). */
  readonly hintTargets?: readonly string[];
  /** The cap on live replica records per owner (FEDERATION_MAX_RECORDS_PER_OWNER). */
  readonly follower?: { readonly maxRecordsPerOwner: number };
}

/** What the FEDERATION_* variables say: the federation configuration, the follower's settings, or why not. */
export interface FederationSettings {
  /** None when FEDERATION_ROLE is unset. */
  readonly config?: CentreFederationConfig;
  /** What assembleCentre's `sync` takes from them, when any is set: the roots pass it on as it is. */
  readonly sync?: FederationSyncSettings;
  readonly problems: readonly SettingProblem[];
}

/** The federation configuration the variables describe (none when FEDERATION_ROLE is unset), or why not. */
export function federationSettingsFrom(
  env: Readonly<Record<string, string | undefined>>,
): FederationSettings {
  const problems: SettingProblem[] = [];
  const value = (name: string) => env[name]?.trim() || undefined;
  const hintTargets = listOfEntityIds(value("FEDERATION_HINT_TARGETS"), "FEDERATION_HINT_TARGETS", problems);
  const cap = recordsPerOwnerOf(env, problems);
  const sync: FederationSyncSettings = {
    ...(hintTargets.length ? { hintTargets } : {}),
    ...(cap !== undefined ? { follower: { maxRecordsPerOwner: cap } } : {}),
  };
  const follower = Object.keys(sync).length ? { sync } : {};
  const role = value("FEDERATION_ROLE");
  if (role === undefined) {
    for (const name of ["FEDERATION_AUTHORITY_HINTS", "FEDERATION_TRUST_ANCHORS"]) {
      if (value(name)) problems.push({ variable: name, reason: "is set, but FEDERATION_ROLE is not" });
    }
    return problems.length ? { problems } : { ...follower, problems };
  }
  if (role !== "anchor" && role !== "intermediate" && role !== "leaf") {
    problems.push({ variable: "FEDERATION_ROLE", reason: "must be anchor, intermediate or leaf" });
    return { problems };
  }
  const hints = listOfEntityIds(value("FEDERATION_AUTHORITY_HINTS"), "FEDERATION_AUTHORITY_HINTS", problems);
  if (role === "anchor" && hints.length) {
    problems.push({ variable: "FEDERATION_AUTHORITY_HINTS", reason: "a trust anchor has no superiors" });
  }
  if (role !== "anchor" && !hints.length) {
    problems.push({
      variable: "FEDERATION_AUTHORITY_HINTS",
      reason: `a ${role} names at least one superior`,
    });
  }
  const anchors = parseJson<TrustAnchor[]>(value("FEDERATION_TRUST_ANCHORS") ?? "[]");
  if (!Array.isArray(anchors)) {
    problems.push({
      variable: "FEDERATION_TRUST_ANCHORS",
      reason: "must be a JSON array of {entityId, jwks}",
    });
  } else {
    if (role !== "anchor" && !anchors.length) {
      problems.push({ variable: "FEDERATION_TRUST_ANCHORS", reason: "name at least one trust anchor" });
    }
    for (const anchor of anchors) {
      const problem = !isEntityId(anchor?.entityId)
        ? "an entityId URL is missing"
        : jwkSetProblem(anchor.jwks);
      if (problem) {
        problems.push({
          variable: "FEDERATION_TRUST_ANCHORS",
          reason: `${anchor?.entityId ?? "?"}: ${problem}`,
        });
      }
    }
  }
  const issuersText = value("FEDERATION_TRUST_MARK_ISSUERS");
  const issuers = issuersText === undefined ? undefined : parseJson<Record<string, string[]>>(issuersText);
  const issuersValid =
    issuers === undefined ||
    (isObject(issuers) &&
      Object.values(issuers).every((list) => Array.isArray(list) && list.every((id) => isEntityId(id))));
  if (!issuersValid) {
    problems.push({
      variable: "FEDERATION_TRUST_MARK_ISSUERS",
      reason: 'must be JSON {"<trust mark type>": ["<entity id>", ...]}',
    });
  }
  if (problems.length || !Array.isArray(anchors)) return { problems };
  const name = value("FEDERATION_NAME");
  return {
    problems,
    ...follower,
    config: {
      role,
      trustAnchors: anchors,
      ...(hints.length ? { authorityHints: hints } : {}),
      ...(name ? { organizationName: name } : {}),
      ...(issuers ? { trustMarkIssuers: issuers } : {}),
    },
  };
}

/** The most a node may set: a single owner's rows past it would take tens of GiB (2.7 KiB each, indexed). */
const MAX_RECORDS_PER_OWNER = 10_000_000;

/** FEDERATION_MAX_RECORDS_PER_OWNER, when set and valid (a Worker's [vars] may hand it over as a number). */
function recordsPerOwnerOf(
  env: Readonly<Record<string, unknown>>,
  problems: SettingProblem[],
): number | undefined {
  const raw = env.FEDERATION_MAX_RECORDS_PER_OWNER;
  const text = typeof raw === "string" || typeof raw === "number" ? String(raw).trim() : "";
  if (!text) return undefined;
  const cap = Number(text);
  if (/^\d+$/.test(text) && cap >= 1 && cap <= MAX_RECORDS_PER_OWNER) return cap;
  problems.push({
    variable: "FEDERATION_MAX_RECORDS_PER_OWNER",
    reason: `'${text}' is not a whole number from 1 to ${MAX_RECORDS_PER_OWNER.toLocaleString("en")} (default ${DEFAULT_MAX_RECORDS_PER_OWNER.toLocaleString("en")})`,
  });
  return undefined;
}

/** The comma-separated entity ids of `variable` (blank items skipped); each one that is not is a problem. */
function listOfEntityIds(text: string | undefined, variable: string, problems: SettingProblem[]): string[] {
  const ids = (text ?? "").split(",").flatMap((id) => id.trim() || []);
  for (const id of ids) {
    if (!isEntityId(id)) problems.push({ variable, reason: `'${id}' is not an entity id (URL)` });
  }
  return ids;
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
