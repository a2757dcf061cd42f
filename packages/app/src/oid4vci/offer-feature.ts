/**
 * What a centre needs to make credential offers and serve them over OpenID4VCI: the offer and nonce stores
 * and a few lifetimes. `CentreAppDeps.offers`; without it the offer and OID4VCI routes are absent.
 */
import {
  DEFAULT_OFFER_LIFETIME_MS,
  type NonceStore,
  type OfferContext,
  type OfferStore,
  Oid4vciIssuer,
} from "@learnbridge/exchange";
import { Achievements } from "@learnbridge/issuer";
import type { ResolvedDeps } from "../deps.ts";

export interface OfferFeature {
  /** The offers (shared with the VC-API exchanges, which redeem the same offers). */
  readonly store: OfferStore;
  /** The OID4VCI `c_nonce`s. */
  readonly nonces: NonceStore;
  /** How long an offer stays open when staff name no time; default 7 days. */
  readonly offerLifetimeMs?: number;
  /** How long the pre-authorized code minted at each fetch of the offer JSON works; default 10 minutes. */
  readonly preAuthorizedCodeLifetimeMs?: number;
  /** Default 5 minutes. */
  readonly accessTokenLifetimeMs?: number;
  /** Default 5 minutes. */
  readonly nonceLifetimeMs?: number;
}

/** The offer context and the OID4VCI issuer of an app, built once per app. */
export interface OfferServices {
  readonly feature: OfferFeature;
  readonly context: OfferContext;
  readonly issuer: Oid4vciIssuer;
  readonly offerLifetimeMs: number;
}

const built = new WeakMap<ResolvedDeps, OfferServices>();

/** The services of `deps`, or undefined when the centre makes no offers. */
export function offerServicesOf(deps: ResolvedDeps): OfferServices | undefined {
  const feature = deps.offers;
  if (!feature) return undefined;
  let services = built.get(deps);
  if (!services) {
    if (!feature.store || !feature.nonces)
      throw new TypeError("createCentreApp: offers needs store and nonces");
    const context: OfferContext = {
      offers: feature.store,
      achievements: new Achievements({
        repository: deps.achievements,
        publicUrl: deps.publicUrl,
        clock: deps.clock,
      }),
      profile: deps.profile,
      issuance: deps.issuance,
      credentials: deps.credentials,
      did: deps.keys.did,
      clock: deps.clock,
    };
    const issuer = new Oid4vciIssuer({
      publicUrl: deps.publicUrl,
      context,
      nonces: feature.nonces,
      ...(feature.preAuthorizedCodeLifetimeMs
        ? { preAuthorizedCodeLifetimeMs: feature.preAuthorizedCodeLifetimeMs }
        : {}),
      ...(feature.accessTokenLifetimeMs ? { accessTokenLifetimeMs: feature.accessTokenLifetimeMs } : {}),
      ...(feature.nonceLifetimeMs ? { nonceLifetimeMs: feature.nonceLifetimeMs } : {}),
    });
    services = {
      feature,
      context,
      issuer,
      offerLifetimeMs: feature.offerLifetimeMs ?? DEFAULT_OFFER_LIFETIME_MS,
    };
    built.set(deps, services);
  }
  return services;
}
