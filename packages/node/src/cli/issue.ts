/** `learnbridge issue`: signs a credential (or an achievement input) with a key file. */
import { parseArgs } from "node:util";
import { LearnbridgeError } from "@learnbridge/core";
import { issueCredential } from "@learnbridge/credentials";
import { ACHIEVEMENT_INPUT_HELP } from "./achievement-input.ts";
import { CommandFailure, UsageError } from "./errors.ts";
import { type CliIo, readJson, writeOutput } from "./io.ts";
import { loadKey } from "./key-file.ts";
import { prepareUnsignedCredential } from "./unsigned-credential.ts";

export const ISSUE_HELP = `Usage: learnbridge issue <input.json|-> --key key.json [--format ldp_vc|jwt_vc]
                        [--suite eddsa-rdfc-2022|eddsa-jcs-2022] [--out signed.json]

Signs a credential. The input is either
  - an unsigned VC 2.0 credential: when its issuer is missing, "" or "auto", it becomes the key's DID;
    a missing "id" becomes a urn:uuid and a missing "validFrom" the current time; or
  - an achievement input, built into an Open Badges 3.0 AchievementCredential.
  --key     key file from 'learnbridge keygen'
  --format  ldp_vc: JSON with a Data Integrity proof (default for Ed25519 keys)
            jwt_vc: a VC-JOSE compact JWT (default, and the only format, for ES256 keys)
  --suite   Data Integrity cryptosuite for ldp_vc (default eddsa-rdfc-2022)
  --out     where to write the signed credential (default: stdout)

${ACHIEVEMENT_INPUT_HELP}`;

const SUITES = ["eddsa-rdfc-2022", "eddsa-jcs-2022"] as const;

export async function issue(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      key: { type: "string" },
      format: { type: "string" },
      suite: { type: "string" },
      out: { type: "string" },
    },
    allowPositionals: true,
    strict: true,
  });
  const [input, ...extra] = positionals;
  if (!input || extra.length) throw new UsageError("issue takes exactly one input file (or - for stdin)");
  if (!values.key)
    throw new UsageError("--key is required (create one with: learnbridge keygen --out key.json)");
  if (values.format !== undefined && values.format !== "ldp_vc" && values.format !== "jwt_vc") {
    throw new UsageError(`--format must be ldp_vc or jwt_vc, not ${values.format}`);
  }
  const suite = values.suite as (typeof SUITES)[number] | undefined;
  if (suite !== undefined && !SUITES.includes(suite)) {
    throw new UsageError(`--suite must be one of ${SUITES.join(", ")}, not ${values.suite}`);
  }
  const key = await loadKey(await readJson(values.key, io), values.key);
  const format = values.format ?? (key.algorithm === "ES256" ? "jwt_vc" : "ldp_vc");
  if (format === "ldp_vc" && key.algorithm !== "EdDSA") {
    throw new UsageError("Data Integrity (ldp_vc) needs an Ed25519 key here; use --format jwt_vc with ES256");
  }
  if (format === "jwt_vc" && suite) throw new UsageError("--suite applies to --format ldp_vc only");

  const now = new Date();
  const { credential, notes } = await prepareUnsignedCredential(await readJson(input, io), key.did, now);
  for (const note of notes) io.err(`note: ${note}`);
  try {
    const issued = await issueCredential(credential, {
      signer: key.signer,
      format,
      clock: () => now,
      ...(suite ? { cryptosuite: suite } : {}),
    });
    const text =
      issued.format === "jwt_vc"
        ? `${issued.credential}\n`
        : `${JSON.stringify(issued.credential, null, 2)}\n`;
    await writeOutput(values.out, text, io);
  } catch (error) {
    if (error instanceof LearnbridgeError) throw new CommandFailure(describeIssueError(error));
    throw error;
  }
  if (values.out) io.err(`Wrote ${values.out} (${format}, signed by ${key.did})`);
  return 0;
}

/** The error's code and message, and every problem it lists. */
function describeIssueError(error: LearnbridgeError): string {
  const { problems, errors } = error.details as { problems?: unknown[]; errors?: unknown[] };
  const lines = [`cannot issue: ${error.code}: ${error.message}`];
  // The message already names the first structure problem; schema errors are all listed.
  for (const problem of [...(problems ?? []).slice(1), ...(errors ?? [])].slice(0, 20)) {
    const p = problem as { code?: string; path?: string; message?: string; error?: string };
    const where = [p.code, p.path].filter(Boolean).join(" ");
    lines.push(`  ${where}: ${p.message ?? p.error ?? JSON.stringify(problem)}`);
  }
  return lines.join("\n");
}
