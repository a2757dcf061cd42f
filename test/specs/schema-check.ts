/**
 * The check behind test/specs/wallet-messages.test.ts: every JSON Schema of specs/schemas/exchange (and the
 * verification report they refer to) in one validator set, `expectValid` that fails a test on any mismatch,
 * and the small decoders a wallet needs to look inside what the node sends (compact JWTs, forms, links).
 *
 * With `CAPTURE_WALLET_MESSAGES=<file>` set, every checked message is also written there, by schema: the raw
 * material of the wire examples in specs/wallets.md.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
// The validator the credential engine uses (an interpreter, fit for Workers); not a dependency of the tests' root.
import { Validator } from "@cfworker/json-schema";
import { expect } from "vitest";

const SCHEMAS = new URL("../../specs/schemas/", import.meta.url);
/** The `$id` prefix of the exchange schemas; a schema's name is its file name without `.schema.json`. */
export const EXCHANGE_SCHEMA_BASE = "https://w3id.org/learnbridge/schemas/exchange/";

type Json = Record<string, unknown>;
const read = (url: URL): Json => JSON.parse(readFileSync(url, "utf8"));

const exchangeSchemas = new Map(
  readdirSync(new URL("exchange/", SCHEMAS))
    .filter((file) => file.endsWith(".schema.json"))
    .map((file) => [file.slice(0, -".schema.json".length), read(new URL(`exchange/${file}`, SCHEMAS))]),
);
const report = read(new URL("verification-report.schema.json", SCHEMAS));

/** The names of every exchange schema on disk. */
export const schemaNames = (): string[] => [...exchangeSchemas.keys()].sort();

const validators = new Map<string, Validator>();

/** A validator for schema `name` (or a pointer into it, `name#/$defs/x`) that resolves every other one. */
export function validatorOf(name: string): Validator {
  const known = validators.get(name);
  if (known) return known;
  const [file = "", pointer] = name.split("#");
  const schema = exchangeSchemas.get(file);
  if (!schema) throw new Error(`no schema specs/schemas/exchange/${file}.schema.json`);
  const validator = new Validator(
    pointer ? { $ref: `${EXCHANGE_SCHEMA_BASE}${file}.schema.json#${pointer}` } : schema,
    "2020-12",
    false,
  );
  for (const other of exchangeSchemas.values()) validator.addSchema(other);
  validator.addSchema(report);
  // Built once per name: each holds every schema, and messages are checked many times over.
  validators.set(name, validator);
  return validator;
}

const captured: Record<string, unknown[]> = {};

/** Asserts that `value` validates against schema `name`, naming the first errors when it does not. */
export function expectValid(name: string, value: unknown, what = name): void {
  const result = validatorOf(name).validate(value);
  const errors = result.valid
    ? []
    : result.errors.slice(0, 4).map((e) => `${e.instanceLocation}: ${e.error} (${e.keywordLocation})`);
  expect(errors, `${what}: ${JSON.stringify(value).slice(0, 400)}`).toEqual([]);
  captured[name] = [...(captured[name] ?? []), value];
}

/** True when `value` validates against `name`: for the checks that a schema does refuse. */
export const isValid = (name: string, value: unknown): boolean => validatorOf(name).validate(value).valid;

/** Writes what was checked to `CAPTURE_WALLET_MESSAGES`, when it is set. */
export function writeCaptured(): void {
  const file = process.env.CAPTURE_WALLET_MESSAGES;
  if (file) writeFileSync(file, `${JSON.stringify(captured, null, 2)}\n`);
}

/** The protected header and payload of a compact JWS, as `{ header, payload }`. */
export function decodeJwt(jwt: string): { header: Json; payload: Json } {
  const [header = "", payload = ""] = jwt.split(".");
  const part = (b64: string) => JSON.parse(Buffer.from(b64, "base64url").toString("utf8"));
  return { header: part(header), payload: part(payload) };
}

/** A form-encoded body as an object (each name once), as the schemas of form messages describe it. */
export const formFields = (body: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(body));

/** The JSON body of a response, after checking its status and media type. */
export async function jsonOf(response: Response, status: number, mediaType = "application/json") {
  const body = await response.text();
  expect(
    { status: response.status, type: response.headers.get("content-type")?.split(";")[0] },
    body,
  ).toEqual({
    status,
    type: mediaType,
  });
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked against their schemas, then read.
  return JSON.parse(body) as any;
}
