// Failures that the transports report with their own code: whatever else a service throws is a
// plain failure. Both carry a message that names the thing and the fix.

/** Something asked for by id or path that the project does not have (any more). */
export class NotFoundError extends Error {
  override name = 'NotFoundError'
}

/** A request that cannot be carried out as given (a label rule that does not parse, say). */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError'
}
