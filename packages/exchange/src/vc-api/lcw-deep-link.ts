/**
 * The link that opens the Learner Credential Wallet (LCW, by the Digital Credentials Consortium) on one of
 * this node's VC-API exchanges. The form current LCW releases accept, their "wallet API request":
 *
 *   https://lcw.app/request?request=<percent-encoded JSON>
 *   JSON: {"credentialRequestOrigin": "<the centre's origin>", "protocols": {"vcapi": "<exchange URL>"}}
 *
 * LCW shows the learner who is offering (the origin), POSTs `{}` to the `vcapi` URL, answers the
 * DIDAuthentication request with a presentation signed by the DID the learner picks (challenge and domain
 * of the request), and keeps the credentials of the presentation it gets back. `https://lcw.app/request` is
 * a universal (app) link: on a phone with LCW it opens the app, elsewhere it is a page that says how to get
 * it. `dccrequest://request?request=…` is the same request under LCW's own scheme, for places that do not
 * follow universal links (some in-app browsers); `scheme: "dccrequest"` makes that one.
 *
 * Deliberately not made: the legacy form `https://lcw.app/request.html?issuer=…&auth_type=bearer&challenge=…
 * &vc_request_url=…`, in which the wallet POSTs a bare presentation over a challenge the link itself carries.
 * It needs a challenge minted before any wallet is involved, and it binds no domain.
 */

/** What `lcwDeepLinkOf` needs. */
export interface LcwDeepLinkInput {
  /** The exchange URL: what the exchange lists as `protocols.vcapi`. */
  readonly exchangeUrl: string;
  /** Who the wallet says is offering; default the exchange URL's origin. */
  readonly origin?: string;
  /** `https` (default): the universal link; `dccrequest`: LCW's custom scheme. */
  readonly scheme?: "https" | "dccrequest";
}

const PREFIXES = { https: "https://lcw.app/request", dccrequest: "dccrequest://request" } as const;

const httpUrl = (value: unknown, what: string): URL => {
  if (typeof value !== "string" || !URL.canParse(value))
    throw new TypeError(`lcwDeepLinkOf: ${what} must be a URL`);
  const url = new URL(value);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`lcwDeepLinkOf: ${what} must be an http(s) URL`);
  }
  return url;
};

/**
 * The LCW deep link for a VC-API exchange.
 * @example lcwDeepLinkOf({ exchangeUrl: "https://centre.example/workflows/claim/exchanges/abc" })
 *   // https://lcw.app/request?request=%7B%22credentialRequestOrigin%22%3A%22https%3A%2F%2Fcentre.example%22…
 */
export function lcwDeepLinkOf(input: LcwDeepLinkInput): string {
  const exchangeUrl = httpUrl(input?.exchangeUrl, "exchangeUrl");
  const origin = input.origin === undefined ? exchangeUrl.origin : httpUrl(input.origin, "origin").origin;
  const prefix = PREFIXES[input.scheme ?? "https"];
  if (!prefix) throw new TypeError(`lcwDeepLinkOf: unknown scheme ${String(input.scheme)}`);
  const request = { credentialRequestOrigin: origin, protocols: { vcapi: exchangeUrl.href } };
  return `${prefix}?request=${encodeURIComponent(JSON.stringify(request))}`;
}
