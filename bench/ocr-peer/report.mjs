// Prints the comparison table from the JSON lines of peer.mjs and main.go.
// Usage: node report.mjs PEER.jsonl OURS.jsonl
import fs from 'node:fs'

const load = (f) => new Map(fs.readFileSync(f, 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l)).map((r) => [r.name, r]))
const peer = load(process.argv[2]), ours = load(process.argv[3])
const pad = (s, n) => String(s).padEnd(n)
const num = (v, d) => (v === undefined ? '-' : v.toFixed(d))
console.log(pad('image', 22), pad('peer ms', 9), pad('peer CER', 9), pad('our ms', 9), pad('our CER', 9), 'ratio')
let pt = 0, ot = 0, pc = 0, oc = 0, n = 0
for (const [name, p] of peer) {
  const o = ours.get(name)
  const ratio = o ? o.ms / p.ms : undefined
  console.log(pad(name, 22), pad(num(p.ms, 1), 9), pad(num(p.cer, 3), 9), pad(num(o?.ms, 1), 9), pad(num(o?.cer, 3), 9), num(ratio, 2))
  pc += p.cer; pt += p.ms
  if (o) { oc += o.cer; ot += o.ms; n++ }
}
console.log(`mean CER: peer ${(pc / peer.size).toFixed(3)}` + (n ? `, ours ${(oc / n).toFixed(3)}; total time ratio ${(ot / pt).toFixed(2)}` : ''))
if (process.env.VERBOSE) {
  for (const [name, p] of peer) {
    console.log(`\n== ${name}\n-- peer:\n${p.text}` + (ours.has(name) ? `\n-- ours:\n${ours.get(name).text}` : ''))
  }
}
