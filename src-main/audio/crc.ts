// Table-driven CRCs of the containers' integrity checks, initial value 0 and no final xor: most
// significant bit first as FLAC and Ogg define them, least significant first (CRC-16/ARC) as the
// LAME tag of MP3 files does.

function table(bits: 8 | 16 | 32, poly: number): Uint32Array {
  const top = 2 ** (bits - 1)
  const mask = 2 ** bits - 1
  const t = new Uint32Array(256)
  for (let i = 0; i < 256; i++) {
    let c = i * 2 ** (bits - 8)
    for (let k = 0; k < 8; k++) c = c >= top ? (((c - top) * 2) ^ poly) >>> 0 : c * 2
    t[i] = (c & mask) >>> 0
  }
  return t
}

const CRC8 = table(8, 0x07)
const CRC16 = table(16, 0x8005)
const CRC32 = table(32, 0x04c11db7)

/** FLAC frame header CRC-8 (x^8 + x^2 + x + 1) of b[from, to) */
export function crc8(b: Uint8Array, from: number, to: number): number {
  let c = 0
  for (let i = from; i < to; i++) c = CRC8[c ^ b[i]]
  return c
}

/** FLAC frame CRC-16 (x^16 + x^15 + x^2 + 1) of b[from, to); 0 over a frame with its own CRC */
export function crc16(b: Uint8Array, from: number, to: number): number {
  let c = 0
  for (let i = from; i < to; i++) c = ((c << 8) & 0xffff) ^ CRC16[(c >>> 8) ^ b[i]]
  return c
}

/** Ogg page CRC-32 (polynomial 0x04C11DB7) of b[from, to), continuing from `crc` */
export function crc32(b: Uint8Array, from: number, to: number, crc = 0): number {
  let c = crc
  for (let i = from; i < to; i++) c = ((c << 8) ^ CRC32[(c >>> 24) ^ b[i]]) >>> 0
  return c
}

const ARC = Uint16Array.from({ length: 256 }, (_, i) => {
  let c = i
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1
  return c
})

/** CRC-16/ARC (0x8005 reflected) of b[from, to), as the LAME tag stores it */
export function crc16Arc(b: Uint8Array, from: number, to: number): number {
  let c = 0
  for (let i = from; i < to; i++) c = (c >>> 8) ^ ARC[(c ^ b[i]) & 0xff]
  return c
}
