/** `wallet accept <offer link> [--pin 123456]`: receives credentials from a centre (OpenID4VCI). */
import { acceptCredentialOffer } from "../../oid4vci/accept-offer.ts";
import { UsageError } from "../cli-failure.ts";
import { formatName } from "../display.ts";
import { openCliWallet } from "../wallet-location.ts";
import { type Command, parse } from "./command.ts";

// The checks of the engine's report, in a learner's words (the technical ones are left out).
const CHECK_WORDS: Record<string, string> = {
  proof: "the signature",
  issuer: "the issuer",
  validity: "the dates",
  status: "not revoked",
  schema: "the format",
  trust: "the issuer's accreditation",
};

export const accept: Command = {
  help: `Usage: pnpm wallet accept '<offer link>' [--pin 123456] [--allow-loopback]

Receives the credential a learning centre offers you. The link starts with openid-credential-offer://
(put it in quotes). If the centre sent you a PIN separately, give it with --pin, or type it when asked.`,
  async run(args, io) {
    const { values, positionals } = parse(args, { pin: { type: "string" } });
    if (positionals.length !== 1) throw new UsageError("give exactly one offer link");
    const { wallet, client, languages } = await openCliWallet(values, io);
    try {
      io.out("Opening the offer...");
      const result = await acceptCredentialOffer(wallet, positionals[0] as string, {
        languages,
        ...(values.pin !== undefined ? { txCode: values.pin } : {}),
        askTxCode: async (spec, issuerName) => {
          const digits = spec.inputMode === "numeric" ? "digits" : "characters";
          io.out(
            `${issuerName ?? "The centre"} sent you a PIN separately${spec.description ? ` (${spec.description})` : ""}.`,
          );
          return io.ask(`Type the PIN${spec.length ? ` (${spec.length} ${digits})` : ""}: `);
        },
      });
      const from = result.issuerName ?? result.issuer;
      for (const received of result.credentials) {
        io.out(
          received.added
            ? `Saved: "${received.displayName}" from ${from} (${formatName(received.stored.format)}).`
            : `"${received.displayName}" from ${from} was already in your wallet.`,
        );
        const passed = received.report.checks.filter((c) => c.outcome === "pass" && CHECK_WORDS[c.name]);
        if (passed.length)
          io.out(`  Checked and fine: ${passed.map((c) => CHECK_WORDS[c.name]).join(", ")}.`);
        io.out(`  id: ${received.stored.id}`);
      }
      if (result.alternativesNotIssued.length) {
        io.out("(The centre offered it in more than one form; one is all you need.)");
      }
      io.out("See all your credentials with: pnpm wallet list");
      return 0;
    } finally {
      client.close();
    }
  },
};
