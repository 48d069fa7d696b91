const REASONS: Record<string, string> = {
  EACCES: 'permission denied; check its permissions',
  EPERM: 'operation not permitted; check its permissions',
  ENOENT: 'it disappeared during the scan, or a symbolic link points nowhere; fix or remove it',
  ELOOP: 'symbolic links loop; fix or remove the link',
  EIO: 'input/output error; check the disk',
  ENAMETOOLONG: 'path too long; shorten the folder names',
}

/** A short reason for a failed file-system call, without the path, with the code in brackets. */
export function describeFsError(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code === 'string' && code in REASONS) return `${REASONS[code]} (${code})`
  return e instanceof Error ? e.message : String(e)
}
