import { execFile } from "node:child_process";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeIssuer } from "../testing/fake-issuer.ts";
import { fakeVerifier } from "../testing/fake-verifier.ts";
import { scriptedIo } from "../testing/scripted-io.ts";
import { type LoopbackServer, serveOnLoopback } from "../testing/serve.ts";
import { run } from "./main.ts";

const PASSPHRASE = "a passphrase for the test";
const OB_IRI = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential";

let dir: string;
let issuer: Awaited<ReturnType<typeof fakeIssuer>>;
let pinIssuer: Awaited<ReturnType<typeof fakeIssuer>>;
let verifier: Awaited<ReturnType<typeof fakeVerifier>>;
const servers: LoopbackServer[] = [];

async function served<T extends { handle: (r: Request) => Promise<Response> }>(
  make: (origin: string) => Promise<T>,
) {
  let handle: (request: Request) => Promise<Response> = async () => new Response("", { status: 503 });
  const server = await serveOnLoopback((request) => handle(request));
  servers.push(server);
  const made = await make(server.url);
  handle = made.handle;
  return made;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "learnbridge-wallet-cli-"));
  issuer = await served((origin) => fakeIssuer(origin));
  pinIssuer = await served((origin) => fakeIssuer(origin, { pin: "024680" }));
  verifier = await served(fakeVerifier);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Runs the CLI with the wallet in `dir`/name and the passphrase in the environment. */
async function wallet(
  name: string,
  argv: string[],
  answers: string[] = [],
  env: Record<string, string> = {},
) {
  const session = scriptedIo(
    { LEARNBRIDGE_WALLET_PASSPHRASE: PASSPHRASE, LANG: "en_GB.UTF-8", ...env },
    answers,
  );
  const status = await run([...argv, "--wallet", join(dir, name), "--allow-loopback"], session.io);
  return { status, ...session };
}

describe("pnpm wallet", () => {
  it("init makes a private wallet with a did:key once, and refuses to overwrite it", async () => {
    const first = await wallet("a", ["init"]);
    expect(first.status).toBe(0);
    expect(first.text()).toMatch(/Your identifier: did:key:z6Mk/);
    expect((await stat(join(dir, "a", "wallet.db"))).mode & 0o777).toBe(0o600);
    const again = await wallet("a", ["init"]);
    expect(again.status).toBe(1);
    expect(again.errors()).toContain("There is already a wallet");
  });

  it("asks for a new passphrase twice and refuses a short or mismatched one", async () => {
    const mismatch = scriptedIo({}, ["first passphrase", "second passphrase"]);
    expect(await run(["init", "--wallet", join(dir, "p")], mismatch.io)).toBe(1);
    expect(mismatch.errors()).toContain("not the same");
    const short = scriptedIo({}, ["short", "short"]);
    expect(await run(["init", "--wallet", join(dir, "p")], short.io)).toBe(1);
    expect(short.errors()).toContain("at least 8");
    const good = scriptedIo({}, ["long enough pass", "long enough pass"]);
    expect(await run(["init", "--wallet", join(dir, "p")], good.io)).toBe(0);
    const wrong = scriptedIo({}, ["long enough pasS"]);
    expect(await run(["list", "--wallet", join(dir, "p")], wrong.io)).toBe(1);
    expect(wrong.errors()).toContain("passphrase does not open this wallet");
  });

  it("accepts offers in both formats (one with a PIN typed when asked), lists and shows them in the learner's language", async () => {
    const ldp = await wallet("a", ["accept", issuer.offer(["badge_ldp_vc"]), "--lang", "zh-CN"]);
    expect(ldp.status, ldp.errors()).toBe(0);
    expect(ldp.text()).toContain('Saved: "数据分析基础" from 假开放学习中心');
    expect(ldp.text()).toContain("Checked and fine: the signature, the issuer, the dates");

    const jwt = await wallet("a", ["accept", pinIssuer.offer(["badge_jwt_vc_json"])], ["024680"]);
    expect(jwt.status, jwt.errors()).toBe(0);
    expect(jwt.asked).toEqual(["Type the PIN (6 digits): "]);
    expect(jwt.text()).toContain("sent you a PIN separately (The PIN in your e-mail)");

    const listed = await wallet("a", ["list"]);
    expect(listed.text()).toMatch(
      /You have 2 credentials:\n {2}1\. Data Analysis Foundations\n {5}from Fake Open Learning Centre, received \d+ \w+ \d{4} \(signed JWT\)/,
    );
    const shown = await wallet("a", ["show", "2"]);
    expect(shown.text()).toContain("Secured by:  Data Integrity proof");
    expect(shown.text()).toContain('"proof"');
    expect((await wallet("a", ["show", "9"])).status).toBe(1);
  });

  it("explains a wrong PIN and a missing one in plain words", async () => {
    const wrong = await wallet("a", ["accept", pinIssuer.offer(["badge_ldp_vc"]), "--pin", "111111"]);
    expect(wrong.status).toBe(1);
    expect(wrong.errors()).toMatch(
      /wrong transaction code[\s\S]*Ask for a new link|used already, or it has expired/,
    );
    const none = await wallet("a", ["accept", pinIssuer.offer(["badge_ldp_vc"])]);
    expect(none.status).toBe(1);
    expect(none.errors()).toContain("add it with --pin");
  });

  it("presents: shows who asks, lets the learner choose by number, and the verifier verifies it", async () => {
    const query = {
      credentials: [
        { id: "badge", format: "ldp_vc", meta: { type_values: [[OB_IRI]] } },
        { id: "badge_jwt", format: "jwt_vc_json", meta: { type_values: [[OB_IRI]] } },
      ],
      credential_sets: [{ options: [["badge"], ["badge_jwt"]] }],
    };
    const { link, id } = verifier.createRequest({ query, clientName: "Acme HR" });
    const shared = await wallet("a", ["present", link], ["7", "2"]);
    expect(shared.status, shared.errors()).toBe(0);
    expect(shared.text()).toContain('"Acme HR" (at 127.0.0.1:');
    expect(shared.text()).toContain("Please type a number from 1 to 2.");
    const reports = verifier.answers.get(id)?.reports ?? {};
    expect(
      Object.values(reports)
        .flat()
        .map((r) => r.verified),
    ).toEqual([true]);

    const declined = verifier.createRequest({ query });
    const no = await wallet("a", ["present", declined.link], [""]);
    expect(no.text()).toContain("Nothing was shared");
    expect(verifier.answers.get(declined.id)?.form.get("error")).toBe("access_denied");

    const byFlag = verifier.createRequest({
      query: { ...query, credential_sets: undefined, credentials: [query.credentials[0]] },
    });
    const flagged = await wallet("a", ["present", byFlag.link, "--credential", "2"]);
    expect(flagged.status, flagged.errors()).toBe(0);
    expect(flagged.asked).toEqual([]);
  });

  it("backs up and restores into a new place; a wrong passphrase changes nothing", async () => {
    const file = join(dir, "backup.json");
    const exported = await wallet("a", ["backup", "export", file]);
    expect(exported.status, exported.errors()).toBe(0);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await wallet("a", ["backup", "export", file])).errors()).toContain("already exists");

    const wrong = await wallet("b", ["backup", "import", file], [], {
      LEARNBRIDGE_WALLET_PASSPHRASE: "not the one at all",
    });
    expect(wrong.status).toBe(1);
    expect(wrong.errors()).toContain("That passphrase does not open this backup. Nothing was changed.");
    await expect(stat(join(dir, "b", "wallet.db"))).rejects.toThrow();

    const restored = await wallet("b", ["backup", "import", file]);
    expect(restored.status, restored.errors()).toBe(0);
    expect(restored.text()).toContain("Credentials: 2 added (2 in the backup)");
    expect((await wallet("b", ["list"])).text()).toContain("You have 2 credentials");
    expect((await wallet("b", ["did", "list"])).text()).toBe((await wallet("a", ["did", "list"])).text());

    // Into an existing wallet with another passphrase: asked for the backup's, refused when wrong.
    await wallet("c", ["init"], [], { LEARNBRIDGE_WALLET_PASSPHRASE: "wallet c passphrase" });
    const asked = await wallet("c", ["backup", "import", file], ["still wrong"], {
      LEARNBRIDGE_WALLET_PASSPHRASE: "wallet c passphrase",
    });
    expect(asked.status).toBe(1);
    expect(asked.asked).toEqual(["This backup has another passphrase. Type it: "]);
    expect(
      (await wallet("c", ["list"], [], { LEARNBRIDGE_WALLET_PASSPHRASE: "wallet c passphrase" })).text(),
    ).toContain("no credentials");
    await writeFile(join(dir, "junk.json"), "{}");
    expect((await wallet("a", ["backup", "import", join(dir, "junk.json")])).errors()).toContain(
      "not a readable wallet backup",
    );
    expect(JSON.parse(await readFile(file, "utf8")).format).toBe("learnbridge-wallet-backup");
  });

  it("removes a credential only after the learner types yes (or with --yes), and says what it removed", async () => {
    expect((await wallet("r", ["init"])).status).toBe(0);
    for (const format of ["badge_ldp_vc", "badge_jwt_vc_json"]) {
      expect((await wallet("r", ["accept", issuer.offer([format])])).status).toBe(0);
    }
    const ids = async () =>
      [...(await wallet("r", ["list"])).text().matchAll(/^ {2,}id: +(\S+)$/gm)].map((m) => m[1]);
    const before = await ids();
    expect(before).toHaveLength(2);

    const declined = await wallet("r", ["remove", "1"], ["no"]);
    expect(declined.status).toBe(0);
    expect(declined.asked[0]).toMatch(/^Remove ".+" from .+\? Type yes to remove it: $/);
    expect(declined.text()).toContain("Nothing was removed.");
    const unanswered = await wallet("r", ["remove", "1"], []);
    expect(unanswered.text()).toContain("Nothing was removed.");
    expect(await ids()).toEqual(before);

    const removed = await wallet("r", ["remove", "1"], ["yes"]);
    expect(removed.status).toBe(0);
    expect(removed.text()).toMatch(/^Removed ".+" from .+\.$/m);
    expect(await ids()).toEqual(before.slice(1));

    const byId = await wallet("r", ["remove", before[1] as string, "--yes"]);
    expect(byId.status).toBe(0);
    expect(byId.asked).toEqual([]);
    expect((await wallet("r", ["list"])).text()).toContain("Your wallet has no credentials yet");

    const missing = await wallet("r", ["remove", "1", "--yes"]);
    expect(missing.status).toBe(1);
    expect(missing.errors()).toContain("There is no credential 1 in your wallet");
    expect((await wallet("r", ["remove"])).status).toBe(2);
  });

  it("runs as its own process: `pnpm wallet` is node on main.ts, with the exit status of the command", async () => {
    const main = new URL("./main.ts", import.meta.url).pathname;
    const exec = (args: string[], env: Record<string, string>) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [main, ...args],
          { env: { PATH: process.env.PATH ?? "", ...env } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
      });
    const where = join(dir, "process");
    const made = await exec(["init", "--wallet", where], { LEARNBRIDGE_WALLET_PASSPHRASE: PASSPHRASE });
    expect(made.code, made.stderr).toBe(0);
    const listed = await exec(["did", "list"], {
      LEARNBRIDGE_WALLET: where,
      LEARNBRIDGE_WALLET_PASSPHRASE: PASSPHRASE,
    });
    expect(listed.stdout).toMatch(/1\. did:key:z6Mk\S+ {3}\(used first\)/);
    const refused = await exec(["list", "--wallet", where], {
      LEARNBRIDGE_WALLET_PASSPHRASE: "wrong passphrase",
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("The passphrase does not open this wallet.");
  });

  it("prints help, and usage errors exit 2", async () => {
    const help = scriptedIo({});
    expect(await run(["--help"], help.io)).toBe(0);
    expect(help.text()).toContain("accept '<offer link>'");
    const unknown = scriptedIo({});
    expect(await run(["fly"], unknown.io)).toBe(2);
    const bad = scriptedIo({});
    expect(await run(["did", "create", "--method", "web"], bad.io)).toBe(2);
  });
});
