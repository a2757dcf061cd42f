/**
 * The VC-API claim exchanges of an app: built once per app from its offer services (the same offers OID4VCI
 * serves) and its exchange store. The claim page uses it too, to open the exchange of an offer with a PIN.
 */
import { ClaimExchanges } from "@learnbridge/exchange";
import type { ResolvedDeps } from "../deps.ts";
import { offerServicesOf } from "../oid4vci/offer-feature.ts";

const built = new WeakMap<ResolvedDeps, ClaimExchanges>();

/** The claim exchanges of `deps`, or undefined when the centre has no offers or no exchange store. */
export function claimExchangesOf(deps: ResolvedDeps): ClaimExchanges | undefined {
  const services = offerServicesOf(deps);
  if (!services || !deps.vcApiExchanges) return undefined;
  let claims = built.get(deps);
  if (!claims) {
    claims = new ClaimExchanges({
      offers: services.context,
      exchanges: deps.vcApiExchanges,
      publicUrl: deps.publicUrl,
      verifier: deps.verifierOptions,
      clock: deps.clock,
    });
    built.set(deps, claims);
  }
  return claims;
}
