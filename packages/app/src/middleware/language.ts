/** Picks the language of human-readable text in a response: `?lang=` first, then Accept-Language, then English. */
import { negotiateLanguage } from "@learnbridge/i18n";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";

/** Sets `c.var.language`; the answer varies by Accept-Language. */
export function language(fallback = "en"): MiddlewareHandler<AppEnv> {
  return async function language(c, next) {
    const query = c.req.query("lang");
    const chosen =
      (query ? negotiateLanguage([query]) : undefined) ?? negotiateLanguage(c.req.header("Accept-Language"));
    c.set("language", chosen ?? fallback);
    c.header("Vary", "Accept-Language", { append: true });
    await next();
  };
}
