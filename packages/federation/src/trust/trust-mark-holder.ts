/**
 * The marks a node holds: fetched from the trust mark endpoints of its superiors and trust anchors (the
 * entities that may have issued it one), checked against the issuer's own configuration, and stored so
 * that the node's Entity Configuration carries them. A node that issues marks may also hold marks it issued
 * itself (OpenID Federation lets a trust mark issuer mark itself): a trust anchor has no superior to
 * accredit it, and its own records and credentials are then judged by the same marks as everyone's.
 */
import { type Clock, systemClock } from "@learnbridge/core";
import { decodeStatement } from "./entity-statement.ts";
import type { FederationClient } from "./federation-client.ts";
import type { ResolvedFederationConfig } from "./federation-config.ts";
import type { JwkSet } from "./jws.ts";
import { TRUST_MARK_TYPES, verifyTrustMark } from "./trust-mark.ts";
import type { HeldTrustMark, TrustRegistry } from "./trust-registry.ts";

/** What a refresh found: the marks now held, and the sources it could not ask. */
export interface HeldMarksRefresh {
  readonly held: readonly HeldTrustMark[];
  readonly unreachable: readonly string[];
}

/** The marks a node issued to itself: its own issuer's latest active mark of a type, and its keys. */
export interface SelfIssuedMarks {
  readonly activeMark: (type: string) => Promise<string | undefined>;
  readonly jwks: () => Promise<JwkSet>;
}

/**
 * Asks each superior and trust anchor for this node's marks of every Learnbridge type and stores what they
 * return, with the marks it issued itself (`self`). A source that cannot be reached keeps the marks it
 * issued before (they stay valid until `exp`).
 */
export async function refreshHeldTrustMarks(options: {
  readonly config: ResolvedFederationConfig;
  readonly registry: TrustRegistry;
  readonly client: FederationClient;
  readonly clock?: Clock;
  readonly self?: SelfIssuedMarks;
}): Promise<HeldMarksRefresh> {
  const { config, registry, client } = options;
  const now = (options.clock ?? systemClock)();
  const sources = [
    ...new Set([...config.authorityHints, ...config.trustAnchors.map((a) => a.entityId)]),
  ].filter((id) => id !== config.entityId);
  const previous = await registry.listHeldTrustMarks();
  const held: HeldTrustMark[] = [];
  const unreachable: string[] = [];
  for (const source of sources) {
    const fetched = await client.entityConfiguration(source);
    const decoded = fetched.ok ? decodeStatement(fetched.value) : undefined;
    const endpoint = decoded?.ok
      ? decoded.value.claims.metadata?.federation_entity?.federation_trust_mark_endpoint
      : undefined;
    if (!decoded?.ok || typeof endpoint !== "string") {
      if (!fetched.ok && fetched.kind === "network") {
        unreachable.push(source);
        held.push(...previous.filter((m) => m.issuer === source));
      }
      continue;
    }
    for (const type of Object.values(TRUST_MARK_TYPES)) {
      const mark = await client.trustMark(endpoint, type, config.entityId);
      if (!mark.ok) {
        if (mark.kind === "network")
          held.push(...previous.filter((m) => m.issuer === source && m.type === type));
        continue;
      }
      const verified = await verifyTrustMark(mark.value, decoded.value.claims.jwks, {
        now,
        subject: config.entityId,
      });
      if (!verified.ok || verified.claims.iss !== source || verified.claims.trust_mark_type !== type)
        continue;
      held.push({
        type,
        issuer: source,
        jwt: mark.value,
        ...(verified.claims.exp !== undefined ? { expiresAt: verified.claims.exp } : {}),
        fetchedAt: now.toISOString(),
      });
    }
  }
  if (options.self) held.push(...(await selfIssued(config.entityId, options.self, now)));
  await registry.replaceHeldTrustMarks(held);
  return { held, unreachable };
}

/** The active marks this node issued to itself, checked like any issuer's (its own keys, its own id). */
async function selfIssued(entityId: string, self: SelfIssuedMarks, now: Date): Promise<HeldTrustMark[]> {
  const held: HeldTrustMark[] = [];
  const jwks = await self.jwks();
  for (const type of Object.values(TRUST_MARK_TYPES)) {
    const mark = await self.activeMark(type);
    if (!mark) continue;
    const verified = await verifyTrustMark(mark, jwks, { now, subject: entityId });
    if (!verified.ok || verified.claims.iss !== entityId || verified.claims.trust_mark_type !== type)
      continue;
    held.push({
      type,
      issuer: entityId,
      jwt: mark,
      ...(verified.claims.exp !== undefined ? { expiresAt: verified.claims.exp } : {}),
      fetchedAt: now.toISOString(),
    });
  }
  return held;
}
