/**
 * `pnpm demo`: the credential engine in one minute. Generates a centre key, issues the example Open Badges 3.0
 * micro-credential (multilingual, with the EU micro-credential elements), then verifies it and explains every
 * check in English and in Chinese. Files go to a fresh temporary folder, printed at the end.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readProcessStdin } from "./io.ts";
import { run } from "./main.ts";

const dir = await mkdtemp(join(tmpdir(), "learnbridge-demo-"));
const io = {
  out: (text: string) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
  readStdin: readProcessStdin,
  env: process.env,
};
const step = async (title: string, argv: string[]) => {
  io.out(`\n$ learnbridge ${argv.join(" ").replaceAll(dir, "$DEMO")}   # ${title}`);
  const status = await run(argv, io);
  if (status !== 0) process.exit(status);
};

const key = join(dir, "centre-key.json");
const badge = join(dir, "badge.json");
await step("a signing key for the centre", ["keygen", "--out", key]);
await step("issue the example micro-credential", [
  "issue",
  "packages/node/examples/achievement.json",
  "--key",
  key,
  "--out",
  badge,
]);
await step("verify it, explained in English", ["verify", badge, "--lang", "en"]);
await step("and in Chinese", ["verify", badge, "--lang", "zh"]);
io.out(`\nThe key and the signed credential are in ${dir}`);
