import type { Database } from 'better-sqlite3'

/**
 * Sums of the analysed summaries per device and per pair of devices in shared alignment groups
 * (src-shared/dsp/aggregates.ts), one row per analysis setting, stamped with the recordings
 * revision they were summed at: the unaligned and aligned estimates and the devices' mean spectra
 * are read from them instead of from every recording's spectrum. Two covering indexes make the
 * Devices view's counts and coverage, summed with them, read no table row.
 */
export function up(db: Database): void {
  db.exec(`CREATE TABLE summary_aggregates (
    n_fft INTEGER NOT NULL,
    hop_length INTEGER NOT NULL,
    sample_rate INTEGER NOT NULL,
    revision INTEGER NOT NULL,       -- revisions.recordings when summed
    bins INTEGER NOT NULL,
    devices TEXT NOT NULL,           -- JSON array, sorted
    counts BLOB NOT NULL,            -- int32 LE per device
    sum_log BLOB NOT NULL,           -- float64 LE, devices × bins
    pair_segments BLOB NOT NULL,     -- int32 LE, devices × devices
    pair_recordings BLOB NOT NULL,   -- int32 LE, devices × devices
    pair_unequal BLOB NOT NULL,      -- int32 LE, devices × devices
    pair_mean_log BLOB NOT NULL,     -- float64 LE, devices × devices × bins
    ids BLOB NOT NULL,               -- int32 LE, every recording summed, ascending
    facts TEXT NOT NULL,             -- sha256 of the summed recordings' identifying facts
    devices_view TEXT NOT NULL,      -- JSON: the Devices view's counts and coverage at the revision
    PRIMARY KEY (n_fft, hop_length, sample_rate)
  ) STRICT;
  CREATE INDEX recordings_device_stats ON recordings (status, device, id, size, mtime_ms,
    duration_sec);
  CREATE INDEX recordings_group_devices ON recordings (status, grp, device);`)
}
