/** The assertion every error answer must pass: RFC 9457 problem JSON with a code from the closed set. */
import { ERROR_HTTP_STATUS, isErrorCode } from "@learnbridge/core";
import { expect } from "vitest";

/** Asserts a problem with `status` (and `code` when given) and returns its body. */
export async function expectProblem(response: Response, status: number, code?: string) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const body = (await response.json()) as Record<string, unknown>;
  expect({ status: response.status, code: body.code }).toEqual({ status, code: code ?? body.code });
  expect(isErrorCode(body.code)).toBe(true);
  // Verification failures are 422 whatever their code; everything else follows the one table.
  if (status !== 422) expect(ERROR_HTTP_STATUS[body.code as keyof typeof ERROR_HTTP_STATUS]).toBe(status);
  expect(body).toMatchObject({
    type: `https://w3id.org/learnbridge/errors#${body.code}`,
    status,
    title: expect.any(String),
    detail: expect.any(String),
  });
  return body;
}
