/**
 * Builds an i18next instance with every locale loaded: synchronous, no backend, no language detector, so it
 * works the same in Workers, Node and tests. Each request picks its language with `getFixedT(lang)`.
 */
import i18next, { type InitOptions, type i18n } from "i18next";
import { MESSAGES, SUPPORTED_LANGUAGES, type SupportedLanguage } from "./locales/index.ts";

export interface CreateI18nOptions {
  /** Language used when a key is missing in the asked one; default "en". */
  readonly fallbackLng?: SupportedLanguage;
  /** The initial language; default the fallback. */
  readonly lng?: string;
  /** Placeholder for an interpolation variable nobody passed; default "—". Never throws. */
  readonly missingValue?: string;
}

/**
 * A ready i18next instance (its own, not the global one).
 * @example const t = createI18n().getFixedT("sw"); t("verdict.verified")
 */
export function createI18n(options: CreateI18nOptions = {}): i18n {
  const fallbackLng = options.fallbackLng ?? "en";
  const missingValue = options.missingValue ?? "—";
  const resources = Object.fromEntries(
    SUPPORTED_LANGUAGES.map((lng) => [lng, { translation: MESSAGES[lng] }]),
  );
  const init: InitOptions = {
    resources,
    lng: options.lng ?? fallbackLng,
    fallbackLng,
    supportedLngs: [...SUPPORTED_LANGUAGES],
    // zh-CN, fr-CA… resolve to the base language without a warning.
    nonExplicitSupportedLngs: true,
    load: "languageOnly",
    initAsync: false,
    returnNull: false,
    interpolation: {
      // Messages are plain text: whoever renders HTML escapes (JSX does), so values are not escaped twice.
      escapeValue: false,
      // Values from a credential are never themselves interpolated or nested.
      skipOnVariables: true,
    },
    missingInterpolationHandler: () => missingValue,
  };
  const instance = i18next.createInstance();
  void instance.init(init);
  return instance;
}
