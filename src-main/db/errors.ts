/** A project file that cannot be opened as asked: missing, foreign, corrupt or from a newer app. */
export class ProjectFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`)
    this.name = 'ProjectFileError'
  }
}
