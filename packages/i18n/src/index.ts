/**
 * @learnbridge/i18n: Learnbridge's messages in English, Chinese, French, Spanish, Arabic and Swahili, an
 * i18next factory, language negotiation, and the words for a verification report.
 */
export {
  CHECK_CODES,
  CHECK_NAMES,
  type CheckName,
  DOCUMENT_CODES,
  ERROR_CODES,
  EXTRA_KEYS,
  INFO_CODES,
  MESSAGE_VARIABLES,
  requiredKeys,
  VERDICTS,
  type Verdict,
} from "./catalog.ts";
export { type CreateI18nOptions, createI18n } from "./create-i18n.ts";
export {
  type CheckExplanation,
  type CheckOutcome,
  describeCheck,
  type ExplainableCheck,
  type ExplainableReport,
  type ExplainOptions,
  explainReport,
  OUTCOME_MARKS,
  type ReportExplanation,
  type Translate,
  verdictOf,
} from "./explain.ts";
export {
  MESSAGES,
  type Messages,
  RTL_LANGUAGES,
  SUPPORTED_LANGUAGES,
  type SupportedLanguage,
} from "./locales/index.ts";
export { negotiateLanguage, parseAcceptLanguage } from "./negotiate.ts";
