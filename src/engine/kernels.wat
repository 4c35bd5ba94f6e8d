;; The engine's kernels in WebAssembly: the arithmetic of the lesson's plain TypeScript loops
;; (src/lesson/nn/dense.ts, src/lesson/nn/loss.ts, src/lesson/optim).
;;
;; Why wasm: V8 compiles this module once, up front, to machine code, so training is fast from
;; its very first batch, while JavaScript first runs in the interpreter and only gets fast
;; after the optimizing compiler has watched it for a while.
;;
;; Conventions: every matrix is row-major float64 in the shared memory imported from
;; JavaScript; pointers are byte offsets, sizes are element counts. Two neighbouring outputs
;; are computed together in one f64x2 (SIMD) register, but each output is still summed in
;; plain index order, so the results are bit-for-bit those of the lesson's Dense.
;; The tables the whole-network functions read are defined in layout.ts.
;;
;; After editing, rebuild the committed bytes: npm run kernels
(module
  (import "env" "memory" (memory 1 16384 shared))

  ;; out[n x m] = x[n x k] @ w[k x m] + b[m], then max(out, 0) if $relu.
  (func $denseForward (export "denseForward")
        (param $x i32) (param $w i32) (param $b i32) (param $out i32)
        (param $n i32) (param $k i32) (param $m i32) (param $relu i32)
    (call $matmulAddBias (local.get $x) (local.get $w) (local.get $b) (local.get $out)
                         (local.get $n) (local.get $k) (local.get $m))
    (if (local.get $relu)
      (then (call $reluInPlace (local.get $out) (i32.mul (local.get $n) (local.get $m))))))

  ;; Backward through out = relu?(x @ w + b), given grad = d loss / d out (n x m):
  ;;   g = grad masked by relu (written to $masked), wGrad = x^T @ g, bGrad = mean of g's rows,
  ;;   and, if $wantXGrad, xGrad = g @ w^T (n x k).
  (func $denseBackward (export "denseBackward")
        (param $x i32) (param $out i32) (param $grad i32) (param $masked i32) (param $w i32)
        (param $wGrad i32) (param $bGrad i32) (param $xGrad i32)
        (param $n i32) (param $k i32) (param $m i32) (param $relu i32) (param $wantXGrad i32)
    (local $g i32)
    (local.set $g (local.get $grad))
    (if (local.get $relu)
      (then
        (call $reluBackward (local.get $grad) (local.get $out) (local.get $masked)
                            (i32.mul (local.get $n) (local.get $m)))
        (local.set $g (local.get $masked))))
    (call $matmulTransposeA (local.get $x) (local.get $g) (local.get $wGrad)
                            (local.get $n) (local.get $k) (local.get $m))
    (call $meanOverRows (local.get $g) (local.get $bGrad) (local.get $n) (local.get $m))
    (if (local.get $wantXGrad)
      (then (call $matmulTransposeB (local.get $g) (local.get $w) (local.get $xGrad)
                                    (local.get $n) (local.get $m) (local.get $k)))))

  ;; out[n x m] = x[n x k] @ w[k x m] + b[m]; columns j, j+1 share one f64x2 sum.
  ;; One sum alone would wait for the previous addition at every step (about 3 cycles), so
  ;; the main loop runs four sums (eight columns) side by side.
  (func $matmulAddBias
        (param $x i32) (param $w i32) (param $b i32) (param $out i32)
        (param $n i32) (param $k i32) (param $m i32)
    (local $i i32) (local $j i32) (local $p i32) (local $xRow i32) (local $wAt i32) (local $o i32)
    (local $stride i32) (local $sum v128) (local $s f64)
    (local $at i32) (local $bAt i32) (local $xp v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $stride (i32.shl (local.get $m) (i32.const 3)))
    (local.set $o (local.get $out))
    (local.set $xRow (local.get $x))
    (if (i32.eqz (local.get $n)) (then (return)))
    (loop $rows
      (local.set $j (i32.const 0))
      ;; eight columns at a time: four independent sums keep the adder busy
      (block $eightsDone
        (loop $eights
          (br_if $eightsDone (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $m)))
          (local.set $s0 (v128.const f64x2 0 0))
          (local.set $s1 (v128.const f64x2 0 0))
          (local.set $s2 (v128.const f64x2 0 0))
          (local.set $s3 (v128.const f64x2 0 0))
          (local.set $wAt (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3))))
          (local.set $p (i32.const 0))
          (loop $dot
            (local.set $xp (f64x2.splat (f64.load (i32.add (local.get $xRow) (i32.shl (local.get $p) (i32.const 3))))))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $xp) (v128.load (local.get $wAt)))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $xp) (v128.load offset=16 (local.get $wAt)))))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $xp) (v128.load offset=32 (local.get $wAt)))))
            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $xp) (v128.load offset=48 (local.get $wAt)))))
            (local.set $wAt (i32.add (local.get $wAt) (local.get $stride)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $dot (i32.lt_u (local.get $p) (local.get $k))))
          (local.set $at (i32.add (local.get $o) (i32.shl (local.get $j) (i32.const 3))))
          (local.set $bAt (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))
          (v128.store (local.get $at) (f64x2.add (local.get $s0) (v128.load (local.get $bAt))))
          (v128.store offset=16 (local.get $at) (f64x2.add (local.get $s1) (v128.load offset=16 (local.get $bAt))))
          (v128.store offset=32 (local.get $at) (f64x2.add (local.get $s2) (v128.load offset=32 (local.get $bAt))))
          (v128.store offset=48 (local.get $at) (f64x2.add (local.get $s3) (v128.load offset=48 (local.get $bAt))))
          (local.set $j (i32.add (local.get $j) (i32.const 8)))
          (br $eights)))
      ;; then two columns at a time
      (block $pairsDone
        (loop $pairs
          (br_if $pairsDone (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $m)))
          (local.set $sum (v128.const f64x2 0 0))
          (local.set $wAt (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3))))
          (local.set $p (i32.const 0))
          (loop $dot
            (local.set $sum
              (f64x2.add (local.get $sum)
                (f64x2.mul
                  (f64x2.splat (f64.load (i32.add (local.get $xRow) (i32.shl (local.get $p) (i32.const 3)))))
                  (v128.load (local.get $wAt)))))
            (local.set $wAt (i32.add (local.get $wAt) (local.get $stride)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $dot (i32.lt_u (local.get $p) (local.get $k))))
          (v128.store (i32.add (local.get $o) (i32.shl (local.get $j) (i32.const 3)))
            (f64x2.add (local.get $sum)
                       (v128.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))))
          (local.set $j (i32.add (local.get $j) (i32.const 2)))
          (br $pairs)))
      ;; the last column when m is odd
      (if (i32.lt_u (local.get $j) (local.get $m))
        (then
          (local.set $s (f64.const 0))
          (local.set $wAt (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3))))
          (local.set $p (i32.const 0))
          (loop $dot
            (local.set $s
              (f64.add (local.get $s)
                (f64.mul (f64.load (i32.add (local.get $xRow) (i32.shl (local.get $p) (i32.const 3))))
                         (f64.load (local.get $wAt)))))
            (local.set $wAt (i32.add (local.get $wAt) (local.get $stride)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br_if $dot (i32.lt_u (local.get $p) (local.get $k))))
          (f64.store (i32.add (local.get $o) (i32.shl (local.get $j) (i32.const 3)))
            (f64.add (local.get $s)
                     (f64.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 3))))))))
      (local.set $xRow (i32.add (local.get $xRow) (i32.shl (local.get $k) (i32.const 3))))
      (local.set $o (i32.add (local.get $o) (local.get $stride)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (local.get $n)))))

  ;; x = x > 0 ? x : 0 over len values (NaN and -0 become +0).
  ;; The comparison gives an all-ones or all-zeros mask per lane; and-ing keeps x or makes +0.
  (func $reluInPlace (param $x i32) (param $len i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $len) (i32.const 3))))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $x) (i32.const 16)) (local.get $end)))
        (v128.store (local.get $x)
          (v128.and (v128.load (local.get $x))
                    (f64x2.gt (v128.load (local.get $x)) (v128.const f64x2 0 0))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $x) (local.get $end))
      (then (if (i32.eqz (f64.gt (f64.load (local.get $x)) (f64.const 0)))
              (then (f64.store (local.get $x) (f64.const 0)))))))

  ;; out = act > 0 ? grad : 0 over len values: the derivative of relu applied to grad.
  (func $reluBackward (param $grad i32) (param $act i32) (param $out i32) (param $len i32)
    (local $i i32) (local $end i32)
    (local.set $end (i32.shl (local.get $len) (i32.const 3)))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $end)))
        (v128.store (i32.add (local.get $out) (local.get $i))
          (v128.and (v128.load (i32.add (local.get $grad) (local.get $i)))
                    (f64x2.gt (v128.load (i32.add (local.get $act) (local.get $i))) (v128.const f64x2 0 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $i) (local.get $end))
      (then (f64.store (i32.add (local.get $out) (local.get $i))
              (select (f64.load (i32.add (local.get $grad) (local.get $i)))
                      (f64.const 0)
                      (f64.gt (f64.load (i32.add (local.get $act) (local.get $i))) (f64.const 0)))))))

  ;; out[k x m] = x[n x k]^T @ g[n x m]: out[p][j] sums x[i][p] * g[i][j] over the rows i.
  ;; Blocked like matmulAddBias: eight columns, then two, then one.
  (func $matmulTransposeA
        (param $x i32) (param $g i32) (param $out i32) (param $n i32) (param $k i32) (param $m i32)
    (local $i i32) (local $j i32) (local $p i32) (local $o i32) (local $xAt i32) (local $gAt i32)
    (local $xStride i32) (local $gStride i32) (local $sum v128) (local $s f64)
    (local $at i32) (local $xp v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $xStride (i32.shl (local.get $k) (i32.const 3)))
    (local.set $gStride (i32.shl (local.get $m) (i32.const 3)))
    (local.set $o (local.get $out))
    (if (i32.eqz (local.get $n))  ;; no rows: every sum is empty
      (then (memory.fill (local.get $out) (i32.const 0) (i32.mul (local.get $k) (local.get $gStride)))
            (return)))
    (loop $outRows
      (local.set $j (i32.const 0))
      (block $eightsDone
        (loop $eights
          (br_if $eightsDone (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $m)))
          (local.set $s0 (v128.const f64x2 0 0))
          (local.set $s1 (v128.const f64x2 0 0))
          (local.set $s2 (v128.const f64x2 0 0))
          (local.set $s3 (v128.const f64x2 0 0))
          (local.set $xAt (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3))))
          (local.set $gAt (i32.add (local.get $g) (i32.shl (local.get $j) (i32.const 3))))
          (local.set $i (i32.const 0))
          (loop $dot
            (local.set $xp (f64x2.splat (f64.load (local.get $xAt))))
            (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $xp) (v128.load (local.get $gAt)))))
            (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $xp) (v128.load offset=16 (local.get $gAt)))))
            (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $xp) (v128.load offset=32 (local.get $gAt)))))
            (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $xp) (v128.load offset=48 (local.get $gAt)))))
            (local.set $xAt (i32.add (local.get $xAt) (local.get $xStride)))
            (local.set $gAt (i32.add (local.get $gAt) (local.get $gStride)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $dot (i32.lt_u (local.get $i) (local.get $n))))
          (local.set $at (i32.add (local.get $o) (i32.shl (local.get $j) (i32.const 3))))
          (v128.store (local.get $at) (local.get $s0))
          (v128.store offset=16 (local.get $at) (local.get $s1))
          (v128.store offset=32 (local.get $at) (local.get $s2))
          (v128.store offset=48 (local.get $at) (local.get $s3))
          (local.set $j (i32.add (local.get $j) (i32.const 8)))
          (br $eights)))
      (block $pairsDone
        (loop $pairs
          (br_if $pairsDone (i32.gt_u (i32.add (local.get $j) (i32.const 2)) (local.get $m)))
          (local.set $sum (v128.const f64x2 0 0))
          (local.set $xAt (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3))))
          (local.set $gAt (i32.add (local.get $g) (i32.shl (local.get $j) (i32.const 3))))
          (local.set $i (i32.const 0))
          (loop $dot
            (local.set $sum
              (f64x2.add (local.get $sum)
                (f64x2.mul (f64x2.splat (f64.load (local.get $xAt))) (v128.load (local.get $gAt)))))
            (local.set $xAt (i32.add (local.get $xAt) (local.get $xStride)))
            (local.set $gAt (i32.add (local.get $gAt) (local.get $gStride)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $dot (i32.lt_u (local.get $i) (local.get $n))))
          (v128.store (i32.add (local.get $o) (i32.shl (local.get $j) (i32.const 3))) (local.get $sum))
          (local.set $j (i32.add (local.get $j) (i32.const 2)))
          (br $pairs)))
      (if (i32.lt_u (local.get $j) (local.get $m))
        (then
          (local.set $s (f64.const 0))
          (local.set $xAt (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3))))
          (local.set $gAt (i32.add (local.get $g) (i32.shl (local.get $j) (i32.const 3))))
          (local.set $i (i32.const 0))
          (loop $dot
            (local.set $s
              (f64.add (local.get $s) (f64.mul (f64.load (local.get $xAt)) (f64.load (local.get $gAt)))))
            (local.set $xAt (i32.add (local.get $xAt) (local.get $xStride)))
            (local.set $gAt (i32.add (local.get $gAt) (local.get $gStride)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $dot (i32.lt_u (local.get $i) (local.get $n))))
          (f64.store (i32.add (local.get $o) (i32.shl (local.get $j) (i32.const 3))) (local.get $s))))
      (local.set $o (i32.add (local.get $o) (local.get $gStride)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br_if $outRows (i32.lt_u (local.get $p) (local.get $k)))))

  ;; out[n x k] = g[n x m] @ w[k x m]^T: out[i][p] is the dot product of rows g[i] and w[p].
  ;; Eight outputs (p .. p + 7) at a time in four f64x2 sums, whose lanes are rows p, p + 1 of
  ;; w (m values apart, so each lane is loaded on its own); then two in two scalar sums, then one.
  (func $matmulTransposeB
        (param $g i32) (param $w i32) (param $out i32) (param $n i32) (param $m i32) (param $k i32)
    (local $i i32) (local $j i32) (local $p i32) (local $gRow i32) (local $w0 i32) (local $w1 i32)
    (local $o i32) (local $stride i32) (local $gj f64) (local $s0 f64) (local $s1 f64)
    (local $at i32) (local $stride2 i32) (local $gv v128) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local.set $stride (i32.shl (local.get $m) (i32.const 3)))
    (local.set $stride2 (i32.shl (local.get $m) (i32.const 4)))
    (local.set $gRow (local.get $g))
    (local.set $o (local.get $out))
    (if (i32.eqz (local.get $n)) (then (return)))
    (loop $rows
      (local.set $p (i32.const 0))
      (block $eightsDone
        (loop $eights
          (br_if $eightsDone (i32.gt_u (i32.add (local.get $p) (i32.const 8)) (local.get $k)))
          (local.set $v0 (v128.const f64x2 0 0))
          (local.set $v1 (v128.const f64x2 0 0))
          (local.set $v2 (v128.const f64x2 0 0))
          (local.set $v3 (v128.const f64x2 0 0))
          (local.set $w0 (i32.add (local.get $w) (i32.mul (local.get $p) (local.get $stride))))
          (local.set $j (i32.const 0))
          (loop $dot
            (local.set $gv (v128.load64_splat (i32.add (local.get $gRow) (local.get $j))))
            (local.set $at (i32.add (local.get $w0) (local.get $j))) ;; w[p][j], then w[p + 2][j], ...
            (local.set $v0 (f64x2.add (local.get $v0) (f64x2.mul (local.get $gv)
              (v128.load64_lane 1 (i32.add (local.get $at) (local.get $stride)) (v128.load64_splat (local.get $at))))))
            (local.set $at (i32.add (local.get $at) (local.get $stride2)))
            (local.set $v1 (f64x2.add (local.get $v1) (f64x2.mul (local.get $gv)
              (v128.load64_lane 1 (i32.add (local.get $at) (local.get $stride)) (v128.load64_splat (local.get $at))))))
            (local.set $at (i32.add (local.get $at) (local.get $stride2)))
            (local.set $v2 (f64x2.add (local.get $v2) (f64x2.mul (local.get $gv)
              (v128.load64_lane 1 (i32.add (local.get $at) (local.get $stride)) (v128.load64_splat (local.get $at))))))
            (local.set $at (i32.add (local.get $at) (local.get $stride2)))
            (local.set $v3 (f64x2.add (local.get $v3) (f64x2.mul (local.get $gv)
              (v128.load64_lane 1 (i32.add (local.get $at) (local.get $stride)) (v128.load64_splat (local.get $at))))))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br_if $dot (i32.lt_u (local.get $j) (local.get $stride))))
          (v128.store (local.get $o) (local.get $v0))
          (v128.store offset=16 (local.get $o) (local.get $v1))
          (v128.store offset=32 (local.get $o) (local.get $v2))
          (v128.store offset=48 (local.get $o) (local.get $v3))
          (local.set $o (i32.add (local.get $o) (i32.const 64)))
          (local.set $p (i32.add (local.get $p) (i32.const 8)))
          (br $eights)))
      (block $pairsDone
        (loop $pairs
          (br_if $pairsDone (i32.gt_u (i32.add (local.get $p) (i32.const 2)) (local.get $k)))
          (local.set $w0 (i32.add (local.get $w) (i32.mul (local.get $p) (local.get $stride))))
          (local.set $w1 (i32.add (local.get $w0) (local.get $stride)))
          (local.set $s0 (f64.const 0))
          (local.set $s1 (f64.const 0))
          (local.set $j (i32.const 0))
          (loop $dot
            (local.set $gj (f64.load (i32.add (local.get $gRow) (local.get $j))))
            (local.set $s0 (f64.add (local.get $s0) (f64.mul (local.get $gj) (f64.load (i32.add (local.get $w0) (local.get $j))))))
            (local.set $s1 (f64.add (local.get $s1) (f64.mul (local.get $gj) (f64.load (i32.add (local.get $w1) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br_if $dot (i32.lt_u (local.get $j) (local.get $stride))))
          (f64.store (local.get $o) (local.get $s0))
          (f64.store offset=8 (local.get $o) (local.get $s1))
          (local.set $o (i32.add (local.get $o) (i32.const 16)))
          (local.set $p (i32.add (local.get $p) (i32.const 2)))
          (br $pairs)))
      (if (i32.lt_u (local.get $p) (local.get $k))
        (then
          (local.set $w0 (i32.add (local.get $w) (i32.mul (local.get $p) (local.get $stride))))
          (local.set $s0 (f64.const 0))
          (local.set $j (i32.const 0))
          (loop $dot
            (local.set $s0 (f64.add (local.get $s0)
              (f64.mul (f64.load (i32.add (local.get $gRow) (local.get $j)))
                       (f64.load (i32.add (local.get $w0) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br_if $dot (i32.lt_u (local.get $j) (local.get $stride))))
          (f64.store (local.get $o) (local.get $s0))
          (local.set $o (i32.add (local.get $o) (i32.const 8)))))
      (local.set $gRow (i32.add (local.get $gRow) (local.get $stride)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (local.get $n)))))

  ;; out[m] = the mean of g's n rows: column sums in row order, then divide by n (as numpy).
  (func $meanOverRows (param $g i32) (param $out i32) (param $n i32) (param $m i32)
    (local $i i32) (local $j i32) (local $end i32) (local $gRow i32)
    (local.set $end (i32.shl (local.get $m) (i32.const 3)))
    (memory.fill (local.get $out) (i32.const 0) (local.get $end))
    (local.set $gRow (local.get $g))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (loop $cols
          (f64.store (i32.add (local.get $out) (local.get $j))
            (f64.add (f64.load (i32.add (local.get $out) (local.get $j)))
                     (f64.load (i32.add (local.get $gRow) (local.get $j)))))
          (local.set $j (i32.add (local.get $j) (i32.const 8)))
          (br_if $cols (i32.lt_u (local.get $j) (local.get $end))))
        (local.set $gRow (i32.add (local.get $gRow) (local.get $end)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.set $j (i32.const 0))
    (loop $divide
      (f64.store (i32.add (local.get $out) (local.get $j))
        (f64.div (f64.load (i32.add (local.get $out) (local.get $j))) (f64.convert_i32_u (local.get $n))))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br_if $divide (i32.lt_u (local.get $j) (local.get $end)))))

  ;; ---- The whole network in one call per batch (the training loop's fast path) ----
  ;; A plan describes the layers in order, in 40-byte records (layout.ts defines them): weights,
  ;; bias, output, masked gradient, weight gradient, bias gradient, input gradient (byte
  ;; offsets), then the input width k, the output width m, and 1 for relu. Buffers hold at
  ;; least n rows.
  ;; Each layer runs exactly the kernels of denseForward and denseBackward above.

  ;; Forward from x (n rows) through every layer; returns the last layer's output.
  (func $forwardAll (param $plan i32) (param $layers i32) (param $n i32) (param $x i32) (result i32)
    (local $in i32) (local $end i32)
    (local.set $in (local.get $x))
    (local.set $end (i32.add (local.get $plan) (i32.mul (local.get $layers) (i32.const 40))))
    (loop $each
      (call $denseForward (local.get $in) (i32.load (local.get $plan)) (i32.load offset=4 (local.get $plan))
                          (i32.load offset=8 (local.get $plan)) (local.get $n) (i32.load offset=28 (local.get $plan))
                          (i32.load offset=32 (local.get $plan)) (i32.load offset=36 (local.get $plan)))
      (local.set $in (i32.load offset=8 (local.get $plan)))
      (local.set $plan (i32.add (local.get $plan) (i32.const 40)))
      (br_if $each (i32.lt_u (local.get $plan) (local.get $end))))
    (local.get $in))

  ;; err = pred - y over len values; returns the mean of err^2, summed in index order (as src/lesson/nn/loss.ts).
  (func $errorAndLoss (param $pred i32) (param $y i32) (param $err i32) (param $len i32) (result f64)
    (local $i i32) (local $end i32) (local $d f64) (local $sum f64)
    (local.set $end (i32.shl (local.get $len) (i32.const 3)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $d (f64.sub (f64.load (i32.add (local.get $pred) (local.get $i)))
                               (f64.load (i32.add (local.get $y) (local.get $i)))))
        (f64.store (i32.add (local.get $err) (local.get $i)) (local.get $d))
        (local.set $sum (f64.add (local.get $sum) (f64.mul (local.get $d) (local.get $d))))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $each)))
    (f64.div (local.get $sum) (f64.convert_i32_u (local.get $len))))

  ;; The mean squared error of the network's predictions for x (n rows) against y; err gets pred - y.
  (func (export "networkLoss")
        (param $plan i32) (param $layers i32) (param $n i32) (param $x i32) (param $y i32) (param $err i32) (result f64)
    (call $errorAndLoss (call $forwardAll (local.get $plan) (local.get $layers) (local.get $n) (local.get $x))
                        (local.get $y) (local.get $err)
                        (i32.mul (local.get $n) (call $lastWidth (local.get $plan) (local.get $layers)))))

  ;; One training batch: forward, err = pred - y, then backward from err, last layer first, each
  ;; layer's input gradient being the gradient of the layer before. Returns the batch MSE.
  (func (export "networkGradients")
        (param $plan i32) (param $layers i32) (param $n i32) (param $x i32) (param $y i32) (param $err i32) (result f64)
    (local $loss f64) (local $at i32) (local $g i32) (local $in i32)
    (local.set $loss (call $errorAndLoss (call $forwardAll (local.get $plan) (local.get $layers) (local.get $n) (local.get $x))
                                         (local.get $y) (local.get $err)
                                         (i32.mul (local.get $n) (call $lastWidth (local.get $plan) (local.get $layers)))))
    (local.set $g (local.get $err))
    (local.set $at (i32.add (local.get $plan) (i32.mul (i32.sub (local.get $layers) (i32.const 1)) (i32.const 40))))
    (loop $each
      ;; the first layer's input is x, the others' the previous layer's output
      (local.set $in (if (result i32) (i32.gt_u (local.get $at) (local.get $plan))
                       (then (i32.load offset=8 (i32.sub (local.get $at) (i32.const 40))))
                       (else (local.get $x))))
      (call $denseBackward (local.get $in) (i32.load offset=8 (local.get $at)) (local.get $g)
                           (i32.load offset=12 (local.get $at)) (i32.load (local.get $at))
                           (i32.load offset=16 (local.get $at)) (i32.load offset=20 (local.get $at))
                           (i32.load offset=24 (local.get $at)) (local.get $n) (i32.load offset=28 (local.get $at))
                           (i32.load offset=32 (local.get $at)) (i32.load offset=36 (local.get $at))
                           (i32.gt_u (local.get $at) (local.get $plan))) ;; nobody uses the first layer's input gradient
      (local.set $g (i32.load offset=24 (local.get $at)))
      ;; compare before stepping back: at - 40 would wrap around below a table at address < 40
      (if (i32.gt_u (local.get $at) (local.get $plan))
        (then (local.set $at (i32.sub (local.get $at) (i32.const 40)))
              (br $each))))
    (local.get $loss))

  (func $lastWidth (param $plan i32) (param $layers i32) (result i32)
    (i32.load offset=32 (i32.add (local.get $plan) (i32.mul (i32.sub (local.get $layers) (i32.const 1)) (i32.const 40)))))

  ;; ---- Optimizer updates: every parameter of the network in one call per step ----
  ;; A parameter table lists each parameter array in a 24-byte record (layout.ts defines it):
  ;; values, gradient, length, 1 for weights or 0 for biases, then up to two state arrays
  ;; (momentum's velocity; Adam's m and v). Each update first turns a weight gradient, summed
  ;; over the batch, into a batch mean ($batchMean: the lesson's scaling rule, the same as
  ;; src/lesson/train/parameters.ts), then applies the rule with the exact operations, in the
  ;; exact order, of the TypeScript loops in src/lesson/optim.

  ;; 1 / scale when scale is a power of two, else 0. Then g * (1 / scale) has exactly the bits
  ;; of g / scale (both are the exact quotient, rounded once), and a multiplication costs a
  ;; fraction of a division; for any other scale only the division gives those bits.
  (func $powerOfTwoInverse (param $scale f64) (result f64)
    (local $bits i64)
    (local.set $bits (i64.reinterpret_f64 (local.get $scale)))
    (if (result f64)
      (i32.and (i64.eqz (i64.and (local.get $bits) (i64.const 0x000FFFFFFFFFFFFF))) ;; no mantissa bits
               ;; and a normal exponent (not zero, subnormal, infinite or NaN)
               (i64.lt_u (i64.sub (i64.and (i64.shr_u (local.get $bits) (i64.const 52)) (i64.const 0x7FF)) (i64.const 1))
                         (i64.const 2046)))
      (then (f64.div (f64.const 1) (local.get $scale)))
      (else (f64.const 0))))

  ;; g = g / batchSize in place, for a weight record (isWeights = 1); bias gradients are means already.
  (func $batchMean (param $entry i32) (param $batchSize f64)
    (local $g i32) (local $end i32) (local $inverse f64) (local $inverses v128) (local $sizes v128)
    (if (i32.eqz (i32.load offset=12 (local.get $entry))) (then (return)))
    (local.set $g (i32.load offset=4 (local.get $entry)))
    (local.set $end (i32.add (local.get $g) (i32.shl (i32.load offset=8 (local.get $entry)) (i32.const 3))))
    (local.set $inverse (call $powerOfTwoInverse (local.get $batchSize)))
    (local.set $inverses (f64x2.splat (local.get $inverse)))
    (local.set $sizes (f64x2.splat (local.get $batchSize)))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $g) (i32.const 16)) (local.get $end)))
        (v128.store (local.get $g)
          (if (result v128) (f64.ne (local.get $inverse) (f64.const 0))
            (then (f64x2.mul (v128.load (local.get $g)) (local.get $inverses)))
            (else (f64x2.div (v128.load (local.get $g)) (local.get $sizes)))))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $g) (local.get $end))
      (then (f64.store (local.get $g) (f64.div (f64.load (local.get $g)) (local.get $batchSize))))))

  ;; SGD: p += -lr * g, two values per f64x2 step, then the odd one.
  (func $sgdStep (param $p i32) (param $g i32) (param $len i32) (param $lr f64)
    (local $end i32) (local $minusLr v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $minusLr (f64x2.splat (f64.neg (local.get $lr))))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (v128.store (local.get $p)
          (f64x2.add (v128.load (local.get $p)) (f64x2.mul (local.get $minusLr) (v128.load (local.get $g)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then (f64.store (local.get $p)
              (f64.add (f64.load (local.get $p)) (f64.mul (f64.neg (local.get $lr)) (f64.load (local.get $g))))))))

  ;; Momentum: v = v * mu - lr * g; p += v. Two values per step, then the odd one.
  (func $momentumStep (param $p i32) (param $g i32) (param $v i32) (param $len i32) (param $lr f64) (param $mu f64)
    (local $end i32) (local $vi f64) (local $vv v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $len) (i32.const 3))))
    (block $pairsDone
      (loop $pairs
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $vv
          (f64x2.sub (f64x2.mul (v128.load (local.get $v)) (f64x2.splat (local.get $mu)))
                     (f64x2.mul (f64x2.splat (local.get $lr)) (v128.load (local.get $g)))))
        (v128.store (local.get $v) (local.get $vv))
        (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (local.get $vv)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (br $pairs)))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then
        (local.set $vi
          (f64.sub (f64.mul (f64.load (local.get $v)) (local.get $mu))
                   (f64.mul (local.get $lr) (f64.load (local.get $g)))))
        (f64.store (local.get $v) (local.get $vi))
        (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (local.get $vi))))))

  ;; Adam: m = m * b1 + (1 - b1) * g; v = v * b2 + (1 - b2) * (g * g);
  ;; p += (-lr * (m / c1)) / (sqrt(v / c2) + eps), with c1, c2 the bias corrections 1 - b^t.
  (func $adamStep
        (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $len i32) (param $lr f64)
        (param $b1 f64) (param $b2 f64) (param $c1 f64) (param $c2 f64) (param $eps f64)
    (local $end i32) (local $grad f64) (local $mi f64) (local $vi f64)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $len) (i32.const 3))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $grad (f64.load (local.get $g)))
        (local.set $mi (f64.add (f64.mul (f64.load (local.get $m)) (local.get $b1))
                                (f64.mul (f64.sub (f64.const 1) (local.get $b1)) (local.get $grad))))
        (local.set $vi (f64.add (f64.mul (f64.load (local.get $v)) (local.get $b2))
                                (f64.mul (f64.sub (f64.const 1) (local.get $b2)) (f64.mul (local.get $grad) (local.get $grad)))))
        (f64.store (local.get $m) (local.get $mi))
        (f64.store (local.get $v) (local.get $vi))
        (f64.store (local.get $p)
          (f64.add (f64.load (local.get $p))
                   (f64.div (f64.mul (f64.neg (local.get $lr)) (f64.div (local.get $mi) (local.get $c1)))
                            (f64.add (f64.sqrt (f64.div (local.get $vi) (local.get $c2))) (local.get $eps)))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $g (i32.add (local.get $g) (i32.const 8)))
        (local.set $m (i32.add (local.get $m) (i32.const 8)))
        (local.set $v (i32.add (local.get $v) (i32.const 8)))
        (br $each))))

  ;; AdamW's decoupled weight decay: p += shrink * p, with shrink = -lr * weightDecay.
  (func $decayStep (param $p i32) (param $len i32) (param $shrink f64)
    (local $end i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $len) (i32.const 3))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (f64.store (local.get $p)
          (f64.add (f64.load (local.get $p)) (f64.mul (local.get $shrink) (f64.load (local.get $p)))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (br $each))))

  (func (export "sgdNetwork") (param $table i32) (param $count i32) (param $lr f64) (param $batchSize f64)
    (local $end i32)
    (local.set $end (i32.add (local.get $table) (i32.mul (local.get $count) (i32.const 24))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $table) (local.get $end)))
        (call $batchMean (local.get $table) (local.get $batchSize))
        (call $sgdStep (i32.load (local.get $table)) (i32.load offset=4 (local.get $table)) (i32.load offset=8 (local.get $table))
                       (local.get $lr))
        (local.set $table (i32.add (local.get $table) (i32.const 24)))
        (br $each))))

  (func (export "momentumNetwork") (param $table i32) (param $count i32) (param $lr f64) (param $batchSize f64) (param $mu f64)
    (local $end i32)
    (local.set $end (i32.add (local.get $table) (i32.mul (local.get $count) (i32.const 24))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $table) (local.get $end)))
        (call $batchMean (local.get $table) (local.get $batchSize))
        (call $momentumStep (i32.load (local.get $table)) (i32.load offset=4 (local.get $table)) (i32.load offset=16 (local.get $table))
                            (i32.load offset=8 (local.get $table)) (local.get $lr) (local.get $mu))
        (local.set $table (i32.add (local.get $table) (i32.const 24)))
        (br $each))))

  ;; Adam, and AdamW when $shrink is not 0: the weights (not the biases) first shrink by p += shrink * p.
  (func (export "adamNetwork")
        (param $table i32) (param $count i32) (param $lr f64) (param $batchSize f64) (param $b1 f64) (param $b2 f64)
        (param $c1 f64) (param $c2 f64) (param $eps f64) (param $decay i32) (param $shrink f64)
    (local $end i32)
    (local.set $end (i32.add (local.get $table) (i32.mul (local.get $count) (i32.const 24))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $table) (local.get $end)))
        (call $batchMean (local.get $table) (local.get $batchSize))
        (if (i32.and (local.get $decay) (i32.load offset=12 (local.get $table)))
          (then (call $decayStep (i32.load (local.get $table)) (i32.load offset=8 (local.get $table)) (local.get $shrink))))
        (call $adamStep (i32.load (local.get $table)) (i32.load offset=4 (local.get $table)) (i32.load offset=16 (local.get $table))
                        (i32.load offset=20 (local.get $table)) (i32.load offset=8 (local.get $table)) (local.get $lr)
                        (local.get $b1) (local.get $b2) (local.get $c1) (local.get $c2) (local.get $eps))
        (local.set $table (i32.add (local.get $table) (i32.const 24)))
        (br $each))))

  ;; The record sizes this module reads, checked against layout.ts when the module is loaded.
  (global (export "layerRecordBytes") i32 (i32.const 40))
  (global (export "parameterRecordBytes") i32 (i32.const 24))
)
