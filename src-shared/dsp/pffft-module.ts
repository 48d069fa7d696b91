/** The subset of the PFFFT Emscripten module used by `fft.ts` (pointers are byte offsets). */
export interface PffftModule {
  HEAPF32: Float32Array
  _pffft_new_setup(n: number, kind: number): number
  _pffft_destroy_setup(setup: number): void
  _pffft_transform(setup: number, input: number, output: number, work: number, dir: number): void
  _pffft_transform_ordered(
    setup: number,
    input: number,
    output: number,
    work: number,
    dir: number,
  ): void
  _pffft_zreorder(setup: number, input: number, output: number, dir: number): void
  _pffft_zconvolve_accumulate(setup: number, a: number, b: number, ab: number, scale: number): void
  _pffft_aligned_malloc(bytes: number): number
  _pffft_aligned_free(pointer: number): void
}
