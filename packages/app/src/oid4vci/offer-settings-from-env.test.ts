import { describe, expect, it } from "vitest";
import { offerSettingsFrom } from "./offer-settings-from-env.ts";

describe("offerSettingsFrom", () => {
  it("reads PRE_AUTHORIZED_CODE_TTL in seconds; unset or blank is ten minutes", () => {
    expect(offerSettingsFrom({})).toEqual({ preAuthorizedCodeLifetimeMs: 600_000, problems: [] });
    expect(offerSettingsFrom({ PRE_AUTHORIZED_CODE_TTL: "  " }).preAuthorizedCodeLifetimeMs).toBe(600_000);
    expect(offerSettingsFrom({ PRE_AUTHORIZED_CODE_TTL: " 900 " }).preAuthorizedCodeLifetimeMs).toBe(900_000);
    expect(offerSettingsFrom({ PRE_AUTHORIZED_CODE_TTL: "60" }).preAuthorizedCodeLifetimeMs).toBe(60_000);
    expect(offerSettingsFrom({ PRE_AUTHORIZED_CODE_TTL: "3600" }).preAuthorizedCodeLifetimeMs).toBe(
      3_600_000,
    );
    // An unquoted TOML number in a Worker's [vars].
    const bindings = { PRE_AUTHORIZED_CODE_TTL: 300 } as unknown as Record<string, string>;
    expect(offerSettingsFrom(bindings).preAuthorizedCodeLifetimeMs).toBe(300_000);
  });

  it.each(["59", "3601", "0", "-600", "600.5", "6e2", "10m", "0x258"])(
    "refuses %s, naming the variable",
    (ttl) => {
      const { problems } = offerSettingsFrom({ PRE_AUTHORIZED_CODE_TTL: ttl });
      expect(problems).toEqual([
        { variable: "PRE_AUTHORIZED_CODE_TTL", reason: expect.stringContaining("60 to 3600") },
      ]);
    },
  );
});
