/** Test support: a CLI io that records what is written and answers questions from a script. */
import type { CliIo } from "../cli/io.ts";

/** An io whose `ask` answers in order from `answers` (undefined once they run out). */
export function scriptedIo(env: Record<string, string | undefined>, answers: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const asked: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env,
    ask: async (question) => {
      asked.push(question);
      return answers.shift();
    },
  };
  return { io, asked, text: () => out.join("\n"), errors: () => err.join("\n"), answers };
}
