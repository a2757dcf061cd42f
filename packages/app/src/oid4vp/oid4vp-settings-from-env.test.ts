import { describe, expect, it } from "vitest";
import { oid4vpSettingsFrom } from "./oid4vp-settings-from-env.ts";

describe("oid4vpSettingsFrom", () => {
  it("is direct_post when unset or blank, and the mode named otherwise", () => {
    expect(oid4vpSettingsFrom({})).toEqual({ responseMode: "direct_post", problems: [] });
    expect(oid4vpSettingsFrom({ OID4VP_RESPONSE_MODE: "  " })).toEqual({
      responseMode: "direct_post",
      problems: [],
    });
    expect(oid4vpSettingsFrom({ OID4VP_RESPONSE_MODE: " direct_post.jwt " })).toEqual({
      responseMode: "direct_post.jwt",
      problems: [],
    });
    expect(oid4vpSettingsFrom({ OID4VP_RESPONSE_MODE: "direct_post" }).responseMode).toBe("direct_post");
  });

  it.each(["jwt", "DIRECT_POST", "fragment", "direct_post.jwt,direct_post"])(
    "names %s as a problem",
    (mode) => {
      expect(oid4vpSettingsFrom({ OID4VP_RESPONSE_MODE: mode })).toEqual({
        responseMode: "direct_post",
        problems: [
          {
            variable: "OID4VP_RESPONSE_MODE",
            reason: `'${mode}' is not one of direct_post, direct_post.jwt (default direct_post)`,
          },
        ],
      });
    },
  );
});
