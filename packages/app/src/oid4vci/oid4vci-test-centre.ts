/**
 * A test centre that makes offers: the app's test centre (memory ports, did:web:centre.example) with the
 * offer feature on, a profile, the multilingual achievement `digital-skills`, a movable clock, and helpers
 * that walk an offer through the OpenID4VCI flow as a wallet would, over `app.request()`.
 */

import { createKeyResolver, verifyCredential } from "@learnbridge/credentials";
import { MemoryExchangeStore, MemoryNonceStore, MemoryOfferStore } from "@learnbridge/exchange";
import type { TestHolder } from "@learnbridge/exchange/testing";
import type { AuditLog } from "@learnbridge/issuer";
import { CENTRE_PROFILE, DIGITAL_SKILLS } from "../test-support/achievement-fixtures.ts";
import {
  CENTRE_DID,
  CENTRE_URL,
  NOW,
  postJson,
  type TestCentreOptions,
  testCentre,
} from "../test-support/test-centre.ts";
import type { OfferFeature } from "./offer-feature.ts";

export const PRE_AUTH = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

/** The centre; `clock.set(iso)` moves its time, `clock.advance(ms)` too. */
export async function offerCentre(
  options: Omit<TestCentreOptions, "offers" | "vcApiExchanges"> & {
    offers?: Partial<OfferFeature>;
    exchanges?: boolean;
  } = {},
) {
  let now = new Date(NOW);
  const clock = Object.assign(() => new Date(now), {
    set: (at: string) => {
      now = new Date(at);
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  });
  // Offers are audited in the centre's own log, which exists only once the centre does.
  let log: AuditLog | undefined;
  const audit: AuditLog = {
    append: (entry) => (log as AuditLog).append(entry),
    list: (query) => (log as AuditLog).list(query),
  };
  const offers: OfferFeature = {
    store: new MemoryOfferStore({ audit }),
    nonces: new MemoryNonceStore(),
    ...options.offers,
  };
  // `vcApiExchanges` adds the Learner Credential Wallet's way to the same offers.
  const { exchanges, offers: _lifetimes, ...rest } = options;
  const centre = await testCentre({
    clock,
    ...rest,
    offers,
    ...(exchanges ? { vcApiExchanges: new MemoryExchangeStore() } : {}),
  });
  log = centre.audit;
  await centre.profile.put({
    ...CENTRE_PROFILE,
    email: "help@centre.example",
    phone: "+254 20 123 4567",
    updatedAt: NOW.toISOString(),
  });
  const staff = await centre.token("issue", "achievements");
  const defined = await postJson(
    centre.app,
    `${basePathOf(options.publicUrl)}/achievements`,
    DIGITAL_SKILLS,
    { token: staff },
  );
  if (defined.status !== 201) throw new Error(`achievement: ${defined.status} ${await defined.text()}`);
  const base = basePathOf(options.publicUrl);
  const publicUrl = options.publicUrl ?? CENTRE_URL;

  /** Makes an offer through the API; returns the 201 body. */
  async function offer(body: Record<string, unknown> = {}) {
    const response = await postJson(
      centre.app,
      `${base}/oid4vci/offers`,
      { achievement: "digital-skills", learner: { name: "Amina Yusuf", language: "sw" }, ...body },
      { token: staff },
    );
    if (response.status !== 201) throw new Error(`offer: ${response.status} ${await response.text()}`);
    // biome-ignore lint/suspicious/noExplicitAny: the answer is checked field by field in the tests.
    return (await response.json()) as any;
  }

  /** A token request, form-encoded. */
  function tokenEndpoint(params: Record<string, string>) {
    return centre.app.request(`${base}/oid4vci/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString(),
    });
  }

  /** The pre-authorized code a wallet gets by fetching the offer JSON now (each fetch mints a new one). */
  async function code(offerId: string): Promise<string> {
    const response = await centre.app.request(`${base}/oid4vci/offers/${offerId}`);
    if (response.status !== 200) throw new Error(`offer JSON: ${response.status} ${await response.text()}`);
    const document = (await response.json()) as { grants: Record<string, Record<string, string>> };
    return document.grants[PRE_AUTH]?.["pre-authorized_code"] as string;
  }

  /** An access token for offer `offerId`, as a wallet gets it: fetch the offer, then the token. */
  async function accessToken(offerId: string, pin?: string): Promise<string> {
    const response = await tokenEndpoint({
      grant_type: PRE_AUTH,
      "pre-authorized_code": await code(offerId),
      ...(pin ? { tx_code: pin } : {}),
    });
    if (response.status !== 200) throw new Error(`token: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function nonce(): Promise<string> {
    const response = await centre.app.request(`${base}/oid4vci/nonce`, { method: "POST" });
    return ((await response.json()) as { c_nonce: string }).c_nonce;
  }

  function credential(access: string | undefined, body: unknown) {
    return centre.app.request(`${base}/oid4vci/credential`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(access ? { Authorization: `Bearer ${access}` } : {}),
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  }

  /** A well-formed credential request by `holder` for `configurationId`, with a fresh nonce. */
  async function credentialRequest(
    holder: TestHolder,
    configurationId: string,
    proof: Partial<Parameters<TestHolder["proof"]>[0]> = {},
  ) {
    const jwt = await holder.proof({
      audience: publicUrl,
      nonce: await nonce(),
      iat: clock().getTime() / 1000,
      ...proof,
    });
    return { credential_configuration_id: configurationId, proofs: { jwt: [jwt] } };
  }

  /** Verifies an issued credential (DI object or vc+jwt) with the centre's own verifier options. */
  async function verify(issued: unknown) {
    const resolveKey = createKeyResolver({
      documents: new Map([[CENTRE_DID, await centre.keys.didDocument()]]),
    });
    return verifyCredential(issued, {
      resolveKey,
      clock,
      fetchStatusList: async (url) => {
        const response = await centre.app.request(url);
        if (!response.ok)
          return { ok: false, code: "STATUS_LIST_UNAVAILABLE", message: `HTTP ${response.status}` };
        return { ok: true, value: await response.json() };
      },
    });
  }

  return {
    ...centre,
    clock,
    staff,
    base,
    publicUrl,
    offers,
    offer,
    tokenEndpoint,
    code,
    accessToken,
    nonce,
    credential,
    credentialRequest,
    verify,
  };
}

const basePathOf = (publicUrl: string | undefined) =>
  publicUrl ? new URL(publicUrl).pathname.replace(/\/+$/, "") : "";
