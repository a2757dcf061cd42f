/**
 * What a node needs to publish its own catalogue: the course records and the node's signed feed, which the
 * records are published to in the same write (the two ports must share one database), and how long the
 * feed keeps its events.
 */
import type { CourseRepository } from "@learnbridge/catalogue";
import type { FeedLog, RetentionPolicy } from "@learnbridge/federation";

export interface CatalogueFeature {
  /** Publishes every stored version to `feed` in the same atomic write. */
  readonly courses: CourseRepository;
  readonly feed: FeedLog;
  /** How long events stay servable to followers; default `DEFAULT_RETENTION` (10,000 events, 30 days). */
  readonly retention?: RetentionPolicy;
}
