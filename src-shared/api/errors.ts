// Failures that the transports report with their own code (4xx in browser mode): whatever else
// is thrown is a plain failure (500). Both carry a message that names the thing and the fix.
// Any layer may throw them; the backend maps them onto the contract's error codes.

/** Something asked for by id or path that the project does not have (any more). */
export class NotFoundError extends Error {
  override name = 'NotFoundError'
}

/** A request that cannot be carried out as given (a folder that does not exist, a bad value). */
export class InvalidInputError extends Error {
  override name = 'InvalidInputError'
}
