/** The language of the CLI's report: --lang, else the POSIX locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), else English. */
import { negotiateLanguage, SUPPORTED_LANGUAGES } from "@learnbridge/i18n";
import { UsageError } from "./errors.ts";

export function chooseLanguage(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (flag !== undefined) {
    const chosen = negotiateLanguage([flag]);
    if (!chosen)
      throw new UsageError(
        `--lang ${flag} is not supported; choose one of ${SUPPORTED_LANGUAGES.join(", ")}`,
      );
    return chosen;
  }
  // LANGUAGE is a colon-separated list of preferences (GNU gettext); "C" and "POSIX" mean no preference.
  const tags = [env.LC_ALL, env.LC_MESSAGES, env.LANG, ...(env.LANGUAGE ?? "").split(":")].filter(
    (tag): tag is string => !!tag && tag !== "C" && tag !== "POSIX" && !tag.startsWith("C."),
  );
  return negotiateLanguage(tags) ?? "en";
}
