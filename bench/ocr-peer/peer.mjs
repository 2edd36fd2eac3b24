// Runs @gutenye/ocr-node on the test screens; prints one JSON line per image:
// {"name", "ms", "cer", "text"} (text = the peer's lines joined by "\n", in
// its own order; cer = Levenshtein over code points / ground-truth length).
// Usage: node peer.mjs SCREENS_DIR [RUNS]   (run from the folder where
// @gutenye/ocr-node is installed, or with NODE_PATH pointing at it)
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createRequire } from 'node:module'

const dir = process.argv[2]
const runs = Number(process.argv[3] || 3)
const require = createRequire(path.join(process.cwd(), 'noop.js'))
const { default: Ocr } = await import(require.resolve('@gutenye/ocr-node'))

export function cer(ref, hyp) {
  const r = [...ref], h = [...hyp]
  if (r.length === 0) return h.length === 0 ? 0 : 1
  let prev = Array.from({ length: h.length + 1 }, (_, j) => j)
  for (let i = 1; i <= r.length; i++) {
    const cur = [i]
    for (let j = 1; j <= h.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r[i - 1] === h[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[h.length] / r.length
}

const ocr = await Ocr.create()
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort()
let warm = false
for (const f of files) {
  const img = path.join(dir, f)
  const truth = fs.readFileSync(img.replace(/\.png$/, '.txt'), 'utf8').replace(/\n+$/, '')
  if (!warm) { await ocr.detect(img); warm = true }
  const times = []
  let lines = []
  for (let k = 0; k < Math.max(runs, 1); k++) {
    const t0 = performance.now()
    lines = await ocr.detect(img)
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  const text = lines.map((l) => l.text).join('\n')
  console.log(JSON.stringify({ name: f, ms: +times[times.length >> 1].toFixed(1), cer: +cer(truth, text).toFixed(4), text }))
}
