/** Reading a JSON request body and naming what is wrong with it: 400 MALFORMED_JSON or BAD_REQUEST. */
import type { Context } from "hono";
import type { AppEnv } from "./deps.ts";
import { ProblemError } from "./problem.ts";

/** True for a plain JSON object. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A 400 naming the field of the request that is wrong. */
export const badRequest = (field: string, message: string): ProblemError =>
  new ProblemError("BAD_REQUEST", `${field}: ${message}`, { extras: { field } });

/** The body as a JSON object; throws a 400 problem when it is missing, not JSON, or not an object. */
export async function readJsonObject(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === "") throw new ProblemError("MALFORMED_JSON", "a JSON body is required");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ProblemError("MALFORMED_JSON", `the body is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(body)) throw new ProblemError("BAD_REQUEST", "the body must be a JSON object");
  return body;
}

/** `body[field]` when it is absent or an object; a 400 otherwise. */
export function optionalObject(body: Record<string, unknown>, field: string): Record<string, unknown> {
  const value = body[field];
  if (value === undefined) return {};
  if (!isObject(value)) throw badRequest(field, "must be a JSON object");
  return value;
}

/**
 * `body[field]` when it is absent or a non-empty string of at most `max` characters; a 400 naming `path`
 * (default `field`) otherwise.
 */
export function optionalString(
  body: Record<string, unknown>,
  field: string,
  max = 2048,
  path = field,
): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value === "" || value.length > max) {
    throw badRequest(path, `must be a non-empty string of at most ${max} characters`);
  }
  return value;
}
