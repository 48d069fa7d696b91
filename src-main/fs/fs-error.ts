// File-system failures in words: what happened to the file and what to do, with the code.
const REASONS: Record<string, string> = {
  EACCES: 'permission denied; check its permissions',
  EPERM: 'operation not permitted; check its permissions',
  ENOENT: 'it disappeared, or a symbolic link points nowhere; fix or remove it',
  ELOOP: 'symbolic links loop; fix or remove the link',
  EIO: 'input/output error; check the disk',
  ENAMETOOLONG: 'the name is too long for the file system (255 bytes at most); shorten it',
  ENOSPC: 'the disk is full; free some space and run the command again',
  EDQUOT: 'the disk quota is used up; free some space and run the command again',
  EROFS: 'the file system is read-only; choose another folder',
  EISDIR: 'a folder is in the way; move it',
  ENOTDIR: 'a file is in the way where a folder should be; move it',
  EMFILE: 'too many open files; raise the limit (ulimit -n) and run the command again',
  ENFILE: 'too many open files on this system; run the command again later',
  EBUSY: 'the file is busy; close what uses it and run the command again',
  EXDEV: 'the temporary file landed on another file system; report this',
}

/** The error's code when it is a file-system error (ENOSPC, EACCES, …). */
export function fsErrorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined
}

/** A short reason for a failed file-system call, without the path, with the code in brackets. */
export function describeFsError(e: unknown): string {
  const code = fsErrorCode(e)
  if (code && code in REASONS) return `${REASONS[code]} (${code})`
  return e instanceof Error ? e.message : String(e)
}
