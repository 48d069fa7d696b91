"""Reference for `npm run bench:scale`: the paper's per-recording analysis restated in numpy.

For each WAV file named on the command line (16-bit PCM): mono mixdown, its mean removed, an STFT
with a periodic Hann window (n_fft 2048, hop 512, frames centred with reflect padding), then per
bin the mean over frames of log|S| (magnitudes floored at 1e-10) and of |S|. The summaries are
saved to the .npy file given with --out, as the workbench stores its own. Prints the seconds of
audio analysed and the wall time, as JSON.
"""

import json
import sys
import time
import wave

import numpy as np

N_FFT = 2048
HOP = 512


def read_wav(path):
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2:
            raise SystemExit(f"{path}: only 16-bit PCM is read here")
        channels = w.getnchannels()
        rate = w.getframerate()
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    x = data.reshape(-1, channels).astype(np.float32) / 32768.0
    return x.mean(axis=1), rate


def summary(y):
    y = y - y.mean()
    padded = np.pad(y, N_FFT // 2, mode="reflect")
    frames = 1 + len(y) // HOP
    idx = np.arange(N_FFT)[None, :] + HOP * np.arange(frames)[:, None]
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)
    spec = np.abs(np.fft.rfft(padded[idx] * window, axis=1))
    mean_log = 0.5 * np.log(spec**2 + 1e-20)
    return mean_log.mean(axis=0), spec.mean(axis=0)


def main(argv):
    out = None
    if "--out" in argv:
        i = argv.index("--out")
        out = argv[i + 1]
        argv = argv[:i] + argv[i + 2 :]
    start = time.perf_counter()
    seconds = 0.0
    rows = []
    for path in argv:
        y, rate = read_wav(path)
        seconds += len(y) / rate
        mean_log, mean_mag = summary(y)
        rows.append(np.concatenate([mean_log, mean_mag]).astype(np.float32))
    if out:
        np.save(out, np.stack(rows))
    wall = time.perf_counter() - start
    print(json.dumps({"files": len(argv), "seconds": seconds, "wallSeconds": wall}))


if __name__ == "__main__":
    main(sys.argv[1:])
