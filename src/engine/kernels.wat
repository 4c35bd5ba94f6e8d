;; The engine's kernels in WebAssembly: the arithmetic of the lesson's plain TypeScript loops
;; (src/lesson/nn/dense.ts, src/lesson/nn/loss.ts, src/lesson/optim).
;;
;; Why wasm: V8 compiles this module once, up front, to machine code, so training is fast from
;; its very first batch, while JavaScript first runs in the interpreter and only gets fast
;; after the optimizing compiler has watched it for a while.
;;
;; Conventions: every matrix is row-major float64 in the shared memory imported from
;; JavaScript; pointers are byte offsets, sizes are element counts (k and m at least 1, as
;; Dense checks). Two neighbouring outputs are computed together in one f64x2 (SIMD) register,
;; and the matrix products work on tiles of up to eight such sums, but each output is still
;; summed in plain index order, so the results are bit-for-bit those of the lesson's Dense.
;; For the same reason this module has no fused multiply-add (it rounds once where the loops
;; round twice), but assemble.ts also builds a variant in which panelProduct (the large-layer
;; products, between ;; fma:begin and ;; fma:end) uses relaxed SIMD's f64x2.relaxed_madd;
;; instance.ts loads it where relaxed SIMD is available, and its large-layer results agree with
;; the loops to within 1e-12. The tables the whole-network functions read are defined in layout.ts.
;;
;; After editing, rebuild the committed bytes: npm run kernels
(module
  (import "env" "memory" (memory 1 16384 shared))

  ;; out[n x m] = x[n x k] @ w[k x m] + b[m], then max(out, 0) if $relu. For a large weight
  ;; matrix and eight rows or more, the product through panelProduct (out[i][j] sums x[i][p] *
  ;; w[p][j] over p in order from 0, as matmulAddBias does), then b added and relu in one pass
  ;; (addBiasRelu); otherwise matmulAddBias, which adds b as each tile is stored.
  (func $denseForward (export "denseForward")
        (param $x i32) (param $w i32) (param $b i32) (param $out i32)
        (param $n i32) (param $k i32) (param $m i32) (param $relu i32)
    (if (i32.or (i32.lt_u (local.get $n) (i32.const 8)) (i32.le_u (i32.mul (local.get $k) (local.get $m)) (i32.const 4096)))
      (then (call $matmulAddBias (local.get $x) (local.get $w) (local.get $b) (local.get $out)
                                 (local.get $n) (local.get $k) (local.get $m) (local.get $relu))
            (return)))
    (call $panelProduct (local.get $x) (local.get $w) (local.get $out) (local.get $n) (local.get $k) (local.get $m)
                        (i32.shl (local.get $m) (i32.const 3)) (i32.shl (local.get $m) (i32.const 3)))
    (call $addBiasRelu (local.get $out) (local.get $b) (local.get $n) (local.get $m) (local.get $relu)))

  ;; out[i][j] = out[i][j] + b[j] over n rows of m, then max(out, 0) if $relu (as matmulAddBias
  ;; stores its sums): two columns per f64x2, then an odd last one.
  (func $addBiasRelu (param $out i32) (param $b i32) (param $n i32) (param $m i32) (param $relu i32)
    (local $keep v128) (local $v v128) (local $i i32) (local $j i32) (local $pairEnd i32) (local $row i32) (local $stride i32)
    (if (i32.eqz (local.get $relu)) (then (local.set $keep (v128.const i64x2 -1 -1))))
    (local.set $stride (i32.shl (local.get $m) (i32.const 3)))
    (local.set $pairEnd (i32.shl (i32.and (local.get $m) (i32.const -2)) (i32.const 3)))
    (local.set $row (local.get $out))
    (loop $rows
      (local.set $j (i32.const 0))
      (block $pairsDone
        (loop $pairs
          (br_if $pairsDone (i32.ge_u (local.get $j) (local.get $pairEnd)))
          (local.set $v (f64x2.add (v128.load (i32.add (local.get $row) (local.get $j))) (v128.load (i32.add (local.get $b) (local.get $j)))))
          (v128.store (i32.add (local.get $row) (local.get $j))
                      (v128.and (local.get $v) (v128.or (f64x2.gt (local.get $v) (v128.const f64x2 0 0)) (local.get $keep))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $pairs)))
      (if (i32.lt_u (local.get $j) (local.get $stride))
        (then (f64.store (i32.add (local.get $row) (local.get $j))
                         (call $reluScalar (f64.add (f64.load (i32.add (local.get $row) (local.get $j)))
                                                    (f64.load (i32.add (local.get $b) (local.get $j))))
                                           (local.get $relu)))))
      (local.set $row (i32.add (local.get $row) (local.get $stride)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (local.get $n)))))

  ;; Backward through out = relu?(x @ w + b), given grad = d loss / d out (n x m):
  ;;   g = grad masked by relu (written to $masked), wGrad = x^T @ g, bGrad = mean of g's rows,
  ;;   and, if $wantXGrad, xGrad = g @ w^T (n x k). $scratch holds k * n + (n + 3) * (m + 3)
  ;;   numbers (weightGradient and inputGradient use it in turn; layout.ts's backwardScratchLength).
  (func $denseBackward (export "denseBackward")
        (param $x i32) (param $out i32) (param $grad i32) (param $masked i32) (param $w i32)
        (param $wGrad i32) (param $bGrad i32) (param $xGrad i32) (param $scratch i32)
        (param $n i32) (param $k i32) (param $m i32) (param $relu i32) (param $wantXGrad i32)
    (local $g i32)
    (local.set $g (local.get $grad))
    (if (local.get $relu)
      (then
        (call $reluBackward (local.get $grad) (local.get $out) (local.get $masked)
                            (i32.mul (local.get $n) (local.get $m)))
        (local.set $g (local.get $masked))))
    (call $weightGradient (local.get $x) (local.get $g) (local.get $wGrad) (local.get $scratch)
                          (local.get $n) (local.get $k) (local.get $m))
    (call $meanOverRows (local.get $g) (local.get $bGrad) (local.get $n) (local.get $m))
    (if (local.get $wantXGrad)
      (then (call $inputGradient (local.get $g) (local.get $w) (local.get $xGrad) (local.get $scratch)
                                 (local.get $n) (local.get $m) (local.get $k)))))

  ;; wGrad[k x m] = x[n x k]^T @ g[n x m]. For a large weight matrix and eight rows or more,
  ;; through panelProduct: x^T (k x n) into $scratch, then g copied with rows (m rounded up to
  ;; even) + 2 numbers apart; wGrad[p][j] sums x^T[p][i] * g[i][j] = x[i][p] * g[i][j] over i
  ;; in order from 0, as matmulTransposeA does. Otherwise matmulTransposeA itself.
  (func $weightGradient
        (param $x i32) (param $g i32) (param $wGrad i32) (param $scratch i32) (param $n i32) (param $k i32) (param $m i32)
    (local $xT i32) (local $gCopy i32) (local $gStride i32) (local $i i32) (local $from i32) (local $to i32)
    (if (i32.or (i32.lt_u (local.get $n) (i32.const 8)) (i32.le_u (i32.mul (local.get $k) (local.get $m)) (i32.const 4096)))
      (then (call $matmulTransposeA (local.get $x) (local.get $g) (local.get $wGrad)
                                    (local.get $n) (local.get $k) (local.get $m))
            (return)))
    (local.set $xT (local.get $scratch))
    (call $transpose (local.get $x) (local.get $xT) (local.get $n) (local.get $k) (i32.shl (local.get $n) (i32.const 3)))
    (local.set $gCopy (i32.add (local.get $xT) (i32.shl (i32.mul (local.get $k) (local.get $n)) (i32.const 3))))
    (local.set $gStride (call $paddedStride (local.get $m)))
    (local.set $from (local.get $g))
    (local.set $to (local.get $gCopy))
    (loop $rows
      (memory.copy (local.get $to) (local.get $from) (i32.shl (local.get $m) (i32.const 3)))
      (local.set $from (i32.add (local.get $from) (i32.shl (local.get $m) (i32.const 3))))
      (local.set $to (i32.add (local.get $to) (local.get $gStride)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $rows (i32.lt_u (local.get $i) (local.get $n))))
    (call $panelProduct (local.get $xT) (local.get $gCopy) (local.get $wGrad) (local.get $k) (local.get $n) (local.get $m)
                        (local.get $gStride) (i32.shl (local.get $m) (i32.const 3))))

  ;; xGrad[n x k] = g[n x m] @ w[k x m]^T. For a large weight matrix and eight rows or more, as
  ;; xGrad^T = w @ g^T through panelProduct: g^T (m x n, rows padded as in weightGradient) and
  ;; the product (k x n) in $scratch, then transposed into xGrad. The product's [p][i] sums
  ;; w[p][j] * g^T[j][i] = g[i][j] * w[p][j] over j in order from 0, as matmulTransposeB does.
  ;; Small products go through matmulTransposeB directly, where transposing costs more than it saves.
  (func $inputGradient
        (param $g i32) (param $w i32) (param $xGrad i32) (param $scratch i32) (param $n i32) (param $m i32) (param $k i32)
    (local $gT i32) (local $gStride i32) (local $prodT i32)
    (if (i32.or (i32.lt_u (local.get $n) (i32.const 8)) (i32.lt_u (i32.mul (local.get $k) (local.get $m)) (i32.const 4096)))
      (then (call $matmulTransposeB (local.get $g) (local.get $w) (local.get $xGrad)
                                    (local.get $n) (local.get $m) (local.get $k))
            (return)))
    (local.set $gT (local.get $scratch))
    (local.set $gStride (call $paddedStride (local.get $n)))
    (call $transpose (local.get $g) (local.get $gT) (local.get $n) (local.get $m) (local.get $gStride))
    (local.set $prodT (i32.add (local.get $gT) (i32.mul (local.get $m) (local.get $gStride))))
    (call $panelProduct (local.get $w) (local.get $gT) (local.get $prodT) (local.get $k) (local.get $m) (local.get $n)
                        (local.get $gStride) (i32.shl (local.get $n) (i32.const 3)))
    (call $transpose (local.get $prodT) (local.get $xGrad) (local.get $k) (local.get $n) (i32.shl (local.get $k) (i32.const 3))))

  ;; The row stride in bytes panelProduct's b gets for rows of $len numbers: len rounded up to
  ;; even, plus two (16-byte aligned rows; a multiple of 1 KiB only for lengths no layer has).
  (func $paddedStride (param $len i32) (result i32)
    (i32.shl (i32.add (i32.and (i32.add (local.get $len) (i32.const 1)) (i32.const -2)) (i32.const 2)) (i32.const 3)))

  ;; out[rows x cols] = a[rows x inner] @ b[inner x cols], with b's rows $bStride bytes apart and
  ;; out's $outStride apart: out[r][c] sums a[r][p] * b[p][c] over p in order from 0. The tiles
  ;; of matmulAddBias (two rows by eight columns), in the other order: for each block of eight
  ;; columns, every pair of rows, so that the block's strip of b (inner lines of 64 bytes) is
  ;; read from the L1 cache by all of them. The callers give b a row stride that is not a
  ;; multiple of 1 KiB, so that the strip's lines do not all fall into the same few cache sets.
  ;; Then an odd last row (one row by eight columns), and the last cols % 8 columns one row at a
  ;; time, two columns per f64x2 sum, then one.
  ;; Between fma:begin and fma:end, assemble.ts's fmaVariant fuses each multiply-add of a sum.
  ;; fma:begin
  (func $panelProduct
        (param $a i32) (param $b i32) (param $out i32) (param $rows i32) (param $inner i32) (param $cols i32)
        (param $bStride i32) (param $outStride i32)
    (local $i i32) (local $j i32) (local $aStride i32) (local $blockEnd i32) (local $bSize i32)
    (local $a0 i32) (local $a1 i32) (local $bAt i32) (local $bEnd i32) (local $o i32)
    (local $sa v128) (local $sb v128) (local $v v128) (local $t f64)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local.set $aStride (i32.shl (local.get $inner) (i32.const 3)))
    (local.set $bSize (i32.mul (local.get $inner) (local.get $bStride)))
    (local.set $blockEnd (i32.shl (i32.and (local.get $cols) (i32.const -8)) (i32.const 3)))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $j) (local.get $blockEnd)))
        (local.set $i (i32.const 0))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $rows)))
            (local.set $c0 (v128.const f64x2 0 0)) (local.set $c1 (v128.const f64x2 0 0)) (local.set $c2 (v128.const f64x2 0 0)) (local.set $c3 (v128.const f64x2 0 0)) (local.set $d0 (v128.const f64x2 0 0)) (local.set $d1 (v128.const f64x2 0 0)) (local.set $d2 (v128.const f64x2 0 0)) (local.set $d3 (v128.const f64x2 0 0))
            (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aStride))))
            (local.set $a1 (i32.add (local.get $a0) (local.get $aStride)))
            (local.set $bAt (i32.add (local.get $b) (local.get $j)))
            (local.set $bEnd (i32.add (local.get $bAt) (local.get $bSize)))
            (loop $dot
              (local.set $sa (v128.load64_splat (local.get $a0)))
              (local.set $sb (v128.load64_splat (local.get $a1)))
              (local.set $v (v128.load (local.get $bAt)))
              (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $sa) (local.get $v))))
              (local.set $d0 (f64x2.add (local.get $d0) (f64x2.mul (local.get $sb) (local.get $v))))
              (local.set $v (v128.load offset=16 (local.get $bAt)))
              (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $sa) (local.get $v))))
              (local.set $d1 (f64x2.add (local.get $d1) (f64x2.mul (local.get $sb) (local.get $v))))
              (local.set $v (v128.load offset=32 (local.get $bAt)))
              (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (local.get $sa) (local.get $v))))
              (local.set $d2 (f64x2.add (local.get $d2) (f64x2.mul (local.get $sb) (local.get $v))))
              (local.set $v (v128.load offset=48 (local.get $bAt)))
              (local.set $c3 (f64x2.add (local.get $c3) (f64x2.mul (local.get $sa) (local.get $v))))
              (local.set $d3 (f64x2.add (local.get $d3) (f64x2.mul (local.get $sb) (local.get $v))))
              (local.set $a0 (i32.add (local.get $a0) (i32.const 8)))
              (local.set $a1 (i32.add (local.get $a1) (i32.const 8)))
              (local.set $bAt (i32.add (local.get $bAt) (local.get $bStride)))
              (br_if $dot (i32.lt_u (local.get $bAt) (local.get $bEnd))))
            (local.set $o (i32.add (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $outStride))) (local.get $j)))
              (v128.store (local.get $o) (local.get $c0))
              (v128.store offset=16 (local.get $o) (local.get $c1))
              (v128.store offset=32 (local.get $o) (local.get $c2))
              (v128.store offset=48 (local.get $o) (local.get $c3))
              (local.set $o (i32.add (local.get $o) (local.get $outStride)))
              (v128.store (local.get $o) (local.get $d0))
              (v128.store offset=16 (local.get $o) (local.get $d1))
              (v128.store offset=32 (local.get $o) (local.get $d2))
              (v128.store offset=48 (local.get $o) (local.get $d3))
            (local.set $i (i32.add (local.get $i) (i32.const 2)))
            (br $pairs)))
        (if (i32.lt_u (local.get $i) (local.get $rows))
          (then
            (local.set $c0 (v128.const f64x2 0 0)) (local.set $c1 (v128.const f64x2 0 0)) (local.set $c2 (v128.const f64x2 0 0)) (local.set $c3 (v128.const f64x2 0 0))
            (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aStride))))
            (local.set $bAt (i32.add (local.get $b) (local.get $j)))
            (local.set $bEnd (i32.add (local.get $bAt) (local.get $bSize)))
            (loop $dot
              (local.set $sa (v128.load64_splat (local.get $a0)))
              (local.set $v (v128.load (local.get $bAt)))
              (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $sa) (local.get $v))))
              (local.set $v (v128.load offset=16 (local.get $bAt)))
              (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $sa) (local.get $v))))
              (local.set $v (v128.load offset=32 (local.get $bAt)))
              (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (local.get $sa) (local.get $v))))
              (local.set $v (v128.load offset=48 (local.get $bAt)))
              (local.set $c3 (f64x2.add (local.get $c3) (f64x2.mul (local.get $sa) (local.get $v))))
              (local.set $a0 (i32.add (local.get $a0) (i32.const 8)))
              (local.set $bAt (i32.add (local.get $bAt) (local.get $bStride)))
              (br_if $dot (i32.lt_u (local.get $bAt) (local.get $bEnd))))
            (local.set $o (i32.add (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $outStride))) (local.get $j)))
            (v128.store (local.get $o) (local.get $c0))
            (v128.store offset=16 (local.get $o) (local.get $c1))
            (v128.store offset=32 (local.get $o) (local.get $c2))
            (v128.store offset=48 (local.get $o) (local.get $c3))))
        (local.set $j (i32.add (local.get $j) (i32.const 64)))
        (br $blocks)))
    ;; the last cols % 8 columns
    (if (i32.lt_u (local.get $blockEnd) (i32.shl (local.get $cols) (i32.const 3)))
      (then
        (local.set $i (i32.const 0))
        (loop $rowsLeft
          (local.set $j (local.get $blockEnd))
          (block $twosDone
            (loop $twos
              (br_if $twosDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (i32.shl (local.get $cols) (i32.const 3))))
              (local.set $c0 (v128.const f64x2 0 0))
              (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aStride))))
              (local.set $bAt (i32.add (local.get $b) (local.get $j)))
              (local.set $bEnd (i32.add (local.get $bAt) (local.get $bSize)))
              (loop $dot
                (local.set $sa (v128.load64_splat (local.get $a0)))
                (local.set $v (v128.load (local.get $bAt)))
                (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $sa) (local.get $v))))
                (local.set $a0 (i32.add (local.get $a0) (i32.const 8)))
                (local.set $bAt (i32.add (local.get $bAt) (local.get $bStride)))
                (br_if $dot (i32.lt_u (local.get $bAt) (local.get $bEnd))))
              (v128.store (i32.add (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $outStride))) (local.get $j)) (local.get $c0))
              (local.set $j (i32.add (local.get $j) (i32.const 16)))
              (br $twos)))
          (if (i32.lt_u (local.get $j) (i32.shl (local.get $cols) (i32.const 3)))
            (then
              (local.set $t (f64.const 0))
              (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $aStride))))
              (local.set $bAt (i32.add (local.get $b) (local.get $j)))
              (local.set $bEnd (i32.add (local.get $bAt) (local.get $bSize)))
              (loop $dot
                (local.set $t (f64.add (local.get $t) (f64.mul (f64.load (local.get $a0)) (f64.load (local.get $bAt)))))
                (local.set $a0 (i32.add (local.get $a0) (i32.const 8)))
                (local.set $bAt (i32.add (local.get $bAt) (local.get $bStride)))
                (br_if $dot (i32.lt_u (local.get $bAt) (local.get $bEnd))))
              (f64.store (i32.add (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $outStride))) (local.get $j)) (local.get $t))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $rowsLeft (i32.lt_u (local.get $i) (local.get $rows)))))))
  ;; fma:end

  ;; dst[cols x rows] = src[rows x cols]^T, dst's rows $dstStride bytes apart. Blocks of eight
  ;; rows: for each pair of columns, the block's rows two by two (two f64x2 loads, two shuffles,
  ;; two stores), so that the block's lines of src serve four column pairs in a row and each
  ;; pair of columns writes 64 bytes of each of its two dst rows at once. An odd last row of a
  ;; block and an odd last column go one value at a time.
  (func $transpose (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32) (param $dstStride i32)
    (local $rb i32) (local $rEnd i32) (local $pairEnd i32) (local $r i32) (local $c i32) (local $srcStride i32)
    (local $from i32) (local $to i32) (local $a v128) (local $b v128)
    (local.set $srcStride (i32.shl (local.get $cols) (i32.const 3)))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $rb) (local.get $rows)))
        (local.set $rEnd (select (i32.add (local.get $rb) (i32.const 8)) (local.get $rows)
                                 (i32.lt_u (i32.add (local.get $rb) (i32.const 8)) (local.get $rows))))
        (local.set $pairEnd (i32.add (local.get $rb) (i32.and (i32.sub (local.get $rEnd) (local.get $rb)) (i32.const -2))))
        (local.set $c (i32.const 0))
        (block $colPairsDone
          (loop $colPairs
            (br_if $colPairsDone (i32.gt_u (i32.add (local.get $c) (i32.const 2)) (local.get $cols)))
            (local.set $r (local.get $rb))
            (local.set $from (i32.add (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $srcStride)))
                                      (i32.shl (local.get $c) (i32.const 3)))) ;; src[r][c]
            (local.set $to (i32.add (i32.add (local.get $dst) (i32.mul (local.get $c) (local.get $dstStride)))
                                    (i32.shl (local.get $r) (i32.const 3)))) ;; dst[c][r]
            (block $rowPairsDone
              (loop $rowPairs
                (br_if $rowPairsDone (i32.ge_u (local.get $r) (local.get $pairEnd)))
                (local.set $a (v128.load (local.get $from)))
                (local.set $b (v128.load (i32.add (local.get $from) (local.get $srcStride))))
                (v128.store (local.get $to)
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $a) (local.get $b)))
                (v128.store (i32.add (local.get $to) (local.get $dstStride))
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $a) (local.get $b)))
                (local.set $from (i32.add (local.get $from) (i32.shl (local.get $srcStride) (i32.const 1))))
                (local.set $to (i32.add (local.get $to) (i32.const 16)))
                (local.set $r (i32.add (local.get $r) (i32.const 2)))
                (br $rowPairs)))
            (if (i32.lt_u (local.get $r) (local.get $rEnd))
              (then (f64.store (local.get $to) (f64.load (local.get $from)))
                    (f64.store (i32.add (local.get $to) (local.get $dstStride)) (f64.load offset=8 (local.get $from)))))
            (local.set $c (i32.add (local.get $c) (i32.const 2)))
            (br $colPairs)))
        (if (i32.lt_u (local.get $c) (local.get $cols))
          (then
            (local.set $r (local.get $rb))
            (loop $each
              (f64.store (i32.add (i32.add (local.get $dst) (i32.mul (local.get $c) (local.get $dstStride))) (i32.shl (local.get $r) (i32.const 3)))
                         (f64.load (i32.add (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $srcStride))) (i32.shl (local.get $c) (i32.const 3)))))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br_if $each (i32.lt_u (local.get $r) (local.get $rEnd))))))
        (local.set $rb (local.get $rEnd))
        (br $blocks))))

  ;; out[n x m] = x[n x k] @ w[k x m] + b[m]. Each output is summed over p in order from 0 and
  ;; then b[j] is added, as the lesson's Dense does; only the number of sums that run side
  ;; by side changes. One sum alone would wait for its previous addition at every step (about 3
  ;; cycles), and every load costs an instruction, so the main tile is two rows by eight
  ;; columns: eight f64x2 sums, each x value loaded once (splat) for four products and each
  ;; load of w used by both rows. Then two rows by two columns; an odd last row goes through the
  ;; one-row kernel below, and an odd last column through four rows at a time in scalar sums.
  (func $matmulAddBias
        (param $x i32) (param $w i32) (param $b i32) (param $out i32)
        (param $n i32) (param $k i32) (param $m i32) (param $relu i32)
    (local $keep v128) (local $i i32) (local $j i32) (local $k8 i32) (local $stride i32) (local $wSize i32)
    (local $x0 i32) (local $x1 i32) (local $o0 i32) (local $o1 i32) (local $wAt i32) (local $wEnd i32)
    (local $xa i32) (local $xb i32) (local $xc i32) (local $xd i32) (local $sa v128) (local $sb v128) (local $v v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $t0 f64) (local $t1 f64) (local $t2 f64) (local $t3 f64) (local $wp f64) (local $bj f64)
    (if (i32.eqz (local.get $n)) (then (return)))
    (local.set $k8 (i32.shl (local.get $k) (i32.const 3)))
    (local.set $stride (i32.shl (local.get $m) (i32.const 3)))
    (local.set $wSize (i32.mul (local.get $k) (local.get $stride)))
    ;; relu as a mask: v & (v > 0 | keep) is v where v > 0, else +0 (also for NaN and -0), or v
    ;; itself when keep is all ones (no relu)
    (if (i32.eqz (local.get $relu)) (then (local.set $keep (v128.const i64x2 -1 -1))))
    (block $rowPairsDone
      (loop $rowPairs
        (br_if $rowPairsDone (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $n)))
        (local.set $x0 (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $k8))))
        (local.set $x1 (i32.add (local.get $x0) (local.get $k8)))
        (local.set $o0 (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $stride))))
        (local.set $o1 (i32.add (local.get $o0) (local.get $stride)))
        (local.set $j (i32.const 0)) ;; the column's byte offset in a row
        ;; rows i, i + 1 by columns j .. j + 7: a0..a3 and c0..c3
        (block $eightsDone
          (loop $eights
            (br_if $eightsDone (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $stride)))
            (local.set $a0 (v128.const f64x2 0 0)) (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0)) (local.set $a3 (v128.const f64x2 0 0))
            (local.set $c0 (v128.const f64x2 0 0)) (local.set $c1 (v128.const f64x2 0 0))
            (local.set $c2 (v128.const f64x2 0 0)) (local.set $c3 (v128.const f64x2 0 0))
            (local.set $xa (local.get $x0))
            (local.set $xb (local.get $x1))
            (local.set $wAt (i32.add (local.get $w) (local.get $j)))
            (local.set $wEnd (i32.add (local.get $wAt) (local.get $wSize)))
            (loop $dot
              (local.set $sa (v128.load64_splat (local.get $xa)))
              (local.set $sb (v128.load64_splat (local.get $xb)))
              (local.set $v (v128.load (local.get $wAt)))
              (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $sa) (local.get $v))))
              (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $sb) (local.get $v))))
              (local.set $v (v128.load offset=16 (local.get $wAt)))
              (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $sa) (local.get $v))))
              (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $sb) (local.get $v))))
              (local.set $v (v128.load offset=32 (local.get $wAt)))
              (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $sa) (local.get $v))))
              (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (local.get $sb) (local.get $v))))
              (local.set $v (v128.load offset=48 (local.get $wAt)))
              (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $sa) (local.get $v))))
              (local.set $c3 (f64x2.add (local.get $c3) (f64x2.mul (local.get $sb) (local.get $v))))
              (local.set $xa (i32.add (local.get $xa) (i32.const 8)))
              (local.set $xb (i32.add (local.get $xb) (i32.const 8)))
              (local.set $wAt (i32.add (local.get $wAt) (local.get $stride)))
              (br_if $dot (i32.lt_u (local.get $wAt) (local.get $wEnd))))
            (local.set $wAt (i32.add (local.get $b) (local.get $j)))
            (local.set $xa (i32.add (local.get $o0) (local.get $j)))
            (local.set $xb (i32.add (local.get $o1) (local.get $j)))
            (local.set $v (f64x2.add (local.get $a0) (v128.load (local.get $wAt))))
            (v128.store (local.get $xa) (v128.and (local.get $v) (v128.or (f64x2.gt (local.get $v) (v128.const f64x2 0 0)) (local.get $keep))))
            (local.set $v (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $wAt))))
            (v128.store offset=16 (local.get $xa) (v128.and (local.get $v) (v128.or (f64x2.gt (local.get $v) (v128.const f64x2 0 0)) (local.get $keep))))
            (local.set $v (f64x2.add (local.get $a2) (v128.load offset=32 (local.get $wAt))))
            (v128.store offset=32 (local.get $xa) (v128.and (local.get $v) (v128.or (f64x2.gt (local.get $v) (v128.const f64x2 0 0)) (local.get $keep))))
            (local.set $v (f64x2.add (local.get $a3) (v128.load offset=48 (local.get $wAt))))
            (v128.store offset=48 (local.get $xa) (v128.and (local.get $v) (v128.or (f64x2.gt (local.get $v) (v128.const f64x2 0 0)) (local.get $keep))))
            (local.set $v (f64x2.add (local.get $c0) (v128.load (local.get $wAt))))
            (v128.store (local.get $xb) (v128.and (local.get $v) (v128.or (f64x2.gt (local.get $v) (v128.const f64x2 0 0)) (local.get $keep))))
            (local.set $v (f64x2.add (local.get $c1) (v128.load offset=16 (local.get $wAt))))
            (v128.store offset=16 (local.get $xb) (v128.and (local.get $v) (v128.or (f64x2.gt (local.get $v) (v128.const f64x2 0 0)) (local.get $keep))))
            (local.set $v (f64x2.add (local.get $c2) (v128.load offset=32 (local.get $wAt))))
            (v128.store offset=32 (local.get $xb) (v128.and (local.get $v) (v128.or (f64x2.gt (local.get $v) (v128.const f64x2 0 0)) (local.get $keep))))
            (local.set $v (f64x2.add (local.get $c3) (v128.load offset=48 (local.get $wAt))))
            (v128.store offset=48 (local.get $xb) (v128.and (local.get $v) (v128.or (f64x2.gt (local.get $v) (v128.const f64x2 0 0)) (local.get $keep))))
            (local.set $j (i32.add (local.get $j) (i32.const 64)))
            (br $eights)))
        ;; rows i, i + 1 by columns j, j + 1
        (block $twosDone
          (loop $twos
            (br_if $twosDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $stride)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $c0 (v128.const f64x2 0 0))
            (local.set $xa (local.get $x0))
            (local.set $xb (local.get $x1))
            (local.set $wAt (i32.add (local.get $w) (local.get $j)))
            (local.set $wEnd (i32.add (local.get $wAt) (local.get $wSize)))
            (loop $dot
              (local.set $v (v128.load (local.get $wAt)))
              (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load64_splat (local.get $xa)) (local.get $v))))
              (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (v128.load64_splat (local.get $xb)) (local.get $v))))
              (local.set $xa (i32.add (local.get $xa) (i32.const 8)))
              (local.set $xb (i32.add (local.get $xb) (i32.const 8)))
              (local.set $wAt (i32.add (local.get $wAt) (local.get $stride)))
              (br_if $dot (i32.lt_u (local.get $wAt) (local.get $wEnd))))
            (local.set $v (v128.load (i32.add (local.get $b) (local.get $j))))
            (local.set $a0 (f64x2.add (local.get $a0) (local.get $v)))
            (local.set $c0 (f64x2.add (local.get $c0) (local.get $v)))
            (v128.store (i32.add (local.get $o0) (local.get $j)) (v128.and (local.get $a0) (v128.or (f64x2.gt (local.get $a0) (v128.const f64x2 0 0)) (local.get $keep))))
            (v128.store (i32.add (local.get $o1) (local.get $j)) (v128.and (local.get $c0) (v128.or (f64x2.gt (local.get $c0) (v128.const f64x2 0 0)) (local.get $keep))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $twos)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rowPairs)))
    ;; an odd last row, every column of it
    (if (i32.lt_u (local.get $i) (local.get $n))
      (then (call $matmulAddBiasRows
              (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $k8))) (local.get $w) (local.get $b)
              (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $stride)))
              (i32.const 1) (local.get $k) (local.get $m))
            (if (local.get $relu)
              (then (call $reluInPlace (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $stride))) (local.get $m))))))
    ;; an odd last column for the rows done in pairs: four rows at a time, then one
    (if (i32.and (local.get $m) (i32.const 1))
      (then
        (local.set $n (local.get $i))
        (local.set $i (i32.const 0))
        (local.set $j (i32.sub (local.get $stride) (i32.const 8)))
        (local.set $bj (f64.load (i32.add (local.get $b) (local.get $j))))
        (block $foursDone
          (loop $fours
            (br_if $foursDone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
            (local.set $t0 (f64.const 0)) (local.set $t1 (f64.const 0))
            (local.set $t2 (f64.const 0)) (local.set $t3 (f64.const 0))
            (local.set $xa (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $k8))))
            (local.set $xb (i32.add (local.get $xa) (local.get $k8)))
            (local.set $xc (i32.add (local.get $xb) (local.get $k8)))
            (local.set $xd (i32.add (local.get $xc) (local.get $k8)))
            (local.set $wAt (i32.add (local.get $w) (local.get $j)))
            (local.set $wEnd (i32.add (local.get $wAt) (local.get $wSize)))
            (loop $dot
              (local.set $wp (f64.load (local.get $wAt)))
              (local.set $t0 (f64.add (local.get $t0) (f64.mul (f64.load (local.get $xa)) (local.get $wp))))
              (local.set $t1 (f64.add (local.get $t1) (f64.mul (f64.load (local.get $xb)) (local.get $wp))))
              (local.set $t2 (f64.add (local.get $t2) (f64.mul (f64.load (local.get $xc)) (local.get $wp))))
              (local.set $t3 (f64.add (local.get $t3) (f64.mul (f64.load (local.get $xd)) (local.get $wp))))
              (local.set $xa (i32.add (local.get $xa) (i32.const 8)))
              (local.set $xb (i32.add (local.get $xb) (i32.const 8)))
              (local.set $xc (i32.add (local.get $xc) (i32.const 8)))
              (local.set $xd (i32.add (local.get $xd) (i32.const 8)))
              (local.set $wAt (i32.add (local.get $wAt) (local.get $stride)))
              (br_if $dot (i32.lt_u (local.get $wAt) (local.get $wEnd))))
            (local.set $o0 (i32.add (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $stride))) (local.get $j)))
            (f64.store (local.get $o0) (call $reluScalar (f64.add (local.get $t0) (local.get $bj)) (local.get $relu)))
            (local.set $o0 (i32.add (local.get $o0) (local.get $stride)))
            (f64.store (local.get $o0) (call $reluScalar (f64.add (local.get $t1) (local.get $bj)) (local.get $relu)))
            (local.set $o0 (i32.add (local.get $o0) (local.get $stride)))
            (f64.store (local.get $o0) (call $reluScalar (f64.add (local.get $t2) (local.get $bj)) (local.get $relu)))
            (local.set $o0 (i32.add (local.get $o0) (local.get $stride)))
            (f64.store (local.get $o0) (call $reluScalar (f64.add (local.get $t3) (local.get $bj)) (local.get $relu)))
            (local.set $i (i32.add (local.get $i) (i32.const 4)))
            (br $fours)))
        (block $onesDone
          (loop $ones
            (br_if $onesDone (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $t0 (f64.const 0))
            (local.set $xa (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $k8))))
            (local.set $wAt (i32.add (local.get $w) (local.get $j)))
            (local.set $wEnd (i32.add (local.get $wAt) (local.get $wSize)))
            (loop $dot
              (local.set $t0 (f64.add (local.get $t0) (f64.mul (f64.load (local.get $xa)) (f64.load (local.get $wAt)))))
              (local.set $xa (i32.add (local.get $xa) (i32.const 8)))
              (local.set $wAt (i32.add (local.get $wAt) (local.get $stride)))
              (br_if $dot (i32.lt_u (local.get $wAt) (local.get $wEnd))))
            (f64.store (i32.add (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $stride))) (local.get $j))
                       (call $reluScalar (f64.add (local.get $t0) (local.get $bj)) (local.get $relu)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $ones))))))

  ;; v, or relu(v) (+0 unless v > 0, as reluInPlace) when $relu is nonzero.
  (func $reluScalar (param $v f64) (param $relu i32) (result f64)
    (select (local.get $v) (f64.const 0) (i32.or (f64.gt (local.get $v) (f64.const 0)) (i32.eqz (local.get $relu)))))

  ;; The same, one row at a time (for an odd last row): columns j, j + 1 share one f64x2 sum,
  ;; four such sums (eight columns) side by side, then two columns, then one.
  (func $matmulAddBiasRows
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

  ;; out[k x m] = x[n x k]^T @ g[n x m]: out[p][j] sums x[i][p] * g[i][j] over the rows i, in order.
  ;; Small products, or fewer than eight rows (weightGradient sends larger ones through
  ;; panelProduct), in one call of transposeAProduct.
  (func $matmulTransposeA
        (param $x i32) (param $g i32) (param $out i32) (param $n i32) (param $k i32) (param $m i32)
    (if (i32.eqz (local.get $n))  ;; no rows: every sum is empty
      (then (memory.fill (local.get $out) (i32.const 0) (i32.shl (i32.mul (local.get $k) (local.get $m)) (i32.const 3)))
            (return)))
    (call $transposeAProduct (local.get $x) (local.get $g) (local.get $out) (local.get $n) (local.get $k) (local.get $m)))

  ;; out[k x m] = x^T @ g over n >= 1 rows. Tiles as in matmulAddBias, transposed: two
  ;; output rows p, p + 1 by eight columns (both x[i][p] and x[i][p + 1] splat, each load of g
  ;; used twice), then by two columns; an odd last p by eight, then two columns; an odd last
  ;; column with its sums' lanes over p (x[i][p], x[i][p + 1] are neighbours), eight p at a time.
  (func $transposeAProduct
        (param $x i32) (param $g i32) (param $out i32) (param $n i32) (param $k i32) (param $m i32)
    (local $p i32) (local $j i32) (local $k8 i32) (local $stride i32) (local $gSize i32)
    (local $o0 i32) (local $o1 i32) (local $xAt i32) (local $gAt i32) (local $gEnd i32)
    (local $s0 v128) (local $s1 v128) (local $v v128) (local $zero v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $t f64)
    (local.set $k8 (i32.shl (local.get $k) (i32.const 3)))
    (local.set $stride (i32.shl (local.get $m) (i32.const 3)))
    (local.set $gSize (i32.mul (local.get $n) (local.get $stride)))
    ;; output rows p, p + 1
    (block $rowPairsDone
      (loop $rowPairs
        (br_if $rowPairsDone (i32.gt_u (i32.add (local.get $p) (i32.const 2)) (local.get $k)))
        (local.set $o0 (i32.add (local.get $out) (i32.mul (local.get $p) (local.get $stride))))
        (local.set $o1 (i32.add (local.get $o0) (local.get $stride)))
        (local.set $j (i32.const 0)) ;; the column's byte offset in a row
        (block $eightsDone
          (loop $eights
            (br_if $eightsDone (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $stride)))
            (local.set $xAt (i32.add (local.get $o0) (local.get $j)))
            (local.set $gAt (i32.add (local.get $o1) (local.get $j)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0))
            (local.set $a3 (v128.const f64x2 0 0))
            (local.set $c0 (v128.const f64x2 0 0))
            (local.set $c1 (v128.const f64x2 0 0))
            (local.set $c2 (v128.const f64x2 0 0))
            (local.set $c3 (v128.const f64x2 0 0))
            (local.set $xAt (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $gAt (i32.add (local.get $g) (local.get $j)))
            (local.set $gEnd (i32.add (local.get $gAt) (local.get $gSize)))
            (loop $dot
              (local.set $s0 (v128.load64_splat (local.get $xAt)))
              (local.set $s1 (v128.load64_splat offset=8 (local.get $xAt)))
              (local.set $v (v128.load (local.get $gAt)))
              (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $s0) (local.get $v))))
              (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $s1) (local.get $v))))
              (local.set $v (v128.load offset=16 (local.get $gAt)))
              (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $s0) (local.get $v))))
              (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $s1) (local.get $v))))
              (local.set $v (v128.load offset=32 (local.get $gAt)))
              (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $s0) (local.get $v))))
              (local.set $c2 (f64x2.add (local.get $c2) (f64x2.mul (local.get $s1) (local.get $v))))
              (local.set $v (v128.load offset=48 (local.get $gAt)))
              (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $s0) (local.get $v))))
              (local.set $c3 (f64x2.add (local.get $c3) (f64x2.mul (local.get $s1) (local.get $v))))
              (local.set $xAt (i32.add (local.get $xAt) (local.get $k8)))
              (local.set $gAt (i32.add (local.get $gAt) (local.get $stride)))
              (br_if $dot (i32.lt_u (local.get $gAt) (local.get $gEnd))))
            (local.set $xAt (i32.add (local.get $o0) (local.get $j)))
            (local.set $gAt (i32.add (local.get $o1) (local.get $j)))
            (v128.store (local.get $xAt) (local.get $a0))
            (v128.store offset=16 (local.get $xAt) (local.get $a1))
            (v128.store offset=32 (local.get $xAt) (local.get $a2))
            (v128.store offset=48 (local.get $xAt) (local.get $a3))
            (v128.store (local.get $gAt) (local.get $c0))
            (v128.store offset=16 (local.get $gAt) (local.get $c1))
            (v128.store offset=32 (local.get $gAt) (local.get $c2))
            (v128.store offset=48 (local.get $gAt) (local.get $c3))
            (local.set $j (i32.add (local.get $j) (i32.const 64)))
            (br $eights)))
        (block $twosDone
          (loop $twos
            (br_if $twosDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $stride)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $c0 (v128.const f64x2 0 0))
            (local.set $xAt (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $gAt (i32.add (local.get $g) (local.get $j)))
            (local.set $gEnd (i32.add (local.get $gAt) (local.get $gSize)))
            (loop $dot
              (local.set $v (v128.load (local.get $gAt)))
              (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load64_splat (local.get $xAt)) (local.get $v))))
              (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (v128.load64_splat offset=8 (local.get $xAt)) (local.get $v))))
              (local.set $xAt (i32.add (local.get $xAt) (local.get $k8)))
              (local.set $gAt (i32.add (local.get $gAt) (local.get $stride)))
              (br_if $dot (i32.lt_u (local.get $gAt) (local.get $gEnd))))
            (v128.store (i32.add (local.get $o0) (local.get $j)) (local.get $a0))
            (v128.store (i32.add (local.get $o1) (local.get $j)) (local.get $c0))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $twos)))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $rowPairs)))
    ;; an odd last output row p
    (if (i32.lt_u (local.get $p) (local.get $k))
      (then
        (local.set $o0 (i32.add (local.get $out) (i32.mul (local.get $p) (local.get $stride))))
        (local.set $j (i32.const 0))
        (block $eightsDone
          (loop $eights
            (br_if $eightsDone (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $stride)))
            (local.set $xAt (i32.add (local.get $o0) (local.get $j)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0))
            (local.set $a3 (v128.const f64x2 0 0))
            (local.set $xAt (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $gAt (i32.add (local.get $g) (local.get $j)))
            (local.set $gEnd (i32.add (local.get $gAt) (local.get $gSize)))
            (loop $dot
              (local.set $s0 (v128.load64_splat (local.get $xAt)))
              (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $s0) (v128.load (local.get $gAt)))))
              (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $s0) (v128.load offset=16 (local.get $gAt)))))
              (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $s0) (v128.load offset=32 (local.get $gAt)))))
              (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $s0) (v128.load offset=48 (local.get $gAt)))))
              (local.set $xAt (i32.add (local.get $xAt) (local.get $k8)))
              (local.set $gAt (i32.add (local.get $gAt) (local.get $stride)))
              (br_if $dot (i32.lt_u (local.get $gAt) (local.get $gEnd))))
            (local.set $xAt (i32.add (local.get $o0) (local.get $j)))
            (v128.store (local.get $xAt) (local.get $a0))
            (v128.store offset=16 (local.get $xAt) (local.get $a1))
            (v128.store offset=32 (local.get $xAt) (local.get $a2))
            (v128.store offset=48 (local.get $xAt) (local.get $a3))
            (local.set $j (i32.add (local.get $j) (i32.const 64)))
            (br $eights)))
        (block $twosDone
          (loop $twos
            (br_if $twosDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $stride)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $xAt (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $gAt (i32.add (local.get $g) (local.get $j)))
            (local.set $gEnd (i32.add (local.get $gAt) (local.get $gSize)))
            (loop $dot
              (local.set $a0 (f64x2.add (local.get $a0)
                (f64x2.mul (v128.load64_splat (local.get $xAt)) (v128.load (local.get $gAt)))))
              (local.set $xAt (i32.add (local.get $xAt) (local.get $k8)))
              (local.set $gAt (i32.add (local.get $gAt) (local.get $stride)))
              (br_if $dot (i32.lt_u (local.get $gAt) (local.get $gEnd))))
            (v128.store (i32.add (local.get $o0) (local.get $j)) (local.get $a0))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $twos)))))
    ;; an odd last column j: lanes over p, the sums for out[p][j] and out[p + 1][j] in one f64x2
    (if (i32.and (local.get $m) (i32.const 1))
      (then
        (local.set $j (i32.sub (local.get $stride) (i32.const 8)))
        (local.set $p (i32.const 0))
        (block $eightsDone
          (loop $eights
            (br_if $eightsDone (i32.gt_u (i32.add (local.get $p) (i32.const 8)) (local.get $k)))
            (local.set $o0 (i32.add (i32.add (local.get $out) (i32.mul (local.get $p) (local.get $stride))) (local.get $j)))
            (local.set $a0 (v128.const f64x2 0 0)) (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0)) (local.set $a3 (v128.const f64x2 0 0))
            (local.set $xAt (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $gAt (i32.add (local.get $g) (local.get $j)))
            (local.set $gEnd (i32.add (local.get $gAt) (local.get $gSize)))
            (loop $dot
              (local.set $s0 (v128.load64_splat (local.get $gAt)))
              (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $xAt)) (local.get $s0))))
              (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $xAt)) (local.get $s0))))
              (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $xAt)) (local.get $s0))))
              (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $xAt)) (local.get $s0))))
              (local.set $xAt (i32.add (local.get $xAt) (local.get $k8)))
              (local.set $gAt (i32.add (local.get $gAt) (local.get $stride)))
              (br_if $dot (i32.lt_u (local.get $gAt) (local.get $gEnd))))
            (call $storeColumnPair (local.get $o0) (local.get $stride) (local.get $a0))
            (local.set $o0 (i32.add (local.get $o0) (i32.shl (local.get $stride) (i32.const 1))))
            (call $storeColumnPair (local.get $o0) (local.get $stride) (local.get $a1))
            (local.set $o0 (i32.add (local.get $o0) (i32.shl (local.get $stride) (i32.const 1))))
            (call $storeColumnPair (local.get $o0) (local.get $stride) (local.get $a2))
            (local.set $o0 (i32.add (local.get $o0) (i32.shl (local.get $stride) (i32.const 1))))
            (call $storeColumnPair (local.get $o0) (local.get $stride) (local.get $a3))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (br $eights)))
        (block $twosDone
          (loop $twos
            (br_if $twosDone (i32.gt_u (i32.add (local.get $p) (i32.const 2)) (local.get $k)))
            (local.set $o0 (i32.add (i32.add (local.get $out) (i32.mul (local.get $p) (local.get $stride))) (local.get $j)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $xAt (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $gAt (i32.add (local.get $g) (local.get $j)))
            (local.set $gEnd (i32.add (local.get $gAt) (local.get $gSize)))
            (loop $dot
              (local.set $a0 (f64x2.add (local.get $a0)
                (f64x2.mul (v128.load (local.get $xAt)) (v128.load64_splat (local.get $gAt)))))
              (local.set $xAt (i32.add (local.get $xAt) (local.get $k8)))
              (local.set $gAt (i32.add (local.get $gAt) (local.get $stride)))
              (br_if $dot (i32.lt_u (local.get $gAt) (local.get $gEnd))))
            (call $storeColumnPair (local.get $o0) (local.get $stride) (local.get $a0))
            (local.set $p (i32.add (local.get $p) (i32.const 2)))
            (br $twos)))
        (if (i32.lt_u (local.get $p) (local.get $k))
          (then
            (local.set $o0 (i32.add (i32.add (local.get $out) (i32.mul (local.get $p) (local.get $stride))) (local.get $j)))
            (local.set $t (f64.const 0))
            (local.set $xAt (i32.add (local.get $x) (i32.shl (local.get $p) (i32.const 3))))
            (local.set $gAt (i32.add (local.get $g) (local.get $j)))
            (local.set $gEnd (i32.add (local.get $gAt) (local.get $gSize)))
            (loop $dot
              (local.set $t (f64.add (local.get $t) (f64.mul (f64.load (local.get $xAt)) (f64.load (local.get $gAt)))))
              (local.set $xAt (i32.add (local.get $xAt) (local.get $k8)))
              (local.set $gAt (i32.add (local.get $gAt) (local.get $stride)))
              (br_if $dot (i32.lt_u (local.get $gAt) (local.get $gEnd))))
            (f64.store (local.get $o0) (local.get $t)))))))

  ;; Two entries of a column, $at and $at + $stride, from one f64x2's lanes.
  (func $storeColumnPair (param $at i32) (param $stride i32) (param $v v128)
    (v128.store64_lane 0 (local.get $at) (local.get $v))
    (v128.store64_lane 1 (i32.add (local.get $at) (local.get $stride)) (local.get $v)))

  ;; out[n x k] = g[n x m] @ w[k x m]^T: out[i][p] is the dot product of rows g[i] and w[p],
  ;; summed over j in order from 0. Four rows of g by four outputs p .. p + 3 at a time: eight
  ;; f64x2 sums whose lanes are outputs p, p + 1 (or p + 2, p + 3), so each step gathers
  ;; w[p][j], w[p + 1][j] (m values apart, one lane each) once for four rows, and splats g[i][j]
  ;; once for two sums. Then four rows by two outputs, four rows by an odd last output (scalar
  ;; sums), and the rows left over (fewer than four) one at a time through matmulTransposeBRows.
  (func $matmulTransposeB
        (param $g i32) (param $w i32) (param $out i32) (param $n i32) (param $m i32) (param $k i32)
    (local $i i32) (local $p i32) (local $j i32) (local $k8 i32) (local $stride i32)
    (local $g0 i32) (local $g1 i32) (local $g2 i32) (local $g3 i32) (local $o i32)
    (local $w0 i32) (local $w1 i32) (local $at i32)
    (local $v0 v128) (local $v1 v128) (local $t v128)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128)
    (local $c0 v128) (local $c1 v128) (local $d0 v128) (local $d1 v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $wj f64)
    (local.set $k8 (i32.shl (local.get $k) (i32.const 3)))
    (local.set $stride (i32.shl (local.get $m) (i32.const 3)))
    (block $quadsDone
      (loop $quads
        (br_if $quadsDone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
        (local.set $g0 (i32.add (local.get $g) (i32.mul (local.get $i) (local.get $stride))))
        (local.set $g1 (i32.add (local.get $g0) (local.get $stride)))
        (local.set $g2 (i32.add (local.get $g1) (local.get $stride)))
        (local.set $g3 (i32.add (local.get $g2) (local.get $stride)))
        (local.set $o (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $k8))))
        (local.set $p (i32.const 0))
        ;; rows i .. i + 3 (a, b, c, d) by outputs p, p + 1 (a0 ...) and p + 2, p + 3 (a1 ...)
        (block $foursDone
          (loop $fours
            (br_if $foursDone (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $k)))
            (local.set $w0 (i32.add (local.get $w) (i32.mul (local.get $p) (local.get $stride))))
            (local.set $w1 (i32.add (local.get $w0) (i32.shl (local.get $stride) (i32.const 1))))
            (local.set $a0 (v128.const f64x2 0 0)) (local.set $a1 (v128.const f64x2 0 0))
            (local.set $b0 (v128.const f64x2 0 0)) (local.set $b1 (v128.const f64x2 0 0))
            (local.set $c0 (v128.const f64x2 0 0)) (local.set $c1 (v128.const f64x2 0 0))
            (local.set $d0 (v128.const f64x2 0 0)) (local.set $d1 (v128.const f64x2 0 0))
            (local.set $j (i32.const 0)) ;; byte offset in a row
            (loop $dot
              (local.set $at (i32.add (local.get $w0) (local.get $j)))
              (local.set $v0 (v128.load64_lane 1 (i32.add (local.get $at) (local.get $stride)) (v128.load64_splat (local.get $at))))
              (local.set $at (i32.add (local.get $w1) (local.get $j)))
              (local.set $v1 (v128.load64_lane 1 (i32.add (local.get $at) (local.get $stride)) (v128.load64_splat (local.get $at))))
              (local.set $t (v128.load64_splat (i32.add (local.get $g0) (local.get $j))))
              (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $t) (local.get $v0))))
              (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $t) (local.get $v1))))
              (local.set $t (v128.load64_splat (i32.add (local.get $g1) (local.get $j))))
              (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $t) (local.get $v0))))
              (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $t) (local.get $v1))))
              (local.set $t (v128.load64_splat (i32.add (local.get $g2) (local.get $j))))
              (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (local.get $t) (local.get $v0))))
              (local.set $c1 (f64x2.add (local.get $c1) (f64x2.mul (local.get $t) (local.get $v1))))
              (local.set $t (v128.load64_splat (i32.add (local.get $g3) (local.get $j))))
              (local.set $d0 (f64x2.add (local.get $d0) (f64x2.mul (local.get $t) (local.get $v0))))
              (local.set $d1 (f64x2.add (local.get $d1) (f64x2.mul (local.get $t) (local.get $v1))))
              (local.set $j (i32.add (local.get $j) (i32.const 8)))
              (br_if $dot (i32.lt_u (local.get $j) (local.get $stride))))
            (local.set $at (i32.add (local.get $o) (i32.shl (local.get $p) (i32.const 3))))
            (v128.store (local.get $at) (local.get $a0))
            (v128.store offset=16 (local.get $at) (local.get $a1))
            (local.set $at (i32.add (local.get $at) (local.get $k8)))
            (v128.store (local.get $at) (local.get $b0))
            (v128.store offset=16 (local.get $at) (local.get $b1))
            (local.set $at (i32.add (local.get $at) (local.get $k8)))
            (v128.store (local.get $at) (local.get $c0))
            (v128.store offset=16 (local.get $at) (local.get $c1))
            (local.set $at (i32.add (local.get $at) (local.get $k8)))
            (v128.store (local.get $at) (local.get $d0))
            (v128.store offset=16 (local.get $at) (local.get $d1))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $fours)))
        ;; outputs p, p + 1
        (if (i32.le_u (i32.add (local.get $p) (i32.const 2)) (local.get $k))
          (then
            (local.set $w0 (i32.add (local.get $w) (i32.mul (local.get $p) (local.get $stride))))
            (local.set $a0 (v128.const f64x2 0 0)) (local.set $b0 (v128.const f64x2 0 0))
            (local.set $c0 (v128.const f64x2 0 0)) (local.set $d0 (v128.const f64x2 0 0))
            (local.set $j (i32.const 0))
            (loop $dot
              (local.set $at (i32.add (local.get $w0) (local.get $j)))
              (local.set $v0 (v128.load64_lane 1 (i32.add (local.get $at) (local.get $stride)) (v128.load64_splat (local.get $at))))
              (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load64_splat (i32.add (local.get $g0) (local.get $j))) (local.get $v0))))
              (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (v128.load64_splat (i32.add (local.get $g1) (local.get $j))) (local.get $v0))))
              (local.set $c0 (f64x2.add (local.get $c0) (f64x2.mul (v128.load64_splat (i32.add (local.get $g2) (local.get $j))) (local.get $v0))))
              (local.set $d0 (f64x2.add (local.get $d0) (f64x2.mul (v128.load64_splat (i32.add (local.get $g3) (local.get $j))) (local.get $v0))))
              (local.set $j (i32.add (local.get $j) (i32.const 8)))
              (br_if $dot (i32.lt_u (local.get $j) (local.get $stride))))
            (local.set $at (i32.add (local.get $o) (i32.shl (local.get $p) (i32.const 3))))
            (v128.store (local.get $at) (local.get $a0))
            (local.set $at (i32.add (local.get $at) (local.get $k8)))
            (v128.store (local.get $at) (local.get $b0))
            (local.set $at (i32.add (local.get $at) (local.get $k8)))
            (v128.store (local.get $at) (local.get $c0))
            (local.set $at (i32.add (local.get $at) (local.get $k8)))
            (v128.store (local.get $at) (local.get $d0))
            (local.set $p (i32.add (local.get $p) (i32.const 2)))))
        ;; an odd last output p
        (if (i32.lt_u (local.get $p) (local.get $k))
          (then
            (local.set $w0 (i32.add (local.get $w) (i32.mul (local.get $p) (local.get $stride))))
            (local.set $s0 (f64.const 0)) (local.set $s1 (f64.const 0))
            (local.set $s2 (f64.const 0)) (local.set $s3 (f64.const 0))
            (local.set $j (i32.const 0))
            (loop $dot
              (local.set $wj (f64.load (i32.add (local.get $w0) (local.get $j))))
              (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (i32.add (local.get $g0) (local.get $j))) (local.get $wj))))
              (local.set $s1 (f64.add (local.get $s1) (f64.mul (f64.load (i32.add (local.get $g1) (local.get $j))) (local.get $wj))))
              (local.set $s2 (f64.add (local.get $s2) (f64.mul (f64.load (i32.add (local.get $g2) (local.get $j))) (local.get $wj))))
              (local.set $s3 (f64.add (local.get $s3) (f64.mul (f64.load (i32.add (local.get $g3) (local.get $j))) (local.get $wj))))
              (local.set $j (i32.add (local.get $j) (i32.const 8)))
              (br_if $dot (i32.lt_u (local.get $j) (local.get $stride))))
            (local.set $at (i32.add (local.get $o) (i32.shl (local.get $p) (i32.const 3))))
            (f64.store (local.get $at) (local.get $s0))
            (local.set $at (i32.add (local.get $at) (local.get $k8)))
            (f64.store (local.get $at) (local.get $s1))
            (local.set $at (i32.add (local.get $at) (local.get $k8)))
            (f64.store (local.get $at) (local.get $s2))
            (local.set $at (i32.add (local.get $at) (local.get $k8)))
            (f64.store (local.get $at) (local.get $s3))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $quads)))
    (if (i32.lt_u (local.get $i) (local.get $n))
      (then (call $matmulTransposeBRows
              (i32.add (local.get $g) (i32.mul (local.get $i) (local.get $stride))) (local.get $w)
              (i32.add (local.get $out) (i32.mul (local.get $i) (local.get $k8)))
              (i32.sub (local.get $n) (local.get $i)) (local.get $m) (local.get $k)))))

  ;; The same, one row of g at a time (for the rows left over): eight outputs (p .. p + 7) in
  ;; four f64x2 sums, whose lanes are rows p, p + 1 of w (m values apart, so each lane is loaded
  ;; on its own); then two in two scalar sums, then one.
  (func $matmulTransposeBRows
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

  ;; out[m] = the mean of g's n rows: each column summed in row order from 0, then divided by n
  ;; (as numpy). Eight columns at a time in four f64x2 sums, then two, then one.
  (func $meanOverRows (param $g i32) (param $out i32) (param $n i32) (param $m i32)
    (local $j i32) (local $stride i32) (local $size i32) (local $at i32) (local $end i32) (local $nn v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s f64)
    (local.set $stride (i32.shl (local.get $m) (i32.const 3)))
    (local.set $size (i32.mul (local.get $n) (local.get $stride)))
    (local.set $nn (f64x2.splat (f64.convert_i32_u (local.get $n))))
    (block $eightsDone
      (loop $eights
        (br_if $eightsDone (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $stride)))
        (local.set $a0 (v128.const f64x2 0 0)) (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0)) (local.set $a3 (v128.const f64x2 0 0))
        (local.set $at (i32.add (local.get $g) (local.get $j)))
        (local.set $end (i32.add (local.get $at) (local.get $size)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $a0 (f64x2.add (local.get $a0) (v128.load (local.get $at))))
            (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $at))))
            (local.set $a2 (f64x2.add (local.get $a2) (v128.load offset=32 (local.get $at))))
            (local.set $a3 (f64x2.add (local.get $a3) (v128.load offset=48 (local.get $at))))
            (local.set $at (i32.add (local.get $at) (local.get $stride)))
            (br $rows)))
        (local.set $at (i32.add (local.get $out) (local.get $j)))
        (v128.store (local.get $at) (f64x2.div (local.get $a0) (local.get $nn)))
        (v128.store offset=16 (local.get $at) (f64x2.div (local.get $a1) (local.get $nn)))
        (v128.store offset=32 (local.get $at) (f64x2.div (local.get $a2) (local.get $nn)))
        (v128.store offset=48 (local.get $at) (f64x2.div (local.get $a3) (local.get $nn)))
        (local.set $j (i32.add (local.get $j) (i32.const 64)))
        (br $eights)))
    (block $twosDone
      (loop $twos
        (br_if $twosDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $stride)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $at (i32.add (local.get $g) (local.get $j)))
        (local.set $end (i32.add (local.get $at) (local.get $size)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $a0 (f64x2.add (local.get $a0) (v128.load (local.get $at))))
            (local.set $at (i32.add (local.get $at) (local.get $stride)))
            (br $rows)))
        (v128.store (i32.add (local.get $out) (local.get $j)) (f64x2.div (local.get $a0) (local.get $nn)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $twos)))
    (if (i32.lt_u (local.get $j) (local.get $stride))
      (then
        (local.set $at (i32.add (local.get $g) (local.get $j)))
        (local.set $end (i32.add (local.get $at) (local.get $size)))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $s (f64.add (local.get $s) (f64.load (local.get $at))))
            (local.set $at (i32.add (local.get $at) (local.get $stride)))
            (br $rows)))
        (f64.store (i32.add (local.get $out) (local.get $j))
                   (f64.div (local.get $s) (f64.convert_i32_u (local.get $n)))))))

  ;; ---- The whole network in one call per batch (the training loop's fast path) ----
  ;; A plan describes the layers in order, in 44-byte records (layout.ts defines them): weights,
  ;; bias, output, masked gradient, weight gradient, bias gradient, input gradient (byte
  ;; offsets), then the input width k, the output width m, 1 for relu, and a scratch buffer
  ;; for denseBackward. Buffers hold at least n rows.
  ;; Each layer runs exactly the kernels of denseForward and denseBackward above.

  ;; Forward from x (n rows) through every layer; returns the last layer's output.
  (func $forwardAll (param $plan i32) (param $layers i32) (param $n i32) (param $x i32) (result i32)
    (local $in i32) (local $end i32)
    (local.set $in (local.get $x))
    (local.set $end (i32.add (local.get $plan) (i32.mul (local.get $layers) (i32.const 44))))
    (loop $each
      (call $denseForward (local.get $in) (i32.load (local.get $plan)) (i32.load offset=4 (local.get $plan))
                          (i32.load offset=8 (local.get $plan)) (local.get $n) (i32.load offset=28 (local.get $plan))
                          (i32.load offset=32 (local.get $plan)) (i32.load offset=36 (local.get $plan)))
      (local.set $in (i32.load offset=8 (local.get $plan)))
      (local.set $plan (i32.add (local.get $plan) (i32.const 44)))
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
    (local.set $at (i32.add (local.get $plan) (i32.mul (i32.sub (local.get $layers) (i32.const 1)) (i32.const 44))))
    (loop $each
      ;; the first layer's input is x, the others' the previous layer's output
      (local.set $in (if (result i32) (i32.gt_u (local.get $at) (local.get $plan))
                       (then (i32.load offset=8 (i32.sub (local.get $at) (i32.const 44))))
                       (else (local.get $x))))
      (call $denseBackward (local.get $in) (i32.load offset=8 (local.get $at)) (local.get $g)
                           (i32.load offset=12 (local.get $at)) (i32.load (local.get $at))
                           (i32.load offset=16 (local.get $at)) (i32.load offset=20 (local.get $at))
                           (i32.load offset=24 (local.get $at)) (i32.load offset=40 (local.get $at))
                           (local.get $n) (i32.load offset=28 (local.get $at))
                           (i32.load offset=32 (local.get $at)) (i32.load offset=36 (local.get $at))
                           (i32.gt_u (local.get $at) (local.get $plan))) ;; nobody uses the first layer's input gradient
      (local.set $g (i32.load offset=24 (local.get $at)))
      ;; compare before stepping back: at - 44 would wrap around below a table at address < 44
      (if (i32.gt_u (local.get $at) (local.get $plan))
        (then (local.set $at (i32.sub (local.get $at) (i32.const 44)))
              (br $each))))
    (local.get $loss))

  (func $lastWidth (param $plan i32) (param $layers i32) (result i32)
    (i32.load offset=32 (i32.add (local.get $plan) (i32.mul (i32.sub (local.get $layers) (i32.const 1)) (i32.const 44)))))

  ;; ---- Optimizer updates: every parameter of the network in one call per step ----
  ;; A parameter table lists each parameter array in a 24-byte record (layout.ts defines it):
  ;; values, gradient, length, 1 for weights or 0 for biases, then up to two state arrays
  ;; (momentum's velocity; Adam's m and v). Each update applies the rule with the exact
  ;; operations, in the exact order, of the TypeScript loops in src/lesson/optim, to the batch
  ;; mean of the gradient: a weight gradient, summed over the batch, is divided by the batch
  ;; size as it is read (the lesson's scaling rule, as src/lesson/train/parameters.ts), in the
  ;; same pass over the parameter as the rule itself; bias gradients are means already. The
  ;; gradient arrays are only read.

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

  ;; How a record's gradient becomes a batch mean as it is read: g * inverse when inverse is
  ;; not 0 (1 for biases, which are means already: g * 1 is g; 1 / batchSize for weights when
  ;; that is a power of two), else g / batchSize. The step functions below take both numbers.
  (func $meanInverse (param $entry i32) (param $batchSize f64) (result f64)
    (if (result f64) (i32.load offset=12 (local.get $entry))
      (then (call $powerOfTwoInverse (local.get $batchSize)))
      (else (f64.const 1))))

  ;; SGD: p += -lr * mean(g), two values per f64x2 step, then the odd one. The loop is written
  ;; twice, for the multiplication and for the division, so that no step has to choose.
  (func $sgdStep (param $p i32) (param $g i32) (param $len i32) (param $lr f64) (param $inverse f64) (param $size f64)
    (local $end i32) (local $minusLr v128) (local $inverses v128) (local $sizes v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $minusLr (f64x2.splat (f64.neg (local.get $lr))))
    (local.set $inverses (f64x2.splat (local.get $inverse)))
    (local.set $sizes (f64x2.splat (local.get $size)))
    (if (f64.ne (local.get $inverse) (f64.const 0))
      (then
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
            (v128.store (local.get $p)
              (f64x2.add (v128.load (local.get $p))
                         (f64x2.mul (local.get $minusLr) (f64x2.mul (v128.load (local.get $g)) (local.get $inverses)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (br $pairs))))
      (else
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
            (v128.store (local.get $p)
              (f64x2.add (v128.load (local.get $p))
                         (f64x2.mul (local.get $minusLr) (f64x2.div (v128.load (local.get $g)) (local.get $sizes)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (br $pairs)))))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then (f64.store (local.get $p)
              (f64.add (f64.load (local.get $p))
                       (f64.mul (f64.neg (local.get $lr))
                                (call $meanScalar (f64.load (local.get $g)) (local.get $inverse) (local.get $size))))))))

  ;; One gradient value's batch mean, as the pairs above.
  (func $meanScalar (param $g f64) (param $inverse f64) (param $size f64) (result f64)
    (if (result f64) (f64.ne (local.get $inverse) (f64.const 0))
      (then (f64.mul (local.get $g) (local.get $inverse)))
      (else (f64.div (local.get $g) (local.get $size)))))

  ;; Momentum: v = v * mu - lr * mean(g); p += v. Two values per step (a loop for each way of
  ;; taking the mean, as in sgdStep), then the odd one.
  (func $momentumStep (param $p i32) (param $g i32) (param $v i32) (param $len i32) (param $lr f64) (param $mu f64)
                      (param $inverse f64) (param $size f64)
    (local $end i32) (local $vi f64) (local $vv v128) (local $mus v128) (local $lrs v128) (local $inverses v128) (local $sizes v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $len) (i32.const 3))))
    (local.set $mus (f64x2.splat (local.get $mu)))
    (local.set $lrs (f64x2.splat (local.get $lr)))
    (local.set $inverses (f64x2.splat (local.get $inverse)))
    (local.set $sizes (f64x2.splat (local.get $size)))
    (if (f64.ne (local.get $inverse) (f64.const 0))
      (then
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
            (local.set $vv
              (f64x2.sub (f64x2.mul (v128.load (local.get $v)) (local.get $mus))
                         (f64x2.mul (local.get $lrs) (f64x2.mul (v128.load (local.get $g)) (local.get $inverses)))))
            (v128.store (local.get $v) (local.get $vv))
            (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (local.get $vv)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (local.set $v (i32.add (local.get $v) (i32.const 16)))
            (br $pairs))))
      (else
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
            (local.set $vv
              (f64x2.sub (f64x2.mul (v128.load (local.get $v)) (local.get $mus))
                         (f64x2.mul (local.get $lrs) (f64x2.div (v128.load (local.get $g)) (local.get $sizes)))))
            (v128.store (local.get $v) (local.get $vv))
            (v128.store (local.get $p) (f64x2.add (v128.load (local.get $p)) (local.get $vv)))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $g (i32.add (local.get $g) (i32.const 16)))
            (local.set $v (i32.add (local.get $v) (i32.const 16)))
            (br $pairs)))))
    (if (i32.lt_u (local.get $p) (local.get $end))
      (then
        (local.set $vi
          (f64.sub (f64.mul (f64.load (local.get $v)) (local.get $mu))
                   (f64.mul (local.get $lr) (call $meanScalar (f64.load (local.get $g)) (local.get $inverse) (local.get $size)))))
        (f64.store (local.get $v) (local.get $vi))
        (f64.store (local.get $p) (f64.add (f64.load (local.get $p)) (local.get $vi))))))

  ;; Adam: m = m * b1 + (1 - b1) * g; v = v * b2 + (1 - b2) * (g * g), with g the batch mean;
  ;; p += (-lr * (m / c1)) / (sqrt(v / c2) + eps), with c1, c2 the bias corrections 1 - b^t.
  (func $adamStep
        (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $len i32) (param $lr f64)
        (param $b1 f64) (param $b2 f64) (param $c1 f64) (param $c2 f64) (param $eps f64)
        (param $inverse f64) (param $size f64)
    (local $end i32) (local $grad f64) (local $mi f64) (local $vi f64)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $len) (i32.const 3))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $grad (f64.load (local.get $g)))
        (local.set $grad
          (if (result f64) (f64.ne (local.get $inverse) (f64.const 0))
            (then (f64.mul (local.get $grad) (local.get $inverse)))
            (else (f64.div (local.get $grad) (local.get $size)))))
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
        (call $sgdStep (i32.load (local.get $table)) (i32.load offset=4 (local.get $table)) (i32.load offset=8 (local.get $table))
                       (local.get $lr) (call $meanInverse (local.get $table) (local.get $batchSize)) (local.get $batchSize))
        (local.set $table (i32.add (local.get $table) (i32.const 24)))
        (br $each))))

  (func (export "momentumNetwork") (param $table i32) (param $count i32) (param $lr f64) (param $batchSize f64) (param $mu f64)
    (local $end i32)
    (local.set $end (i32.add (local.get $table) (i32.mul (local.get $count) (i32.const 24))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $table) (local.get $end)))
        (call $momentumStep (i32.load (local.get $table)) (i32.load offset=4 (local.get $table)) (i32.load offset=16 (local.get $table))
                            (i32.load offset=8 (local.get $table)) (local.get $lr) (local.get $mu)
                            (call $meanInverse (local.get $table) (local.get $batchSize)) (local.get $batchSize))
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
        (if (i32.and (local.get $decay) (i32.load offset=12 (local.get $table)))
          (then (call $decayStep (i32.load (local.get $table)) (i32.load offset=8 (local.get $table)) (local.get $shrink))))
        (call $adamStep (i32.load (local.get $table)) (i32.load offset=4 (local.get $table)) (i32.load offset=16 (local.get $table))
                        (i32.load offset=20 (local.get $table)) (i32.load offset=8 (local.get $table)) (local.get $lr)
                        (local.get $b1) (local.get $b2) (local.get $c1) (local.get $c2) (local.get $eps)
                        (call $meanInverse (local.get $table) (local.get $batchSize)) (local.get $batchSize))
        (local.set $table (i32.add (local.get $table) (i32.const 24)))
        (br $each))))

  ;; The record sizes this module reads, checked against layout.ts when the module is loaded.
  (global (export "layerRecordBytes") i32 (i32.const 44))
  (global (export "parameterRecordBytes") i32 (i32.const 24))
)
