import { describe, expect, it } from "vitest";
import { oauthErrorOf } from "./oauth-error.ts";

describe("oauthErrorOf", () => {
  it("names the OAuth error of each endpoint's vocabulary, with our code and a 401 for bad tokens", () => {
    expect(oauthErrorOf("token", "TX_CODE_LOCKED", "locked")).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "locked", code: "TX_CODE_LOCKED" },
    });
    expect(oauthErrorOf("token", "TX_CODE_REQUIRED", "x").body.error).toBe("invalid_request");
    expect(oauthErrorOf("token", "BAD_REQUEST", "x").body.error).toBe("invalid_request");
    expect(oauthErrorOf("credential", "BAD_REQUEST", "x").body.error).toBe("invalid_credential_request");
    expect(oauthErrorOf("credential", "NONCE_INVALID", "x").body.error).toBe("invalid_nonce");
    expect(oauthErrorOf("credential", "AUDIENCE_MISMATCH", "x").body.error).toBe("invalid_proof");
    expect(oauthErrorOf("credential", "GRANT_USED", "x").body.error).toBe("credential_request_denied");
    expect(oauthErrorOf("credential", "ACCESS_TOKEN_INVALID", "x")).toMatchObject({
      status: 401,
      body: { error: "invalid_token" },
    });
    expect(oauthErrorOf("token", "BAD_REQUEST", "x", "unsupported_grant_type").body.error).toBe(
      "unsupported_grant_type",
    );
  });

  it("keeps error_description to the characters RFC 6749 allows", () => {
    const { body } = oauthErrorOf("token", "TX_CODE_INVALID", 'the "PIN" \\ is wrong: 4 tries left ≥ 中');
    expect(body.error_description).toBe("the ?PIN? ? is wrong: 4 tries left ? ?");
  });
});
