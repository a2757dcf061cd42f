/**
 * RFC 9457 problem details: every error this app answers is `application/problem+json` with a `code` from
 * the closed set, an HTTP status from its one table, a title in the caller's language and the reason.
 * One error handler renders them all; nothing unexpected leaks past it.
 */
import { ERROR_HTTP_STATUS, type ErrorCode, LearnbridgeError } from "@learnbridge/core";
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./deps.ts";

/** The media type of problem details. */
export const PROBLEM_MEDIA_TYPE = "application/problem+json";
/** Problem `type` URIs are this plus the code. */
export const PROBLEM_TYPE_BASE = "https://w3id.org/learnbridge/errors#";

/** A problem with an HTTP status or headers of its own (a failed verification is 422 whatever its code). */
export class ProblemError extends LearnbridgeError {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    code: ErrorCode,
    detail: string,
    options: { status?: number; headers?: Record<string, string>; extras?: Record<string, unknown> } = {},
  ) {
    super(code, detail, options.extras ?? {});
    this.status = options.status ?? ERROR_HTTP_STATUS[code];
    this.headers = options.headers ?? {};
  }
}

/** Titles of problems in a language: `error.<CODE>` from the message catalogue. */
export type ProblemTitles = (language: string, code: ErrorCode) => string;

const RESERVED = new Set(["type", "title", "status", "code", "detail", "instance"]);
const STATUS_CODES: Readonly<Record<number, ErrorCode>> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
};

interface Problem {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly status: number;
  readonly extras: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
}

/** Renders one problem in the request's language. */
export function problemResponse(c: Context<AppEnv>, titles: ProblemTitles, problem: Problem): Response {
  const language = c.get("language") ?? "en";
  const extras = Object.fromEntries(Object.entries(problem.extras).filter(([key]) => !RESERVED.has(key)));
  const body = {
    type: `${PROBLEM_TYPE_BASE}${problem.code}`,
    title: titles(language, problem.code),
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
    ...extras,
    ...(c.get("requestId") ? { requestId: c.get("requestId") } : {}),
  };
  return c.body(JSON.stringify(body), problem.status as 400, {
    ...problem.headers,
    "Content-Type": PROBLEM_MEDIA_TYPE,
    "Content-Language": language,
    "Cache-Control": "no-store",
  });
}

/** The one error handler: domain errors as themselves, Hono's by status, anything else as INTERNAL. */
export function problemErrorHandler(
  titles: ProblemTitles,
  logError: (error: unknown, requestId: string | undefined) => void,
): ErrorHandler<AppEnv> {
  return function problemErrorHandler(error, c) {
    if (error instanceof LearnbridgeError && error.code !== "INTERNAL") {
      const own = error instanceof ProblemError ? error : undefined;
      return problemResponse(c, titles, {
        code: error.code,
        detail: error.message,
        status: own?.status ?? ERROR_HTTP_STATUS[error.code],
        extras: error.details,
        headers: own?.headers ?? {},
      });
    }
    const status = error instanceof HTTPException ? error.status : 500;
    const code = STATUS_CODES[status];
    if (code)
      return problemResponse(c, titles, { code, detail: error.message, status, extras: {}, headers: {} });
    logError(error, c.get("requestId"));
    return problemResponse(c, titles, {
      code: "INTERNAL",
      detail: "the request could not be completed; it has been logged",
      status: 500,
      extras: {},
      headers: {},
    });
  };
}

/** 404 for every path no route claims. */
export function problemNotFound(titles: ProblemTitles): NotFoundHandler<AppEnv> {
  return function problemNotFound(c) {
    return problemResponse(c, titles, {
      code: "NOT_FOUND",
      detail: `nothing is served at ${c.req.method} ${new URL(c.req.url).pathname}`,
      status: 404,
      extras: {},
      headers: {},
    });
  };
}
