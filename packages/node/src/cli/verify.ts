/** `learnbridge verify`: verifies a credential or presentation and prints the report in the reader's language. */
import { parseArgs } from "node:util";
import { fromBase64Url } from "@learnbridge/core";
import { type VerificationReport, verifyCredential, verifyPresentation } from "@learnbridge/credentials";
import { createI18n, explainReport, type ReportExplanation } from "@learnbridge/i18n";
import { UsageError } from "./errors.ts";
import { type CliIo, readInput } from "./io.ts";
import { chooseLanguage } from "./language.ts";
import { cliVerifierOptions } from "./verifier-options.ts";

export const VERIFY_HELP = `Usage: learnbridge verify <file|-> [--json] [--lang zh] [--presentation] [--challenge X]
                         [--domain Y] [--now ISO] [--offline]

Verifies a credential (JSON with a proof, or a JWT) or a presentation, and prints one line per check:
  ✓ passed   ✗ failed   ! warning   – not checked
then the verdict. Exit status: 0 verified, 1 not verified, 2 usage error.
  --json          print the report as JSON (with the localized text of each check)
  --lang          en, zh, fr, es, ar or sw (default: from LC_ALL / LANG, else en)
  --presentation  verify a presentation (detected automatically for JSON and JWT input)
  --challenge     the challenge (nonce) the presentation must be bound to
  --domain        the domain (audience) the presentation must be bound to
  --now           verify as of this ISO 8601 time instead of now
  --offline       never use the network: did:web issuers and status lists then fail to resolve
By default did:web identities and status lists are fetched over HTTPS (never from private addresses).`;

export async function verify(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      json: { type: "boolean", default: false },
      lang: { type: "string" },
      presentation: { type: "boolean", default: false },
      challenge: { type: "string" },
      domain: { type: "string" },
      now: { type: "string" },
      offline: { type: "boolean", default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  const [input, ...extra] = positionals;
  if (!input || extra.length) throw new UsageError("verify takes exactly one file (or - for stdin)");
  const lang = chooseLanguage(values.lang, io.env);
  const now = values.now === undefined ? undefined : new Date(values.now);
  if (now && Number.isNaN(now.getTime())) throw new UsageError(`--now ${values.now} is not an ISO 8601 time`);
  if (!values.presentation && (values.challenge !== undefined || values.domain !== undefined)) {
    values.presentation = true;
  }

  const text = await readInput(input, io);
  const options = cliVerifierOptions({ offline: values.offline, ...(now ? { now } : {}) });
  const report =
    values.presentation || looksLikePresentation(text)
      ? await verifyPresentation(text, {
          ...options,
          ...(values.challenge !== undefined ? { challenge: values.challenge } : {}),
          ...(values.domain !== undefined ? { domain: values.domain } : {}),
        })
      : await verifyCredential(text, options);

  const explanation = explainReport(report, createI18n().getFixedT(lang), { lng: lang });
  io.out(
    values.json
      ? `${JSON.stringify(asJson(report, explanation, lang), null, 2)}\n`
      : `${explanation.lines.join("\n")}\n`,
  );
  return report.verified ? 0 : 1;
}

/** A JSON presentation (by `type`) or a JWT whose payload is one. */
function looksLikePresentation(text: string): boolean {
  const trimmed = text.trim();
  try {
    const value = trimmed.startsWith("{")
      ? JSON.parse(trimmed)
      : JSON.parse(new TextDecoder().decode(fromBase64Url(trimmed.split(".")[1] ?? "")));
    const types = [value?.type].flat();
    return types.includes("VerifiablePresentation") || types.includes("EnvelopedVerifiablePresentation");
  } catch {
    return false;
  }
}

/** The report with the verdict and each check's localized title and text beside its code. */
function asJson(
  report: VerificationReport,
  explanation: ReportExplanation,
  lang: string,
): Record<string, unknown> {
  return {
    verified: report.verified,
    verdict: explanation.verdict,
    headline: explanation.headline,
    language: lang,
    kind: report.kind,
    securedBy: report.securedBy,
    verifiedAt: report.verifiedAt,
    checks: report.checks.map((check, i) => ({
      ...check,
      title: explanation.checks[i]?.title,
      text: explanation.checks[i]?.message,
    })),
    ...(report.credentials
      ? {
          credentials: report.credentials.map((nested, i) =>
            asJson(nested, explanation.credentials[i] as ReportExplanation, lang),
          ),
        }
      : {}),
    ...(report.document !== undefined ? { document: report.document } : {}),
  };
}
