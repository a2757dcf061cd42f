/**
 * Wallets and the network on Workers: the bundle wrangler builds, run in workerd (Miniflare) against a real
 * sqld on loopback. A learner's wallet (done by hand here, with the engine's helpers, in Node) takes a
 * credential by OpenID4VCI and presents it to an employer's OpenID4VP request, in the clear (direct_post) and
 * encrypted to the request's own key (direct_post.jwt), which another isolate opens; a trust anchor serves its
 * Entity Configuration, publishes a Chinese and English course to its signed feed, and finds it by a Chinese
 * word. Every signature made in workerd is checked in Node against the keys the Worker publishes.
 */
import { describe, expect, it } from "vitest";
import { verifyCatalogueEntry } from "../../packages/catalogue/src/index.ts";
import {
  canonicalJson,
  createSigner,
  fromBase64Url,
  fromUtf8,
  generateKeyPair,
  type PublicKey,
  publicKeyFromJwk,
  publicKeyFromMultibase,
  type Signer,
  sha256,
  toBase64Url,
  utf8,
  verifySignature,
} from "../../packages/core/src/index.ts";
import {
  addDataIntegrityProof,
  createKeyResolver,
  type DidDocument,
  didKeyFromPublicKey,
} from "../../packages/credentials/src/index.ts";
import { encryptResponse, responseEncryptionOf } from "../../packages/wallet/src/oid4vp/encrypt-response.ts";
import { b64url, type Call, newAdminToken, workerHarness } from "./worker-harness.ts";

const PRE_AUTH = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
const harness = workerHarness();

/** A compact JWS, decoded, and whether `keyFor(header.kid)` verifies its signature. */
async function openJws(jws: string, keyFor: (kid: string) => PublicKey | undefined) {
  const [header = "", payload = "", signature = ""] = jws.split(".");
  const decoded = {
    // biome-ignore lint/suspicious/noExplicitAny: checked field by field in the tests.
    header: JSON.parse(fromUtf8(fromBase64Url(header))) as Record<string, any>,
    // biome-ignore lint/suspicious/noExplicitAny: checked field by field in the tests.
    payload: JSON.parse(fromUtf8(fromBase64Url(payload))) as Record<string, any>,
  };
  const key = keyFor(String(decoded.header.kid));
  const valid =
    key !== undefined && (await verifySignature(key, utf8(`${header}.${payload}`), fromBase64Url(signature)));
  return { ...decoded, valid };
}

/** The public key of verification method `kid` in a DID document. */
const keyInDocument = (document: DidDocument) => (kid: string) => {
  const method = document.verificationMethod?.find((m) => m.id === kid);
  return typeof method?.publicKeyMultibase === "string"
    ? publicKeyFromMultibase(method.publicKeyMultibase)
    : undefined;
};

/** A staff key with `scopes`, made with the admin token as staff would. */
async function staffKey(call: Call, adminToken: string, scopes: string[]): Promise<string> {
  const made = await call("/api-keys", { token: adminToken, body: { name: "registrar", scopes } });
  expect(made.status).toBe(201);
  return made.body.token;
}

interface Held {
  readonly credential: Record<string, unknown>;
  readonly did: string;
  readonly signer: Signer;
}

/** The learner's answer to a request object's claims: a presentation of the held credential, bound to them. */
const presentHeld = (held: Held, claims: Record<string, string>) =>
  addDataIntegrityProof(
    {
      "@context": ["https://www.w3.org/ns/credentials/v2"],
      type: ["VerifiablePresentation"],
      holder: held.did,
      verifiableCredential: [held.credential],
    },
    {
      signer: held.signer,
      proofPurpose: "authentication",
      challenge: claims.nonce,
      domain: claims.client_id,
    },
  );

describe("wallets on Workers (built bundle in workerd, sqld on loopback)", () => {
  const ORIGIN = "https://wallets-worker.example";
  const DID = "did:web:wallets-worker.example";
  const ADMIN_TOKEN = newAdminToken();
  // What the first test hands the second: the credential and the wallet that holds it.
  let held: Held | undefined;
  // Two isolates of the same centre (same database and MASTER_KEY): a wallet's requests may reach either, so
  // nothing a flow needs may live in one isolate's memory.
  let call: Call;
  let otherIsolate: Call;

  it("offers a credential, shows the learner's claim page, and issues it by OpenID4VCI to a did:key", async () => {
    const masterKey = b64url(32);
    const first = await harness.centre(ORIGIN, { MASTER_KEY: masterKey, ADMIN_TOKEN });
    call = first.call;
    const profile = await call("/profile", {
      method: "PUT",
      token: ADMIN_TOKEN,
      body: {
        name: { en: "Nairobi Open Learning Centre", zh: "内罗毕开放学习中心" },
        sourceLanguage: "en",
        country: "KE",
        url: ORIGIN,
        email: "help@wallets-worker.example",
      },
    });
    expect(profile.status).toBe(200);
    const staff = await staffKey(call, ADMIN_TOKEN, ["issue", "achievements"]);
    const achievement = await call("/achievements", {
      token: staff,
      body: {
        slug: "digital-skills",
        name: { en: "Digital Skills for Seniors", zh: "老年人数字技能" },
        description: { en: "Video calls and mobile payments.", zh: "视频通话和移动支付。" },
        criteria: { narrative: { en: "Completed every session.", zh: "完成全部课程。" } },
        sourceLanguage: "en",
        achievementType: "MicroCredential",
        ectsCredits: 2,
        eqfLevel: 3,
      },
    });
    expect(achievement.status).toBe(201);

    const offer = await call("/oid4vci/offers", {
      token: staff,
      body: { achievement: "digital-skills", learner: { name: "李伟", language: "zh" } },
    });
    expect(offer.status).toBe(201);
    expect(offer.body.pin).toMatch(/^\d{6}$/);
    const offerUri = new URL(offer.body.offerUri);
    expect(offerUri.protocol).toBe("openid-credential-offer:");
    const offerJsonUrl = offerUri.searchParams.get("credential_offer_uri") ?? "";
    expect(offerJsonUrl.startsWith(`${ORIGIN}/oid4vci/offers/`)).toBe(true);

    const metadata = await call("/.well-known/openid-credential-issuer");
    expect(metadata.status).toBe(200);
    expect(metadata.body).toMatchObject({
      credential_issuer: ORIGIN,
      credential_endpoint: `${ORIGIN}/oid4vci/credential`,
      nonce_endpoint: `${ORIGIN}/oid4vci/nonce`,
    });
    const display = metadata.body.credential_configurations_supported["digital-skills_ldp_vc"]
      .credential_metadata.display as { locale: string; name: string }[];
    expect(display.map((d) => [d.locale, d.name])).toEqual([
      ["en", "Digital Skills for Seniors"],
      ["zh", "老年人数字技能"],
    ]);

    // The QR code (the `qrcode` package as bundled) and the claim page, in Chinese with a Chinese date (Intl).
    const qr = await call(offer.body.qrCodeUrl);
    expect(qr.status).toBe(200);
    expect(qr.type).toBe("image/svg+xml");
    expect(qr.text).toMatch(/^<svg[^>]*viewBox="0 0 \d+ \d+"[\s\S]*<path [^>]*d="M[\s\S]+<\/svg>\s*$/);
    const claim = await call(offer.body.claimUrl);
    expect(claim.status).toBe(200);
    expect(claim.type).toMatch(/^text\/html/);
    expect(claim.headers.get("content-language")).toBe("zh");
    expect(claim.text).toContain('<html lang="zh"');
    expect(claim.text).toContain("李伟，您好：");
    expect(claim.text).toContain("老年人数字技能");
    expect(claim.text).toContain("内罗毕开放学习中心");
    expect(claim.text).toMatch(/领取截止日期：\d{4}年\d{1,2}月\d{1,2}日。/);
    expect(claim.text).toContain(qr.text.trim());
    expect(claim.text).not.toContain(offer.body.pin);

    // The wallet: the offer JSON (a fresh pre-authorized code), the token with the PIN, a nonce, the credential,
    // alternating between the isolates.
    const bindings = { MASTER_KEY: masterKey, ADMIN_TOKEN, DATABASE_URL: first.databaseUrl };
    otherIsolate = (await harness.centre(ORIGIN, bindings)).call;
    const offerJson = await call(offerJsonUrl);
    expect(offerJson.status).toBe(200);
    expect(offerJson.body).toMatchObject({
      credential_issuer: ORIGIN,
      credential_configuration_ids: expect.arrayContaining(["digital-skills_ldp_vc"]),
      grants: { [PRE_AUTH]: { tx_code: { input_mode: "numeric", length: 6 } } },
    });
    const token = await otherIsolate("/oid4vci/token", {
      form: {
        grant_type: PRE_AUTH,
        "pre-authorized_code": offerJson.body.grants[PRE_AUTH]["pre-authorized_code"],
        tx_code: offer.body.pin,
      },
    });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: "Bearer", access_token: expect.any(String) });
    const nonce = await call("/oid4vci/nonce", { method: "POST" });
    expect(nonce.status).toBe(200);
    expect(nonce.body.c_nonce).toEqual(expect.any(String));

    const pair = await generateKeyPair("EdDSA");
    const did = didKeyFromPublicKey(pair.publicKey);
    const signer = createSigner(pair, `${did}#${did.slice("did:key:".length)}`);
    const proof = await keyProof(signer, { aud: ORIGIN, nonce: nonce.body.c_nonce });
    const issued = await otherIsolate("/oid4vci/credential", {
      token: token.body.access_token,
      body: { credential_configuration_id: "digital-skills_ldp_vc", proofs: { jwt: [proof] } },
    });
    expect(issued.status).toBe(200);
    expect(issued.body.credentials).toHaveLength(1);
    const credential = issued.body.credentials[0].credential;
    expect(credential).toMatchObject({
      issuer: { id: DID },
      credentialSubject: { id: did, achievement: { id: `${ORIGIN}/achievements/digital-skills` } },
      proof: { cryptosuite: "eddsa-rdfc-2022" },
    });

    const verified = await call("/credentials/verify", { body: { verifiableCredential: credential } });
    expect(verified.status).toBe(200);
    expect(verified.body.verified).toBe(true);
    expect(
      verified.body.checks.filter((c: { outcome: string }) => !["pass", "skipped"].includes(c.outcome)),
    ).toEqual([]);
    held = { credential, did, signer };
  });

  it("asks for it by OpenID4VP with a signed request object and verifies the wallet's direct_post answer", async () => {
    if (!held) throw new Error("the credential comes from the OpenID4VCI test before");
    const created = await call("/oid4vp/requests", {
      body: { achievement: `${ORIGIN}/achievements/digital-skills` },
      headers: { "accept-language": "zh" },
    });
    expect(created.status).toBe(201);
    const clientId = `decentralized_identifier:${DID}`;
    expect(created.body).toMatchObject({ status: "pending", clientId });
    const link = new URL(created.body.walletLink);
    expect(link.protocol).toBe("openid4vp:");
    expect(link.searchParams.get("client_id")).toBe(clientId);

    const requestObject = await call(link.searchParams.get("request_uri") ?? "");
    expect(requestObject.status).toBe(200);
    expect(requestObject.type).toBe("application/oauth-authz-req+jwt");
    const didDocument = (await call("/.well-known/did.json")).body as DidDocument;
    const request = await openJws(requestObject.text, keyInDocument(didDocument));
    expect(request.header).toMatchObject({ alg: "EdDSA", typ: "oauth-authz-req+jwt" });
    expect(String(request.header.kid).startsWith(`${DID}#`)).toBe(true);
    expect(request.valid).toBe(true);
    const claims = request.payload;
    expect(claims).toMatchObject({
      client_id: clientId,
      response_type: "vp_token",
      response_mode: "direct_post",
      response_uri: `${ORIGIN}/oid4vp/response`,
    });

    const [query] = claims.dcql_query.credentials as { id: string; format: string }[];
    const presentation = await presentHeld(held, claims);
    const answered = await otherIsolate(claims.response_uri, {
      form: { vp_token: { [query?.id ?? ""]: [presentation] }, state: claims.state },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toEqual({});

    // Miniflare's fetch (undici) adds `Accept-Language: *` to every request, which the result route takes
    // as the reader's wish over the request's own language: say it in full, as a browser would.
    const result = await call(created.body.resultUrl, {
      token: created.body.readToken,
      headers: { "accept-language": "zh-CN,zh;q=0.9" },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      status: "completed",
      explainedIn: "zh",
      result: { verified: true, holders: [held.did] },
    });
    const [shared] = result.body.result.presentations;
    expect(shared).toMatchObject({ format: "ldp_vc", holder: held.did, report: { verified: true } });
    expect(
      shared.report.credentials[0].checks.map((c: { name: string; outcome: string }) => c.outcome),
    ).toEqual(["pass", "pass", "pass", "pass", "pass", "pass", "pass", "skipped"]);
    expect(shared.explanation.headline).toMatch(/\p{Script=Han}/u);
    // Without the read token the result is not shown.
    expect((await call(created.body.resultUrl)).status).toBe(401);
  });

  it("takes an answer encrypted to the request's own key (direct_post.jwt), opened by another isolate", async () => {
    if (!held) throw new Error("the credential comes from the OpenID4VCI test before");
    const created = await call("/oid4vp/requests", {
      body: { achievement: `${ORIGIN}/achievements/digital-skills`, responseMode: "direct_post.jwt" },
    });
    expect(created.status).toBe(201);
    expect(created.body.responseMode).toBe("direct_post.jwt");
    const requestUri = new URL(created.body.walletLink).searchParams.get("request_uri") ?? "";
    const requestObject = await call(requestUri);
    const didDocument = (await call("/.well-known/did.json")).body as DidDocument;
    const request = await openJws(requestObject.text, keyInDocument(didDocument));
    expect(request.valid).toBe(true);
    const claims = request.payload;
    expect(claims).toMatchObject({
      response_mode: "direct_post.jwt",
      client_metadata: {
        jwks: { keys: [{ kty: "EC", crv: "P-256", use: "enc", alg: "ECDH-ES", kid: created.body.id }] },
        encrypted_response_enc_values_supported: ["A128GCM", "A256GCM"],
      },
    });
    const encryption = responseEncryptionOf(claims.client_metadata);
    if (!encryption) throw new Error("no key to encrypt to");
    const [query] = claims.dcql_query.credentials as { id: string }[];
    const presentation = await presentHeld(held, claims);
    const fields = { vp_token: { [query?.id ?? ""]: [presentation] }, state: claims.state };
    // In the clear it is refused; encrypted, another isolate opens it with the key sealed in the database.
    const plain = await otherIsolate(claims.response_uri, { form: fields });
    expect(plain.status).toBe(400);
    expect(plain.body).toMatchObject({ code: "RESPONSE_ENCRYPTION_INVALID", problem: "mode" });
    const answered = await otherIsolate(claims.response_uri, {
      form: { response: await encryptResponse(fields, encryption) },
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const result = await call(created.body.resultUrl, { token: created.body.readToken });
    expect(result.body).toMatchObject({
      status: "completed",
      responseMode: "direct_post.jwt",
      result: { verified: true, holders: [held.did] },
    });
  });
});

describe("the network on Workers: a trust anchor's statement, feed and search", () => {
  const ORIGIN = "https://hq-worker.example";
  const DID = "did:web:hq-worker.example";
  const ADMIN_TOKEN = newAdminToken();

  it("serves a self-verifying Entity Configuration, a signed feed and checkpoint, and finds a course in Chinese", async () => {
    const { call } = await harness.centre(ORIGIN, {
      MASTER_KEY: b64url(32),
      ADMIN_TOKEN,
      FEDERATION_ROLE: "anchor",
      FEDERATION_NAME: "Open University Headquarters",
    });

    const configuration = await call("/.well-known/openid-federation");
    expect(configuration.status).toBe(200);
    expect(configuration.type).toBe("application/entity-statement+jwt");
    const jwks = () => JSON.parse(fromUtf8(fromBase64Url(configuration.text.split(".")[1] ?? ""))).jwks;
    const keyInJwks = (kid: string) => {
      const jwk = (jwks().keys as { kid: string }[]).find((k) => k.kid === kid);
      return jwk && publicKeyFromJwk(jwk);
    };
    const statement = await openJws(configuration.text, keyInJwks);
    expect(statement.header).toMatchObject({ alg: "EdDSA", typ: "entity-statement+jwt" });
    expect(statement.valid).toBe(true);
    expect(statement.payload).toMatchObject({ iss: ORIGIN, sub: ORIGIN });
    expect(statement.payload.exp).toBeGreaterThan(statement.payload.iat);
    expect(statement.payload).not.toHaveProperty("authority_hints");
    expect(JSON.stringify(statement.payload.metadata)).toContain("Open University Headquarters");

    const staff = await staffKey(call, ADMIN_TOKEN, ["achievements"]);
    const published = await call("/catalogue/courses", {
      token: staff,
      body: {
        slug: "smartphones-for-seniors",
        title: { zh: "老年人智能手机应用入门", en: "Smartphone basics for seniors" },
        description: { zh: "学习视频通话和网上挂号。", en: "Video calls and booking a doctor online." },
        level: { framework: "EQF", value: 2 },
        credits: { system: "ECTS", value: 2 },
        language: ["zh"],
        mode: "in-person",
        audience: ["seniors"],
        country: "CN",
      },
    });
    expect(published.status).toBe(201);
    const courseId = `${ORIGIN}/catalogue/courses/smartphones-for-seniors`;
    expect(published.body).toMatchObject({ type: "Course", id: courseId, owner: DID, version: 1 });
    // The record's eddsa-jcs-2022 proof, made in workerd, checked here against the DID document it serves.
    const didDocument = (await call("/.well-known/did.json")).body as DidDocument;
    const resolveKey = createKeyResolver({ documents: new Map([[DID, didDocument]]) });
    expect(await verifyCatalogueEntry(published.body, { resolveKey })).toMatchObject({ ok: true });

    const changes = await call("/federation/feed/changes?after=0");
    expect(changes.status).toBe(200);
    expect(changes.body).toMatchObject({ feed: ORIGIN, headSeq: 1 });
    const [event] = changes.body.events;
    expect(event).toMatchObject({ seq: 1, op: "put", recordId: courseId, version: 1, prev: null });
    expect(event.record).toEqual(published.body);
    const { hash, ...unhashed } = event;
    expect(hash).toBe(toBase64Url(await sha256(utf8(canonicalJson(unhashed)))));

    const checkpoint = await call("/federation/feed/checkpoint");
    expect(checkpoint.status).toBe(200);
    const signed = await openJws(checkpoint.text, keyInJwks);
    expect(signed.header).toMatchObject({ alg: "EdDSA", typ: "feed-checkpoint+jwt" });
    expect(signed.valid).toBe(true);
    expect(signed.payload).toMatchObject({
      iss: ORIGIN,
      sub: ORIGIN,
      head_seq: 1,
      head_hash: hash,
      record_count: 1,
    });

    // Search words cut by Intl.Segmenter in workerd, matched by FTS5 in sqld.
    const search = (query: string) => call(`/catalogue/search?${query}`);
    const chinese = await search(`q=${encodeURIComponent("智能手机")}&lang=zh`);
    expect(chinese.status).toBe(200);
    expect(chinese.body.results.map((r: { id: string; title: string }) => [r.id, r.title])).toEqual([
      [courseId, "老年人智能手机应用入门"],
    ]);
    const english = await search(`q=${encodeURIComponent("手机")}&lang=en`);
    expect(english.body.results.map((r: { id: string; title: string }) => [r.id, r.title])).toEqual([
      [courseId, "Smartphone basics for seniors"],
    ]);
    expect((await search(`q=${encodeURIComponent("书法")}`)).body.results).toEqual([]);
    // 机 and 能 are both in the title, but 机能 is a dictionary word that is not: cut by character (as
    // without ICU's dictionaries) it would match.
    expect((await search(`q=${encodeURIComponent("机能")}&lang=zh`)).body.results).toEqual([]);
  });
});

/** An OpenID4VCI key proof (typ openid4vci-proof+jwt), signed by the holder's key. */
async function keyProof(signer: Signer, claims: { aud: string; nonce: string }): Promise<string> {
  const encode = (part: object) => toBase64Url(utf8(JSON.stringify(part)));
  const input = `${encode({ typ: "openid4vci-proof+jwt", alg: "EdDSA", kid: signer.keyId })}.${encode({
    ...claims,
    iat: Math.floor(Date.now() / 1000),
  })}`;
  return `${input}.${toBase64Url(await signer.sign(utf8(input)))}`;
}
