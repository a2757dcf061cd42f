/**
 * `wallet present <request link> [--credential <id or number>]`: shows the learner who asks for what, lets
 * them choose which credential to share (or share nothing), and sends it (OpenID4VP).
 */

import {
  declinePresentationRequest,
  openPresentationRequest,
  sharePresentation,
} from "../../oid4vp/answer-request.ts";
import type { CandidateAnswer, PresentationChoice } from "../../oid4vp/match-credentials.ts";
import type { StoredCredential } from "../../storage/credential-store.ts";
import { CliFailure, UsageError } from "../cli-failure.ts";
import { findCredential, formatName, nameOf, partyOf } from "../display.ts";
import type { CliIo } from "../io.ts";
import { openCliWallet } from "../wallet-location.ts";
import { type Command, parse } from "./command.ts";

/** The learner's pick for one choice: from `--credential`, else asked; undefined = share nothing. */
async function pick(
  choice: PresentationChoice,
  given: readonly StoredCredential[],
  io: CliIo,
): Promise<CandidateAnswer | undefined> {
  if (given.length) {
    const chosen = choice.candidates.find((c) => given.some((g) => g.id === c.credential.id));
    if (!chosen)
      throw new CliFailure("The credential you named does not answer this request. Nothing was shared.");
    return chosen;
  }
  io.out("You can share one of these:");
  choice.candidates.forEach((c, i) => {
    io.out(
      `  ${i + 1}. ${nameOf(c.credential)}, from ${c.credential.issuerName ?? c.credential.issuer} (${formatName(c.credential.format)})`,
    );
  });
  for (;;) {
    const answer = (
      await io.ask("Type the number of the one to share, or just press Enter to share nothing: ")
    )?.trim();
    if (!answer) return undefined;
    const chosen = /^\d+$/.test(answer) ? choice.candidates[Number(answer) - 1] : undefined;
    if (chosen) return chosen;
    io.out(`Please type a number from 1 to ${choice.candidates.length}.`);
  }
}

export const present: Command = {
  help: `Usage: pnpm wallet present '<request link>' [--credential <number or id>] [--allow-loopback]

Answers an employer's request to see a credential. The link starts with openid4vp:// (put it in quotes).
You choose what to share; nothing is sent without your choice. --credential chooses in advance.`,
  async run(args, io) {
    const { values, positionals } = parse(args, { credential: { type: "string", multiple: true } });
    if (positionals.length !== 1) throw new UsageError("give exactly one request link");
    const { wallet, client } = await openCliWallet(values, io);
    try {
      const all = await wallet.credentials.list();
      const given = (values.credential ?? []).map((reference) => {
        const found = findCredential(all, reference);
        if (!found)
          throw new CliFailure(`There is no credential ${reference} in your wallet. Nothing was shared.`);
        return found;
      });
      const opened = await openPresentationRequest(wallet, positionals[0] as string);
      const { request } = opened;
      const who = request.verifierName
        ? `"${request.verifierName}" (at ${partyOf(request.verifierDid)})`
        : partyOf(request.verifierDid);
      io.out(`${who} asks to see a credential.`);
      io.out("They will see the whole credential you choose, and that it is yours.");
      const chosen: CandidateAnswer[] = [];
      for (const choice of opened.choices) {
        const answer = await pick(choice, given, io);
        if (!answer) {
          await declinePresentationRequest(wallet, opened);
          io.out("Nothing was shared. The employer was told you declined.");
          return 0;
        }
        chosen.push(answer);
      }
      await sharePresentation(wallet, opened, chosen);
      for (const { credential } of chosen)
        io.out(`Shared "${nameOf(credential)}" with ${partyOf(request.verifierDid)}.`);
      io.out("The employer can now check it.");
      return 0;
    } finally {
      client.close();
    }
  },
};
