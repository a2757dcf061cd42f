/** Test helpers of @learnbridge/catalogue: the contract suites its ports' implementations run, and samples. */

export {
  SAMPLE_COURSE_CONTENT,
  SAMPLE_OWNER,
  SAMPLE_OWNER_URL,
  sampleCourse,
  sampleTombstone,
} from "../records/record-samples.ts";
export { catalogueSearchContract, type SearchHarness } from "../search/search-contract.ts";
export { SEARCH_SAMPLE_LIST, SEARCH_SAMPLES } from "../search/search-fixtures.ts";
export {
  type CourseRepositoryFactory,
  type CourseRepositoryHarness,
  courseRepositoryContract,
  type PublishedChange,
  signedCourse,
  signedTombstone,
} from "./course-repository-contract.ts";
