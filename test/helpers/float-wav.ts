// Test WAV files written without the encoder's checks.

/** A float32 WAV whose samples are given (NaN allowed), written without the encoder's checks. */
export function floatWav(samples: number[]): Buffer {
  const data = Buffer.from(new Float32Array(samples).buffer)
  const h = Buffer.alloc(44)
  h.write('RIFF', 0)
  h.writeUInt32LE(36 + data.length, 4)
  h.write('WAVEfmt ', 8)
  h.writeUInt32LE(16, 16)
  h.writeUInt16LE(3, 20)
  h.writeUInt16LE(1, 22)
  h.writeUInt32LE(44100, 24)
  h.writeUInt32LE(44100 * 4, 28)
  h.writeUInt16LE(4, 32)
  h.writeUInt16LE(32, 34)
  h.write('data', 36)
  h.writeUInt32LE(data.length, 40)
  return Buffer.concat([h, data])
}
