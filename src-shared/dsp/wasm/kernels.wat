;; WebAssembly SIMD kernels for the per-frame hot loops of analysis and correction (kernels.ts
;; loads them). Each works on float32 data in this module's memory, 4 lanes at a time. Pointers
;; are byte offsets (any alignment); counts are groups of 4 samples, or of 4 complex bins for
;; spectra in PFFFT's z-domain layout, where a group is [4 re][4 im] (32 bytes).
;; Scalar references of every kernel: test/shared/dsp/wasm/reference.ts.
(module
  ;; Grown by the allocator in kernels.ts.
  (memory (export "memory") 1)

  ;; window(src, win, dst, offset, n4): dst = (src − offset) · win
  (func (export "window")
    (param $src i32) (param $win i32) (param $dst i32) (param $offset f32) (param $n4 i32)
    (local $offsets v128)
    (local.set $offsets (f32x4.splat (local.get $offset)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n4)))
        (v128.store (local.get $dst)
          (f32x4.mul
            (f32x4.sub (v128.load (local.get $src)) (local.get $offsets))
            (v128.load (local.get $win))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $win (i32.add (local.get $win) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $n4 (i32.sub (local.get $n4) (i32.const 1)))
        (br $next))))

  ;; accumulate(spec, sumMag, prod, groups): per bin, with p = re² + im² (float32),
  ;;   sumMag += √p and prod *= (p + POWER_FLOOR) · POWER_SCALE, both float64: each group's
  ;;   4 bins take two f64x2 (32 bytes) in sumMag and in prod.
  ;; POWER_SCALE = 1e5 and POWER_FLOOR · POWER_SCALE = 1e-20 · 1e5 (rounded in float64) match
  ;; kernels.ts, which explains them.
  (func (export "accumulate")
    (param $spec i32) (param $sumMag i32) (param $prod i32) (param $groups i32)
    (local $re v128) (local $im v128) (local $power v128) (local $magnitude v128)
    (local $scale v128) (local $scaledFloor v128)
    (local.set $scale (f64x2.splat (f64.const 1e5)))
    (local.set $scaledFloor (f64x2.splat (f64.const 9.999999999999999e-16)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $groups)))
        (local.set $re (v128.load offset=0 (local.get $spec)))
        (local.set $im (v128.load offset=16 (local.get $spec)))
        (local.set $power
          (f32x4.add
            (f32x4.mul (local.get $re) (local.get $re))
            (f32x4.mul (local.get $im) (local.get $im))))
        (local.set $magnitude (f32x4.sqrt (local.get $power)))
        ;; sumMag += magnitude: bins 0-1 promoted to float64, then bins 2-3 (lanes 2 and 3
        ;; shuffled down first)
        (v128.store offset=0 (local.get $sumMag)
          (f64x2.add
            (v128.load offset=0 (local.get $sumMag))
            (f64x2.promote_low_f32x4 (local.get $magnitude))))
        (v128.store offset=16 (local.get $sumMag)
          (f64x2.add
            (v128.load offset=16 (local.get $sumMag))
            (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
                (local.get $magnitude) (local.get $magnitude)))))
        ;; prod *= power · scale + scaledFloor, likewise
        (v128.store offset=0 (local.get $prod)
          (f64x2.mul
            (v128.load offset=0 (local.get $prod))
            (f64x2.add
              (f64x2.mul (f64x2.promote_low_f32x4 (local.get $power)) (local.get $scale))
              (local.get $scaledFloor))))
        (v128.store offset=16 (local.get $prod)
          (f64x2.mul
            (v128.load offset=16 (local.get $prod))
            (f64x2.add
              (f64x2.mul
                (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
                    (local.get $power) (local.get $power)))
                (local.get $scale))
              (local.get $scaledFloor))))
        (local.set $spec (i32.add (local.get $spec) (i32.const 32)))
        (local.set $sumMag (i32.add (local.get $sumMag) (i32.const 32)))
        (local.set $prod (i32.add (local.get $prod) (i32.const 32)))
        (local.set $groups (i32.sub (local.get $groups) (i32.const 1)))
        (br $next))))

  ;; gains(spec, gains, groups): multiplies re and im of each z-domain bin by its real gain
  ;;   (gains: 4 float32 per group)
  (func (export "gains") (param $spec i32) (param $gains i32) (param $groups i32)
    (local $gain v128)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $groups)))
        (local.set $gain (v128.load (local.get $gains)))
        (v128.store offset=0 (local.get $spec)
          (f32x4.mul (v128.load offset=0 (local.get $spec)) (local.get $gain)))
        (v128.store offset=16 (local.get $spec)
          (f32x4.mul (v128.load offset=16 (local.get $spec)) (local.get $gain)))
        (local.set $spec (i32.add (local.get $spec) (i32.const 32)))
        (local.set $gains (i32.add (local.get $gains) (i32.const 16)))
        (local.set $groups (i32.sub (local.get $groups) (i32.const 1)))
        (br $next))))

  ;; ola(frame, window, windowSquared, acc, windowSum, n4): weighted overlap-add,
  ;;   acc += frame · window; windowSum += windowSquared
  (func (export "ola")
    (param $frame i32) (param $window i32) (param $windowSquared i32)
    (param $acc i32) (param $windowSum i32) (param $n4 i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n4)))
        (v128.store (local.get $acc)
          (f32x4.add
            (v128.load (local.get $acc))
            (f32x4.mul (v128.load (local.get $frame)) (v128.load (local.get $window)))))
        (v128.store (local.get $windowSum)
          (f32x4.add (v128.load (local.get $windowSum)) (v128.load (local.get $windowSquared))))
        (local.set $frame (i32.add (local.get $frame) (i32.const 16)))
        (local.set $window (i32.add (local.get $window) (i32.const 16)))
        (local.set $windowSquared (i32.add (local.get $windowSquared) (i32.const 16)))
        (local.set $acc (i32.add (local.get $acc) (i32.const 16)))
        (local.set $windowSum (i32.add (local.get $windowSum) (i32.const 16)))
        (local.set $n4 (i32.sub (local.get $n4) (i32.const 1)))
        (br $next))))

  ;; normalize(acc, windowSum, dst, n4): dst = windowSum > 1e-30 ? acc / windowSum : acc
  (func (export "normalize") (param $acc i32) (param $windowSum i32) (param $dst i32) (param $n4 i32)
    (local $tiny v128) (local $a v128) (local $w v128)
    (local.set $tiny (f32x4.splat (f32.const 1e-30)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n4)))
        (local.set $a (v128.load (local.get $acc)))
        (local.set $w (v128.load (local.get $windowSum)))
        (v128.store (local.get $dst)
          (v128.bitselect
            (f32x4.div (local.get $a) (local.get $w))
            (local.get $a)
            (f32x4.gt (local.get $w) (local.get $tiny))))
        (local.set $acc (i32.add (local.get $acc) (i32.const 16)))
        (local.set $windowSum (i32.add (local.get $windowSum) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $n4 (i32.sub (local.get $n4) (i32.const 1)))
        (br $next))))

  ;; stats(src, n4, out): writes to out (64 bytes), still per lane: Σx as f64x2 (lanes 0+2 and
  ;;   1+3), Σx² likewise (x² rounded to float32), max|x| as f32x4, and the count of
  ;;   |x| >= CLIP_LEVEL = 1 − 2^−15 (kernels.ts) as i32x4
  (func (export "stats") (param $src i32) (param $n4 i32) (param $out i32)
    (local $x v128) (local $abs v128) (local $square v128)
    (local $sum v128) (local $sumSquares v128) (local $peak v128) (local $clipped v128)
    (local $clipLevel v128)
    (local.set $clipLevel (f32x4.splat (f32.const 0.999969482421875)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n4)))
        (local.set $x (v128.load (local.get $src)))
        (local.set $abs (f32x4.abs (local.get $x)))
        ;; pmax is one machine instruction, unlike f32x4.max with its NaN rules
        (local.set $peak (f32x4.pmax (local.get $abs) (local.get $peak)))
        ;; a true comparison is all ones, i.e. −1: subtracting it counts
        (local.set $clipped
          (i32x4.sub (local.get $clipped) (f32x4.ge (local.get $abs) (local.get $clipLevel))))
        (local.set $sum
          (f64x2.add
            (f64x2.add (local.get $sum) (f64x2.promote_low_f32x4 (local.get $x)))
            (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
                (local.get $x) (local.get $x)))))
        (local.set $square (f32x4.mul (local.get $x) (local.get $x)))
        (local.set $sumSquares
          (f64x2.add
            (f64x2.add (local.get $sumSquares) (f64x2.promote_low_f32x4 (local.get $square)))
            (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
                (local.get $square) (local.get $square)))))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $n4 (i32.sub (local.get $n4) (i32.const 1)))
        (br $next)))
    (v128.store offset=0 (local.get $out) (local.get $sum))
    (v128.store offset=16 (local.get $out) (local.get $sumSquares))
    (v128.store offset=32 (local.get $out) (local.get $peak))
    (v128.store offset=48 (local.get $out) (local.get $clipped)))

  ;; shift(src, dst, offset, n4): dst = src − offset
  (func (export "shift") (param $src i32) (param $dst i32) (param $offset f32) (param $n4 i32)
    (local $offsets v128)
    (local.set $offsets (f32x4.splat (local.get $offset)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n4)))
        (v128.store (local.get $dst) (f32x4.sub (v128.load (local.get $src)) (local.get $offsets)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $n4 (i32.sub (local.get $n4) (i32.const 1)))
        (br $next))))

  ;; sum(src, n4, out): writes Σx to out (32 bytes) as two f64x2, still per lane (0-1, 2-3)
  (func (export "sum") (param $src i32) (param $n4 i32) (param $out i32)
    (local $x v128) (local $low v128) (local $high v128)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n4)))
        (local.set $x (v128.load (local.get $src)))
        (local.set $low (f64x2.add (f64x2.promote_low_f32x4 (local.get $x)) (local.get $low)))
        (local.set $high
          (f64x2.add
            (f64x2.promote_low_f32x4
              (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
                (local.get $x) (local.get $x)))
            (local.get $high)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $n4 (i32.sub (local.get $n4) (i32.const 1)))
        (br $next)))
    (v128.store offset=0 (local.get $out) (local.get $low))
    (v128.store offset=16 (local.get $out) (local.get $high)))

  ;; peak(src, n4, out): writes max|x| per lane (f32x4) to out
  (func (export "peak") (param $src i32) (param $n4 i32) (param $out i32)
    (local $peak v128)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n4)))
        (local.set $peak (f32x4.pmax (f32x4.abs (v128.load (local.get $src))) (local.get $peak)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $n4 (i32.sub (local.get $n4) (i32.const 1)))
        (br $next)))
    (v128.store (local.get $out) (local.get $peak))))
