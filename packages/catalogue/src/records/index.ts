/** Course records: the model, validation, signatures, the own catalogue and its storage port. */
export {
  CATALOGUE_CONTEXT,
  CATALOGUE_CONTEXT_URL,
  CATALOGUE_RECORD_CONTEXT,
  catalogueDocumentLoader,
} from "./catalogue-context.ts";
export { catalogueColumnsOf } from "./columns.ts";
export {
  type CatalogueEntry,
  COURSE_MODES,
  type CourseContent,
  type CourseCredits,
  type CourseLevel,
  type CourseMode,
  type CourseRecord,
  type CourseTombstone,
  isTombstone,
} from "./course-record.ts";
export {
  type CatalogueAuditEntry,
  type CatalogueAuditLog,
  type CataloguePublication,
  type CataloguePublicationChange,
  type CourseQuery,
  type CourseRepository,
  courseListLimit,
  MemoryCourseRepository,
  type MemoryCourseRepositoryOptions,
  publicationChangeOf,
} from "./course-repository.ts";
export {
  type CatalogueActor,
  COURSE_SLUG,
  OwnCatalogue,
  type OwnCatalogueOptions,
} from "./own-catalogue.ts";
export {
  catalogueRecordChecker,
  type EntryFacts,
  type EntryRefusal,
  recordHashOf,
  signCatalogueEntry,
  type VerifiedEntry,
  type VerifyEntryOptions,
  verifyCatalogueEntry,
} from "./sign-record.ts";
export {
  isUnderOwner,
  type RecordCheck,
  type RecordProblem,
  recordProblemsError,
  validateCatalogueEntry,
  validateCourseContent,
} from "./validate-record.ts";
