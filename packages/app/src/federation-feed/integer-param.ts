import type { Context } from "hono";
import type { AppEnv } from "../deps.ts";
import { badRequest } from "../json-body.ts";

/** A query parameter as an integer in [min, max], or `fallback` when absent; a 400 otherwise. */
export function integerParam(
  c: Context<AppEnv>,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const text = c.req.query(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max)
    throw badRequest(name, `must be an integer from ${min} to ${max}`);
  return value;
}
