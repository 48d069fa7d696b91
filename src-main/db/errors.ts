import { InvalidInputError } from '@shared/api/errors'

/** A project file that cannot be opened as asked: missing, foreign, corrupt or from a newer app. */
export class ProjectFileError extends InvalidInputError {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`)
    this.name = 'ProjectFileError'
  }
}
