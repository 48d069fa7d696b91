// The services' failure kinds: defined with the contract (src-shared/api/errors.ts), so that the
// layers below (fs/) can throw them too.
export { InvalidInputError, NotFoundError } from '@shared/api/errors'
