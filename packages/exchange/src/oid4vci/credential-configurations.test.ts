import { describe, expect, it } from "vitest";
import { sampleOffer } from "../offers/offer-store-contract.ts";
import { offerTestContext } from "../offers/offer-test-context.ts";
import {
  configurationId,
  credentialConfigurations,
  parseConfigurationId,
} from "./credential-configurations.ts";
import { credentialOfferDocument, offerConfigurationIds } from "./offer-document.ts";

describe("credential configurations", () => {
  it("names a configuration by achievement and format, and reads the name back", () => {
    expect(configurationId("data-101", "ldp_vc")).toBe("data-101_ldp_vc");
    expect(configurationId("data-101", "jwt_vc")).toBe("data-101_jwt_vc_json");
    expect(parseConfigurationId("data-101_jwt_vc_json")).toEqual({ stem: "data-101", format: "jwt_vc" });
    expect(parseConfigurationId("OpenBadgeCredential_ldp_vc")).toEqual({
      stem: "OpenBadgeCredential",
      format: "ldp_vc",
    });
    for (const bad of ["_ldp_vc", "data-101_mso_mdoc", "ldp_vc", 7])
      expect(parseConfigurationId(bad)).toBeUndefined();
  });

  it("describes every achievement, archived ones too, with a display per language", async () => {
    const { achievements } = await offerTestContext();
    const all = credentialConfigurations(await achievements.list({ includeArchived: true }));
    expect(Object.keys(all)).toEqual([
      "OpenBadgeCredential_ldp_vc",
      "OpenBadgeCredential_jwt_vc_json",
      "digital-skills_ldp_vc",
      "digital-skills_jwt_vc_json",
    ]);
  });

  it("offers an achievement's own configurations, or the generic ones for another centre's achievement", () => {
    const own = sampleOffer("o1", {
      formats: ["jwt_vc"],
      achievementId: "https://centre.example/achievements/data-101",
    });
    expect(offerConfigurationIds(own, "https://centre.example/")).toEqual(["data-101_jwt_vc_json"]);
    const foreign = sampleOffer("o2", { achievementId: "https://other.example/achievements/data-101" });
    expect(offerConfigurationIds(foreign, "https://centre.example")).toEqual([
      "OpenBadgeCredential_ldp_vc",
      "OpenBadgeCredential_jwt_vc_json",
    ]);
    const { txCode: _none, ...open } = own;
    expect(
      credentialOfferDocument(open, {
        publicUrl: "https://centre.example",
        preAuthorizedCode: "fresh-code",
        txCodeDescription: "x".repeat(400),
      }),
    ).toEqual({
      credential_issuer: "https://centre.example",
      credential_configuration_ids: ["data-101_jwt_vc_json"],
      grants: {
        "urn:ietf:params:oauth:grant-type:pre-authorized_code": { "pre-authorized_code": "fresh-code" },
      },
    });
    const withPin = credentialOfferDocument(own, {
      publicUrl: "https://centre.example",
      preAuthorizedCode: "fresh-code",
      txCodeDescription: "x".repeat(400),
    });
    expect(JSON.stringify(withPin)).toContain(`"description":"${"x".repeat(300)}"`);
  });
});
