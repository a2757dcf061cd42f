/**
 * The verifier side of Bitstring Status List v1.0: one "status" check per `credentialStatus` entry.
 *
 * Choices, where the spec leaves them to the verifier:
 * - A list that cannot be fetched fails (STATUS_LIST_UNAVAILABLE): the verifier cannot tell a revoked
 *   credential from a good one, and failing open would let a holder hide a revocation by blocking the list.
 *   Callers that prefer to accept may downgrade this code in their policy.
 * - The list's issuer must equal the credential's issuer. The spec allows them to differ (a delegated status
 *   service); we do not accept that until a trust rule says who may speak for whom.
 * - The list must be within its validity period now; issuers publish short-lived lists (see
 *   DEFAULT_STATUS_LIST_TTL_MS) and re-sign them, so an expired list is a stale one.
 * - `revocation` and `suspension` fail when set. Every other purpose (`refresh`, `message`, custom ones)
 *   passes with the status value (and `message` text) in `data`: their meaning is the application's.
 * - Entries of other status types fail as STATUS_ENTRY_INVALID: a status we cannot check is not a pass.
 * - `statusSize` is supported up to 8 bits (256 messages), with the `statusMessage` array it requires.
 */
import { type Clock, isAbsoluteUri, parseXsdDateTime, systemClock } from "@learnbridge/core";
import { type Check, err, fail, type Outcome, ok, pass, skipped } from "../verify/report.ts";
import { Bitstring, DEFAULT_MAX_DECODED_BYTES, MIN_STATUS_LIST_LENGTH } from "./bitstring.ts";

/** Options of `checkCredentialStatus`: the impure steps, injected. */
export interface StatusCheckOptions {
  /** Dereferences a `statusListCredential` URL (cache, size limits and SSRF rules are its business). */
  readonly fetchStatusList: (url: string) => Promise<Outcome<unknown>>;
  /** Verifies the list credential's own proof and returns its authenticated issuer. */
  readonly verifyStatusListCredential: (credential: unknown) => Promise<Outcome<{ issuer: string }>>;
  readonly clock?: Clock;
  /** Largest decompressed list accepted, in bytes; default 16 MiB. */
  readonly maxBytes?: number;
  /** Fewest entries a list may have (herd privacy); default 131,072, lower only if an ecosystem says so. */
  readonly minimumEntries?: number;
}

interface Entry {
  readonly purpose: string;
  readonly index: number;
  readonly listUrl: string;
  readonly statusSize: number;
  readonly messages?: readonly { readonly status: string; readonly message: string }[];
}

interface LoadedList {
  readonly bits: Bitstring;
  readonly purposes: readonly string[];
}

const MAX_STATUS_SIZE = 8;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const hasType = (v: unknown, type: string) => v === type || (Array.isArray(v) && v.includes(type));
const issuerId = (v: unknown) =>
  typeof v === "string" ? v : isObject(v) && typeof v.id === "string" ? v.id : undefined;

/**
 * Checks every `credentialStatus` entry of a credential (object or array); never throws for bad input.
 * @example const checks = await checkCredentialStatus(vc, { fetchStatusList, verifyStatusListCredential });
 */
export async function checkCredentialStatus(
  credential: unknown,
  options: StatusCheckOptions,
): Promise<Check[]> {
  if (
    typeof options?.fetchStatusList !== "function" ||
    typeof options.verifyStatusListCredential !== "function"
  ) {
    throw new TypeError("checkCredentialStatus: fetchStatusList and verifyStatusListCredential are required");
  }
  const status = isObject(credential) ? credential.credentialStatus : undefined;
  const entries = status === undefined || status === null ? [] : Array.isArray(status) ? status : [status];
  if (entries.length === 0)
    return [skipped("status", "NOT_APPLICABLE", "the credential has no credentialStatus")];
  const issuer = isObject(credential) ? issuerId(credential.issuer) : undefined;
  const lists = new Map<string, Promise<Outcome<LoadedList>>>();
  const load = (url: string) => {
    const cached = lists.get(url);
    if (cached) return cached;
    const loaded = loadList(url, issuer, options);
    lists.set(url, loaded);
    return loaded;
  };
  return Promise.all(entries.map((entry) => checkEntry(entry, load, options)));
}

async function checkEntry(
  raw: unknown,
  load: (url: string) => Promise<Outcome<LoadedList>>,
  options: StatusCheckOptions,
): Promise<Check> {
  const parsed = parseEntry(raw);
  if (!parsed.ok) return fail("status", parsed.code, parsed.message, parsed.data);
  const entry = parsed.value;
  const data = { purpose: entry.purpose, index: entry.index, listUrl: entry.listUrl };
  const loaded = await load(entry.listUrl);
  if (!loaded.ok) return fail("status", loaded.code, loaded.message, { ...data, ...loaded.data });
  const { bits, purposes } = loaded.value;
  if (!purposes.includes(entry.purpose)) {
    return fail("status", "STATUS_LIST_INVALID", `the list's purpose is not '${entry.purpose}'`, {
      ...data,
      listPurposes: purposes,
    });
  }
  const minimumEntries = options.minimumEntries ?? MIN_STATUS_LIST_LENGTH;
  if (Math.floor(bits.length / entry.statusSize) < minimumEntries) {
    return fail("status", "STATUS_LIST_INVALID", `the list has fewer than ${minimumEntries} entries`, data);
  }
  if ((entry.index + 1) * entry.statusSize > bits.length) {
    return fail("status", "STATUS_ENTRY_INVALID", "statusListIndex is outside the list", {
      ...data,
      listLength: Math.floor(bits.length / entry.statusSize),
    });
  }
  const value = bits.getStatus(entry.index, entry.statusSize);
  if (entry.purpose === "revocation" && value !== 0)
    return fail("status", "STATUS_REVOKED", "the credential has been revoked", data);
  if (entry.purpose === "suspension" && value !== 0)
    return fail("status", "STATUS_SUSPENDED", "the credential is suspended", data);
  const message = entry.messages?.find((m) => Number.parseInt(m.status, 16) === value)?.message;
  return pass("status", `${entry.purpose} status is ${value}`, {
    ...data,
    status: value,
    ...(message !== undefined ? { message } : {}),
  });
}

function parseEntry(raw: unknown): Outcome<Entry> {
  const invalid = (message: string, data?: Record<string, unknown>) =>
    err<Entry>("STATUS_ENTRY_INVALID", message, data);
  if (!isObject(raw)) return invalid("a credentialStatus entry must be an object");
  if (!hasType(raw.type, "BitstringStatusListEntry")) {
    return invalid("unsupported credentialStatus type", { type: raw.type ?? null });
  }
  const { statusPurpose: purpose, statusListIndex, statusListCredential: listUrl } = raw;
  if (typeof purpose !== "string" || purpose === "")
    return invalid("statusPurpose must be a non-empty string");
  if (typeof statusListIndex !== "string" || !/^[0-9]+$/.test(statusListIndex)) {
    return invalid("statusListIndex must be a base-10 string of a non-negative integer", {
      statusListIndex: statusListIndex ?? null,
    });
  }
  const index = Number(statusListIndex);
  if (!Number.isSafeInteger(index)) return invalid("statusListIndex is too large", { statusListIndex });
  if (!isAbsoluteUri(listUrl)) return invalid("statusListCredential must be a URL");
  if (raw.id !== undefined && (!isAbsoluteUri(raw.id) || raw.id === listUrl)) {
    return invalid("credentialStatus.id must be a URL other than statusListCredential");
  }
  const statusSize = raw.statusSize ?? 1;
  if (
    !Number.isInteger(statusSize) ||
    (statusSize as number) < 1 ||
    (statusSize as number) > MAX_STATUS_SIZE
  ) {
    return invalid(`statusSize must be an integer from 1 to ${MAX_STATUS_SIZE}`, { statusSize });
  }
  const size = statusSize as number;
  const messages = raw.statusMessage;
  if (messages === undefined && size > 1) return invalid("statusMessage is required when statusSize > 1");
  if (messages !== undefined) {
    const valid =
      Array.isArray(messages) &&
      messages.length === 2 ** size &&
      messages.every(
        (m) =>
          isObject(m) &&
          typeof m.status === "string" &&
          /^0x[0-9a-f]+$/i.test(m.status) &&
          typeof m.message === "string",
      );
    if (!valid) return invalid(`statusMessage must list ${2 ** size} { status: "0x…", message } objects`);
  }
  return ok({ purpose, index, listUrl, statusSize: size, ...(messages ? { messages } : {}) });
}

async function loadList(
  url: string,
  issuer: string | undefined,
  options: StatusCheckOptions,
): Promise<Outcome<LoadedList>> {
  const invalid = (message: string, data?: Record<string, unknown>) =>
    err<LoadedList>("STATUS_LIST_INVALID", message, data);
  let fetched: Outcome<unknown>;
  try {
    fetched = await options.fetchStatusList(url);
  } catch {
    fetched = err("STATUS_LIST_UNAVAILABLE", "fetching the status list threw");
  }
  if (!fetched.ok) {
    return err("STATUS_LIST_UNAVAILABLE", `the status list could not be retrieved: ${fetched.message}`, {
      cause: fetched.code,
    });
  }
  const list = fetched.value;
  if (!isObject(list) || !hasType(list.type, "BitstringStatusListCredential")) {
    return invalid("the document is not a BitstringStatusListCredential");
  }
  let verified: Outcome<{ issuer: string }>;
  try {
    verified = await options.verifyStatusListCredential(list);
  } catch {
    verified = err("PROOF_INVALID", "verifying the status list threw");
  }
  if (!verified.ok)
    return invalid(`the status list's proof does not verify: ${verified.message}`, { cause: verified.code });
  if (!issuer || verified.value.issuer !== issuer) {
    return invalid("the status list was not issued by the credential's issuer", {
      listIssuer: verified.value.issuer,
      credentialIssuer: issuer ?? null,
    });
  }
  const period = checkValidity(list, (options.clock ?? systemClock)());
  if (!period.ok) return period;
  const subject = list.credentialSubject;
  if (!isObject(subject) || !hasType(subject.type, "BitstringStatusList")) {
    return invalid("credentialSubject must be a BitstringStatusList");
  }
  const purposes =
    typeof subject.statusPurpose === "string" ? [subject.statusPurpose] : subject.statusPurpose;
  if (!Array.isArray(purposes) || purposes.length === 0 || !purposes.every((p) => typeof p === "string")) {
    return invalid("the list's statusPurpose must be one or more strings");
  }
  const decoded = await Bitstring.decode(subject.encodedList, {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_DECODED_BYTES,
    minLength: options.minimumEntries ?? MIN_STATUS_LIST_LENGTH,
  });
  if (!decoded.ok) return decoded;
  return ok({ bits: decoded.value, purposes });
}

function checkValidity(list: Record<string, unknown>, now: Date): Outcome<true> {
  const read = (name: string, value: unknown): Outcome<Date | undefined> => {
    if (value === undefined) return ok(undefined);
    const date = parseXsdDateTime(value);
    return date
      ? ok(date)
      : err("STATUS_LIST_INVALID", `the list's ${name} is not a dateTime`, { [name]: value });
  };
  // VC 1.1 lists name their validity period issuanceDate / expirationDate.
  const from = read("validFrom", list.validFrom ?? list.issuanceDate);
  if (!from.ok) return from;
  const until = read("validUntil", list.validUntil ?? list.expirationDate);
  if (!until.ok) return until;
  if (from.value && now < from.value) {
    return err("STATUS_LIST_INVALID", "the status list is not valid yet", {
      validFrom: from.value.toISOString(),
    });
  }
  if (until.value && now > until.value) {
    return err("STATUS_LIST_INVALID", "the status list has expired", {
      validUntil: until.value.toISOString(),
    });
  }
  return ok(true);
}
