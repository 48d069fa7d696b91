;; Mono PCM16 ⇄ float32, 8 samples (16 bytes of int16, 32 of float32) per group, for
;; pcm16-simd.ts, which grows the memory to hold its scratch buffers. Pointers are byte offsets.
;; The scalar references are the plain loops of pcm-decode.ts and pcm-encode.ts.
(module
  (memory (export "memory") 0)

  ;; decode(src, dst, groups): dst = int16 src / 32768 as float32 (exact)
  (func (export "decode") (param $src i32) (param $dst i32) (param $groups i32)
    (local $ints v128) (local $scale v128)
    (local.set $scale (f32x4.splat (f32.const 0x1p-15)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $groups)))
        (local.set $ints (v128.load (local.get $src)))
        (v128.store offset=0 (local.get $dst)
          (f32x4.mul
            (f32x4.convert_i32x4_s (i32x4.extend_low_i16x8_s (local.get $ints)))
            (local.get $scale)))
        (v128.store offset=16 (local.get $dst)
          (f32x4.mul
            (f32x4.convert_i32x4_s (i32x4.extend_high_i16x8_s (local.get $ints)))
            (local.get $scale)))
        (local.set $src (i32.add (local.get $src) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
        (local.set $groups (i32.sub (local.get $groups) (i32.const 1)))
        (br $next))))

  ;; encode(src, dst, groups) -> outOfRange: dst = round-half-even(src · 32768) as int16. Returns
  ;;   1, leaving dst unspecified, when any rounded sample lies outside [−32768, 32767] or is
  ;;   NaN (which fails both bounds), else 0.
  (func (export "encode") (param $src i32) (param $dst i32) (param $groups i32) (result i32)
    (local $scale v128) (local $max v128) (local $min v128)
    (local $low v128) (local $high v128) (local $outOfRange v128)
    (local.set $scale (f32x4.splat (f32.const 32768)))
    (local.set $max (f32x4.splat (f32.const 32767)))
    (local.set $min (f32x4.splat (f32.const -32768)))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $groups)))
        (local.set $low
          (f32x4.nearest (f32x4.mul (v128.load offset=0 (local.get $src)) (local.get $scale))))
        (local.set $high
          (f32x4.nearest (f32x4.mul (v128.load offset=16 (local.get $src)) (local.get $scale))))
        (local.set $outOfRange
          (v128.or (local.get $outOfRange)
            (v128.or
              (v128.not
                (v128.and
                  (f32x4.le (local.get $low) (local.get $max))
                  (f32x4.ge (local.get $low) (local.get $min))))
              (v128.not
                (v128.and
                  (f32x4.le (local.get $high) (local.get $max))
                  (f32x4.ge (local.get $high) (local.get $min)))))))
        (v128.store (local.get $dst)
          (i16x8.narrow_i32x4_s
            (i32x4.trunc_sat_f32x4_s (local.get $low))
            (i32x4.trunc_sat_f32x4_s (local.get $high))))
        (local.set $src (i32.add (local.get $src) (i32.const 32)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (local.set $groups (i32.sub (local.get $groups) (i32.const 1)))
        (br $next)))
    (v128.any_true (local.get $outOfRange))))
