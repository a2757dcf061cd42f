/** Who made a change, as the audit log records it. */

/** An API key id, `cli` or `system`; and where the change came from (the client address over HTTP). */
export interface Actor {
  readonly actor: string;
  readonly origin?: string;
}

/** The actor's part of an audit entry. */
export const auditedBy = (who: Actor): { actor: string; origin?: string } => ({
  actor: who.actor,
  ...(who.origin ? { origin: who.origin } : {}),
});
