/**
 * A test centre that makes offers and keeps VC-API exchanges (in memory), with one achievement and a profile
 * (the learner's wallet side is `newDidAuthHolder` / `didAuthPresentation` of @learnbridge/exchange/testing).
 * For the tests of the claim exchange routes and the loopback interop test.
 */
import type { Clock } from "@learnbridge/core";
import { didWebFromUrl } from "@learnbridge/credentials";
import {
  type CreateOfferRequest,
  createOffer,
  MemoryExchangeStore,
  MemoryNonceStore,
  MemoryOfferStore,
  type OfferContext,
} from "@learnbridge/exchange";
import { Achievements, MemoryAuditLog } from "@learnbridge/issuer";
import { CENTRE_URL, NOW, testCentre } from "../test-support/test-centre.ts";

/** The achievement the tests award. */
export const CLAIM_ACHIEVEMENT = {
  slug: "mobile-payments",
  name: { en: "Mobile Payments for Seniors", zh: "老年人移动支付" },
  description: { en: "Pays safely with a phone." },
  criteria: { narrative: { en: "Completed every session." } },
  sourceLanguage: "en",
  achievementType: "MicroCredential",
};

/** A clock the test can move: `clock.set(iso)`. */
export function movableClock(start: Date = NOW): Clock & { set(at: string): void } {
  let now = start;
  return Object.assign(() => new Date(now), {
    set: (at: string) => {
      now = new Date(at);
    },
  });
}

/**
 * The test centre with offers and exchanges, and `offer(...)` to make one as staff would. `withoutKey`: the
 * centre has not made its signing key yet (a fresh app, before anything was signed or its DID document read).
 */
export async function claimCentre(options: { publicUrl?: string; clock?: Clock; withoutKey?: boolean } = {}) {
  const fixed = options.clock;
  const clock = fixed
    ? Object.assign(() => fixed(), {
        set: () => {
          throw new TypeError("claimCentre: this centre's clock was given, it does not move");
        },
      })
    : movableClock();
  const publicUrl = options.publicUrl ?? CENTRE_URL;
  const offers = new MemoryOfferStore({ audit: new MemoryAuditLog() });
  const exchanges = new MemoryExchangeStore();
  const centre = await testCentre({
    ...(options.publicUrl ? { did: didWebFromUrl(options.publicUrl) } : {}),
    publicUrl,
    clock,
    offers: { store: offers, nonces: new MemoryNonceStore() },
    vcApiExchanges: exchanges,
  });
  // As assembleCentre does: the centre has its key before it serves (its DID document lists it).
  if (!options.withoutKey) await centre.keys.activeKey();
  const achievements = new Achievements({ repository: centre.achievements, publicUrl, clock });
  await achievements.define(CLAIM_ACHIEVEMENT, { actor: "test" });
  await centre.profile.put({
    name: { en: "Nairobi Open Learning Centre" },
    sourceLanguage: "en",
    country: "KE",
    updatedAt: clock().toISOString(),
  });
  const context: OfferContext = {
    offers,
    achievements,
    profile: centre.profile,
    issuance: centre.issuance,
    credentials: centre.credentials,
    did: centre.keys.did,
    clock,
  };
  const offer = (request: Partial<CreateOfferRequest> = {}) =>
    createOffer(context, {
      achievement: CLAIM_ACHIEVEMENT.slug,
      learner: { name: "Wanjiru" },
      actor: "staff",
      txCode: false,
      ...request,
    });
  /** How many credentials the centre issued. */
  const issued = async () => (await centre.credentials.list()).length;
  return { ...centre, clock, offers, exchanges, context, offer, issued };
}
