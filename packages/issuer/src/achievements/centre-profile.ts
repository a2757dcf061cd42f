/**
 * The centre's public profile: the awarding body named in every credential it issues (the Open Badges
 * issuer `Profile`; name and country are EU micro-credential elements). One per centre, edited by staff.
 */
import { type Clock, systemClock, toXsdDateTime } from "@learnbridge/core";
import { type IssuerProfile, isLanguageTag, type LanguageText, sourceText } from "@learnbridge/credentials";
import { type Actor, auditedBy } from "../access/actor.ts";
import type { AuditEntry, AuditLog } from "../audit/audit-log.ts";
import { type Checked, FieldChecker, fieldProblemsError, isObject } from "./field-problems.ts";

export interface CentreProfile {
  readonly name: LanguageText;
  /** The language the name is written in. */
  readonly sourceLanguage: string;
  /** ISO 3166-1 alpha-2, e.g. `KE`. */
  readonly country?: string;
  readonly url?: string;
  readonly email?: string;
  /** A telephone number learners may call, in international form (`+254 20 123 4567`). */
  readonly phone?: string;
}

export interface StoredCentreProfile extends CentreProfile {
  readonly updatedAt: string;
}

/** The profile's port; a change and its audit entry are stored in one atomic write. */
export interface CentreProfileRepository {
  get(): Promise<StoredCentreProfile | undefined>;
  /** Replaces the profile, and appends `audit`. */
  put(profile: StoredCentreProfile, audit?: AuditEntry): Promise<void>;
  /** Stores the profile (and `audit`) only when there is none; true when this call stored it. */
  putIfAbsent(profile: StoredCentreProfile, audit?: AuditEntry): Promise<boolean>;
}

/** The in-memory twin; audit entries go to the (in-memory) audit log given to it. */
export class MemoryCentreProfileRepository implements CentreProfileRepository {
  #profile: StoredCentreProfile | undefined;
  readonly #audit: AuditLog | undefined;

  constructor(options: { audit?: AuditLog } = {}) {
    this.#audit = options.audit;
  }
  async get() {
    return this.#profile && structuredClone(this.#profile);
  }
  async put(profile: StoredCentreProfile, audit?: AuditEntry) {
    await this.#store(profile, audit);
  }
  async putIfAbsent(profile: StoredCentreProfile, audit?: AuditEntry) {
    if (this.#profile) return false;
    await this.#store(profile, audit);
    return true;
  }
  async #store(profile: StoredCentreProfile, audit: AuditEntry | undefined) {
    if (audit && !this.#audit)
      throw new TypeError("MemoryCentreProfileRepository: pass { audit } to store entries");
    const before = this.#profile;
    this.#profile = structuredClone(profile);
    try {
      if (audit) await this.#audit?.append(audit);
    } catch (error) {
      this.#profile = before;
      throw error;
    }
  }
}

const FIELDS = new Set(["name", "sourceLanguage", "country", "url", "email", "phone"]);

/** Checks a profile as staff send it. */
export function validateCentreProfile(input: unknown): Checked<CentreProfile> {
  const check = new FieldChecker();
  if (!isObject(input)) {
    check.invalid("(body)", "must be a JSON object");
    return check.result(() => ({}) as CentreProfile);
  }
  check.onlyKnown(input, FIELDS);
  const lang = input.sourceLanguage;
  if (lang === undefined) check.missing("sourceLanguage", "is required: the language the name is written in");
  else if (!isLanguageTag(lang)) check.invalid("sourceLanguage", "is not a BCP 47 language tag");
  const name = check.text(input.name, "name", isLanguageTag(lang) ? lang : undefined, 300);
  if (
    input.country !== undefined &&
    !(typeof input.country === "string" && /^[A-Z]{2}$/.test(input.country))
  ) {
    check.invalid("country", "must be an ISO 3166-1 alpha-2 code in capitals, e.g. KE");
  }
  check.url(input.url, "url", true);
  const email = check.string(input.email, "email", 254);
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    check.invalid("email", "is not an email address");
  const phone = check.string(input.phone, "phone", 32);
  // International form, so a learner abroad can dial it: "+", a country code, then digits, spaces or dashes.
  if (phone !== undefined && !/^\+[1-9][0-9 -]{5,20}[0-9]$/.test(phone))
    check.invalid("phone", "must be in international form, e.g. +254 20 123 4567");
  return check.result(() => ({
    name: name as LanguageText,
    sourceLanguage: lang as string,
    ...(input.country !== undefined ? { country: input.country as string } : {}),
    ...(input.url !== undefined ? { url: input.url as string } : {}),
    ...(email !== undefined ? { email } : {}),
    ...(phone !== undefined ? { phone } : {}),
  }));
}

/** Validates and stores the profile with its audit entry; a 422-coded error names every problem. */
export async function updateCentreProfile(
  repository: CentreProfileRepository,
  input: unknown,
  who: Actor,
  clock: Clock = systemClock,
): Promise<StoredCentreProfile> {
  const checked = validateCentreProfile(input);
  if (!checked.ok) throw fieldProblemsError(checked.problems);
  const at = toXsdDateTime(clock());
  const profile: StoredCentreProfile = { ...checked.value, updatedAt: at };
  await repository.put(profile, {
    at,
    ...auditedBy(who),
    action: "profile.update",
    subject: "profile",
    details: { ...checked.value },
  });
  return profile;
}

/**
 * The issuer `Profile` of a credential written in `lang`. The name keeps its translations when it has a
 * text in `lang`; otherwise it is the profile's own source text alone (never a text labelled with a
 * language it is not in).
 */
export function issuerProfileOf(did: string, profile: CentreProfile, lang: string): IssuerProfile {
  const name =
    typeof profile.name !== "string" && Object.hasOwn(profile.name, lang)
      ? profile.name
      : sourceText(profile.name, profile.sourceLanguage);
  return {
    id: did,
    name,
    ...(profile.country ? { country: profile.country } : {}),
    ...(profile.url ? { url: profile.url } : {}),
    ...(profile.email ? { email: profile.email } : {}),
  };
}
