/** Calls a centre's HTTP API as its staff (the bootstrap admin token), failing loudly on an unexpected answer. */

/** A centre reached over HTTP. */
export interface Reachable {
  readonly url: string;
  readonly adminToken: string;
}

export interface CallOptions {
  readonly method?: string;
  readonly body?: unknown;
  /** Statuses that count as success; default 200 and 201. */
  readonly expect?: readonly number[];
  /** Call without the token, as the public would. */
  readonly anonymous?: boolean;
}

/** The answer's status and JSON body (undefined when it has none). */
export interface CallResult {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the example reads answers field by field.
  readonly body: any;
}

/** One call; throws with the answer when its status is not expected. */
export async function call(centre: Reachable, path: string, options: CallOptions = {}): Promise<CallResult> {
  const response = await fetch(`${centre.url}${path}`, {
    method: options.method ?? (options.body === undefined ? "GET" : "POST"),
    headers: {
      ...(options.anonymous ? {} : { authorization: `Bearer ${centre.adminToken}` }),
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (!(options.expect ?? [200, 201]).includes(response.status)) {
    throw new Error(
      `${options.method ?? "GET"} ${centre.url}${path}: HTTP ${response.status} ${text.slice(0, 600)}`,
    );
  }
  return { status: response.status, body };
}
