import { describe, expect, it } from "vitest";
import { MemoryAuditLog } from "../audit/audit-log.ts";
import {
  issuerProfileOf,
  MemoryCentreProfileRepository,
  updateCentreProfile,
  validateCentreProfile,
} from "./centre-profile.ts";

const profile = { name: { en: "Seniors' University", zh: "老年大学" }, sourceLanguage: "zh", country: "CN" };

describe("issuerProfileOf", () => {
  it("keeps the translations when the name has the credential's language, else only the profile's source", () => {
    expect(issuerProfileOf("did:web:u.example", profile, "en")).toEqual({
      id: "did:web:u.example",
      name: profile.name,
      country: "CN",
    });
    // A French credential: the name is the profile's own Chinese text, not a map without French in it.
    expect(issuerProfileOf("did:web:u.example", profile, "fr").name).toBe("老年大学");
  });
});

describe("updateCentreProfile", () => {
  it("stores a valid profile with its audit entry, and refuses an invalid one with every problem", async () => {
    const audit = new MemoryAuditLog();
    const repository = new MemoryCentreProfileRepository({ audit });
    const clock = () => new Date("2026-06-01T00:00:00Z");
    const who = { actor: "k1", origin: "192.0.2.1" };
    await expect(
      updateCentreProfile(repository, { ...profile, country: "China" }, who, clock),
    ).rejects.toMatchObject({
      code: "FIELD_INVALID",
      details: { field: "country" },
    });
    expect(await repository.get()).toBeUndefined();
    await updateCentreProfile(repository, profile, who, clock);
    expect(await repository.get()).toEqual({ ...profile, updatedAt: "2026-06-01T00:00:00Z" });
    expect(await audit.list()).toEqual([
      expect.objectContaining({ actor: "k1", origin: "192.0.2.1", action: "profile.update", seq: 1 }),
    ]);
  });

  it("takes a phone number in international form, and refuses one a learner abroad could not dial", () => {
    expect(validateCentreProfile({ ...profile, phone: "+254 20 123-4567" })).toMatchObject({
      ok: true,
      value: { phone: "+254 20 123-4567" },
    });
    for (const phone of ["020 123 4567", "+0 20 123 4567", "+254", "+254 20 123 4567 ext. 2", 254201234567]) {
      const checked = validateCentreProfile({ ...profile, phone });
      expect(checked.ok, String(phone)).toBe(false);
    }
  });
});
