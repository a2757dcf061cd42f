import { randomBytes } from "@learnbridge/core";
import { buildAchievementCredential } from "@learnbridge/credentials";
import { createApiKey } from "@learnbridge/issuer";
import { describe, expect, it } from "vitest";
import { assembleCentre } from "./assemble.ts";
import { memoryCentreStores } from "./test-support/memory-centre-stores.ts";

const json = (body: unknown, token?: string) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

describe("assembleCentre", () => {
  it("builds a centre that verifies its own credentials and status lists without any network", async () => {
    const stores = memoryCentreStores();
    const { apiKeys } = stores;
    const centre = await assembleCentre({
      publicUrl: "https://seniors.example",
      masterKey: randomBytes(32),
      stores,
      // Any fetch at all fails the test: the centre must answer for itself.
      network: { fetch: async (url) => Promise.reject(new Error(`unexpected fetch of ${url}`)) },
    });
    expect(centre.did).toBe("did:web:seniors.example");
    const { token } = await createApiKey(apiKeys, { name: "registrar", scopes: ["issue", "revoke"] });
    const credential = await buildAchievementCredential({
      issuer: { id: centre.did, name: { zh: "老年大学", en: "Seniors' University" }, country: "CN" },
      achievement: {
        id: "https://seniors.example/achievements/smartphone-basics",
        name: { zh: "智能手机入门", en: "Smartphone Basics" },
        description: { zh: "使用智能手机进行视频通话和移动支付", en: "Video calls and mobile payments" },
        criteria: { narrative: { zh: "完成全部课程", en: "Completed every session" } },
        sourceLanguage: "zh",
      },
      learner: { did: "did:example:grandmother" },
    });
    delete credential.id;
    const issued = await centre.app.request("/credentials/issue", json({ credential }, token));
    expect(issued.status).toBe(201);
    const { verifiableCredential } = (await issued.json()) as { verifiableCredential: { id: string } };

    const verified = await centre.app.request("/credentials/verify", json({ verifiableCredential }));
    expect(verified.status).toBe(200);
    const report = (await verified.json()) as { checks: { name: string; outcome: string }[] };
    expect(report.checks.filter((c) => c.outcome !== "pass").map((c) => c.name)).toEqual(["trust"]);

    const revoked = await centre.app.request(
      "/credentials/status",
      json(
        {
          credentialId: verifiableCredential.id,
          credentialStatus: [{ type: "BitstringStatusListEntry", status: "revoked" }],
        },
        token,
      ),
    );
    expect(revoked.status).toBe(200);
    const after = await centre.app.request("/credentials/verify", json({ verifiableCredential }));
    expect(after.status).toBe(422);
    expect(((await after.json()) as { code: string }).code).toBe("STATUS_REVOKED");
  });
});
