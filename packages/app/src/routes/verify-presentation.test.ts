import { createSigner, generateKeyPair, publicKeyToMultibase } from "@learnbridge/core";
import { addDataIntegrityProof, didKeyFromPublicKey } from "@learnbridge/credentials";
import { describe, expect, it } from "vitest";
import { expectProblem } from "../test-support/expect-problem.ts";
import { issueViaApi, NOW, postJson, testCentre } from "../test-support/test-centre.ts";

/** A learner with a did:key, holding a credential the centre issued to that DID. */
async function holderWithCredential() {
  const centre = await testCentre();
  const pair = await generateKeyPair("EdDSA");
  const did = didKeyFromPublicKey(pair.publicKey);
  const signer = createSigner(pair, `${did}#${publicKeyToMultibase(pair.publicKey)}`);
  const credential = await issueViaApi(centre, { learner: did });
  const present = (challenge: string, domain = "https://centre.example") =>
    addDataIntegrityProof(
      {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        type: ["VerifiablePresentation"],
        holder: did,
        verifiableCredential: [credential],
      },
      { signer, proofPurpose: "authentication", challenge, domain, clock: () => NOW },
    );
  const challenge = async () => {
    const response = await postJson(centre.app, "/challenges", {});
    expect(response.status).toBe(200);
    return ((await response.json()) as { challenge: string }).challenge;
  };
  return { centre, present, challenge };
}

describe("POST /presentations/verify", () => {
  it("verifies a presentation bound to a challenge this node issued, once", async () => {
    const { centre, present, challenge } = await holderWithCredential();
    const nonce = await challenge();
    const body = {
      verifiablePresentation: await present(nonce),
      options: { challenge: nonce, domain: "https://centre.example" },
    };
    const response = await postJson(centre.app, "/presentations/verify", body);
    expect(response.status).toBe(200);
    const report = (await response.json()) as { verified: boolean; credentials: { verified: boolean }[] };
    expect(report.verified).toBe(true);
    expect(report.credentials.map((c) => c.verified)).toEqual([true]);

    const replay = await postJson(centre.app, "/presentations/verify", body);
    const problem = await expectProblem(replay, 422, "PROOF_CHALLENGE_MISMATCH");
    expect(problem.field).toBe("options.challenge");
  });

  it("refuses a challenge it never issued", async () => {
    const { centre, present } = await holderWithCredential();
    const body = { verifiablePresentation: await present("made-up"), options: { challenge: "made-up" } };
    await expectProblem(
      await postJson(centre.app, "/presentations/verify", body),
      422,
      "PROOF_CHALLENGE_MISMATCH",
    );
  });

  it("reports a proof signed over another challenge than the one claimed", async () => {
    const { centre, present, challenge } = await holderWithCredential();
    const [nonce, other] = [await challenge(), await challenge()];
    const body = { verifiablePresentation: await present(other), options: { challenge: nonce } };
    const problem = await expectProblem(
      await postJson(centre.app, "/presentations/verify", body),
      422,
      "PROOF_CHALLENGE_MISMATCH",
    );
    expect(problem.kind).toBe("presentation");
  });

  it("fails the presentation when a credential in it was revoked", async () => {
    const { centre, present, challenge } = await holderWithCredential();
    const [record] = await centre.credentials.list();
    await centre.issuance.revoke(record?.id ?? "", "issued in error", "test");
    const nonce = await challenge();
    const body = { verifiablePresentation: await present(nonce), options: { challenge: nonce } };
    await expectProblem(await postJson(centre.app, "/presentations/verify", body), 422, "STATUS_REVOKED");
  });

  it("answers 400 for a malformed request", async () => {
    const { centre } = await holderWithCredential();
    await expectProblem(await postJson(centre.app, "/presentations/verify", {}), 400, "BAD_REQUEST");
    const badChallenge = { verifiablePresentation: {}, options: { challenge: 42 } };
    const problem = await expectProblem(
      await postJson(centre.app, "/presentations/verify", badChallenge),
      400,
      "BAD_REQUEST",
    );
    expect(problem.field).toBe("options.challenge");
    await expectProblem(await postJson(centre.app, "/presentations/verify", "nope"), 400, "MALFORMED_JSON");
  });
});
