/**
 * A node's side of a federation key roll-over (OpenID Federation 1.0 §11). Its Entity Configuration
 * publishes the active key and every retired one, and everything it signs for the federation is signed with
 * the newest key that those who check it already hold: for a leaf or an intermediate, a key every superior
 * has pinned (read from the superior's Subordinate Statement about this node, and remembered); for a trust
 * anchor, a key its own trust-anchor configuration lists, which is what its members have by configuration
 * (§11.2: keep signing with the old key until everyone has the new one). After a rotation the node tells its
 * superiors (`announce`); once they have re-pinned, it signs with the new key.
 */
import { type Clock, systemClock } from "@learnbridge/core";
import { decodeStatement, ENTITY_STATEMENT_TYP, jwkSetProblem } from "./entity-statement.ts";
import type { FederationClient } from "./federation-client.ts";
import type {
  FederationKey,
  FederationKeyStore,
  FederationKeys,
  ResolvedFederationConfig,
} from "./federation-config.ts";
import { type JwkSet, verifyJws } from "./jws.ts";

/** What this node knows of the keys a superior pinned for it. */
export type SuperiorPins =
  /** Its Subordinate Statement about this node lists these kids. */
  | { readonly kind: "known"; readonly kids: readonly string[] }
  /** It has no statement about this node now (not enrolled there yet, or suspended). */
  | { readonly kind: "absent"; readonly reason: string }
  /** It could not be asked; it is assumed to lag one rotation behind. */
  | { readonly kind: "unknown"; readonly reason: string };

/** The key this node signs with, and why. */
export interface SigningChoice {
  readonly kid: string;
  readonly activeKid: string;
  readonly superiors: readonly { readonly entityId: string; readonly pins: SuperiorPins }[];
}

/** What telling one superior of a rotation did. */
export type AnnounceOutcome =
  | "current" // it already pins exactly the keys this node publishes
  | "re-pinned" // it re-pinned after the hint
  | "not-re-pinned" // it answered, but its statement still lacks the new key
  | "not-a-subordinate"
  | "unreachable"
  | "refused";

/** The report of `announce`. */
export interface AnnounceReport {
  /** The key this node signs with after the announcement. */
  readonly signingKid: string;
  readonly superiors: readonly {
    readonly entityId: string;
    readonly outcome: AnnounceOutcome;
    readonly kids?: readonly string[];
    readonly reason?: string;
  }[];
}

export interface KeyRolloverOptions {
  readonly config: ResolvedFederationConfig;
  readonly keys: FederationKeyStore;
  readonly client: FederationClient;
  readonly clock?: Clock;
}

interface PinsEntry {
  readonly pins: SuperiorPins;
  /** When it was asked, in ms. */
  readonly checkedAt: number;
  /** Where it takes rollover hints, from its Entity Configuration. */
  readonly hintEndpoint?: string;
}

const kidsOf = (keys: readonly FederationKey[]) => keys.map((k) => k.jwk.kid);

/** True when a superior pins exactly the keys this node publishes: nothing left to tell it. */
const pinsAll = (pins: SuperiorPins | undefined, published: readonly string[]) =>
  pins?.kind === "known" &&
  pins.kids.length === published.length &&
  published.every((kid) => pins.kids.includes(kid));

/** The roll-over state of one node: which key signs, and the announcements to its superiors. */
export class KeyRollover {
  readonly #config: ResolvedFederationConfig;
  readonly #store: FederationKeyStore;
  readonly #client: FederationClient;
  readonly #clock: Clock;
  readonly #pins = new Map<string, PinsEntry>();
  // A superior being asked now: nested requests (the superior fetching this node's configuration while it
  // answers) use what is known instead of waiting, so that no request waits on itself.
  readonly #asking = new Set<string>();

  constructor(options: KeyRolloverOptions) {
    if (!options?.config || !options.keys || !options.client)
      throw new TypeError("KeyRollover: config, keys and client are required");
    this.#config = options.config;
    this.#store = options.keys;
    this.#client = options.client;
    this.#clock = options.clock ?? systemClock;
  }

  /** The keys as what the node signs uses them. */
  get signing(): FederationKeys {
    return {
      signer: async () => this.#store.signerFor((await this.choice()).kid),
      jwks: async () => ({ keys: (await this.#usable()).map((k) => k.jwk) }),
      historicalKeys: async () => {
        const { kid } = await this.choice();
        return (await this.#store.list())
          .filter((k) => k.state === "revoked" || (k.state === "retired" && k.jwk.kid !== kid))
          .map((k) => ({ jwk: k.jwk, revoked: k.state === "revoked" }));
      },
    };
  }

  /** The key to sign with now: the newest one that every superior (an anchor: its configuration) holds. */
  async choice(force = false): Promise<SigningChoice> {
    const usable = await this.#usable();
    const active = usable.findLast((k) => k.state === "active") ?? usable.at(-1);
    if (!active) throw new TypeError("KeyRollover: the node has no usable key");
    const published = kidsOf(usable);
    const superiors: { entityId: string; pins: SuperiorPins }[] = [];
    const holders: Set<string>[] = [];
    if (this.#config.role === "anchor") {
      const own = this.#config.trustAnchors.find((a) => a.entityId === this.#config.entityId);
      if (own) holders.push(new Set(own.jwks.keys.map((k) => k.kid)));
    } else {
      const now = this.#clock().getTime();
      for (const entityId of this.#config.authorityHints) {
        const pins = await this.#pinsOf(entityId, published, now, force);
        superiors.push({ entityId, pins });
        // Not known (not asked yet, unreachable, or no statement about this node, which may be old news):
        // it is assumed to lag one rotation behind. Every pin takes all the keys published then, so the
        // keys older than the newest are the ones it holds if it holds any.
        holders.push(
          pins.kind === "known"
            ? new Set(pins.kids)
            : new Set(usable.length > 1 ? kidsOf(usable.slice(0, -1)) : [active.jwk.kid]),
        );
      }
    }
    const newestFirst = [...usable].reverse();
    const chosen =
      newestFirst.find((k) => holders.every((h) => h.has(k.jwk.kid))) ??
      newestFirst.find((k) => holders.some((h) => h.has(k.jwk.kid))) ??
      active;
    return { kid: chosen.jwk.kid, activeKid: active.jwk.kid, superiors };
  }

  /**
   * Tells each superior that lacks this node's current keys to re-read them: POSTs the node's Entity
   * Configuration (signed with a key the superior pinned) to its key rollover endpoint, then reads its
   * Subordinate Statement again. `entityConfiguration` signs the node's configuration.
   */
  async announce(entityConfiguration: () => Promise<string>): Promise<AnnounceReport> {
    const report: AnnounceReport["superiors"][number][] = [];
    for (const { entityId, pins } of (await this.choice(true)).superiors) {
      if (pins.kind === "absent") {
        report.push({ entityId, outcome: "not-a-subordinate", reason: pins.reason });
        continue;
      }
      if (pins.kind === "unknown") {
        report.push({ entityId, outcome: "unreachable", reason: pins.reason });
        continue;
      }
      if (pinsAll(pins, kidsOf(await this.#usable()))) {
        report.push({ entityId, outcome: "current", kids: pins.kids });
        continue;
      }
      const endpoint = this.#pins.get(entityId)?.hintEndpoint;
      if (!endpoint) {
        report.push({ entityId, outcome: "refused", reason: "it publishes no key rollover endpoint" });
        continue;
      }
      const sent = await this.#client.keyRolloverHint(endpoint, await entityConfiguration());
      if (!sent.ok) {
        report.push({
          entityId,
          outcome: sent.kind === "network" ? "unreachable" : "refused",
          reason: sent.reason,
        });
        continue;
      }
      const published = kidsOf(await this.#usable());
      const after = await this.#pinsOf(entityId, published, this.#clock().getTime(), true);
      report.push(
        after.kind === "known" && pinsAll(after, published)
          ? { entityId, outcome: "re-pinned", kids: after.kids }
          : {
              entityId,
              outcome: "not-re-pinned",
              ...(after.kind === "known" ? { kids: after.kids } : {}),
            },
      );
    }
    return { signingKid: (await this.choice()).kid, superiors: report };
  }

  async #usable(): Promise<FederationKey[]> {
    return (await this.#store.list()).filter((k) => k.state !== "revoked");
  }

  /**
   * What `superior` pinned: asked when never asked, or again when it did not pin exactly the published keys
   * and the last answer is older than the check interval (or `force`).
   */
  async #pinsOf(
    superior: string,
    published: readonly string[],
    now: number,
    force: boolean,
  ): Promise<SuperiorPins> {
    const entry = this.#pins.get(superior);
    const due =
      !entry ||
      (!pinsAll(entry.pins, published) && now - entry.checkedAt >= this.#config.rolloverCheckSeconds * 1000);
    if ((due || force) && !this.#asking.has(superior)) {
      this.#asking.add(superior);
      try {
        this.#pins.set(superior, { ...(await this.#ask(superior)), checkedAt: now });
      } finally {
        this.#asking.delete(superior);
      }
    }
    return this.#pins.get(superior)?.pins ?? { kind: "unknown", reason: "being asked" };
  }

  /** Reads the superior's Subordinate Statement about this node, checked against the superior's own keys. */
  async #ask(superior: string): Promise<{ pins: SuperiorPins; hintEndpoint?: string }> {
    const unknown = (reason: string) => ({ pins: { kind: "unknown", reason } as const });
    const fetched = await this.#client.entityConfiguration(superior);
    if (!fetched.ok) return unknown(fetched.reason);
    const decoded = decodeStatement(fetched.value);
    if (!decoded.ok) return unknown(`its Entity Configuration: ${decoded.reason}`);
    const { claims } = decoded.value;
    const entity = claims.metadata?.federation_entity ?? {};
    const now = this.#clock();
    const self = await verifyJws(fetched.value, claims.jwks, { typ: ENTITY_STATEMENT_TYP, now });
    if (claims.iss !== superior || claims.sub !== superior || !self.ok)
      return unknown("its Entity Configuration is not its own");
    const hintEndpoint =
      typeof entity.learnbridge_key_rollover_endpoint === "string"
        ? { hintEndpoint: entity.learnbridge_key_rollover_endpoint }
        : {};
    if (typeof entity.federation_fetch_endpoint !== "string")
      return { pins: { kind: "absent", reason: "it publishes no fetch endpoint" } };
    const statement = await this.#client.subordinateStatement(
      entity.federation_fetch_endpoint,
      this.#config.entityId,
    );
    if (!statement.ok) {
      return statement.kind === "not-found" || statement.kind === "suspended"
        ? { pins: { kind: "absent", reason: statement.reason }, ...hintEndpoint }
        : { ...unknown(statement.reason), ...hintEndpoint };
    }
    const verified = await verifyJws(statement.value, claims.jwks, { typ: ENTITY_STATEMENT_TYP, now });
    const payload = verified.ok ? verified.payload : undefined;
    if (
      !payload ||
      payload.iss !== superior ||
      payload.sub !== this.#config.entityId ||
      jwkSetProblem(payload.jwks)
    ) {
      return { ...unknown("its Subordinate Statement does not verify"), ...hintEndpoint };
    }
    const kids = (payload.jwks as JwkSet).keys.map((k) => k.kid);
    return { pins: { kind: "known", kids }, ...hintEndpoint };
  }
}
