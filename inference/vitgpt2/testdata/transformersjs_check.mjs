// Cross-check of the tiny vit-gpt2 fixture against the reference JavaScript
// implementation, npm @huggingface/transformers (transformers.js).
//
// Not part of `make test`: it needs Node and an npm install outside the
// repository. See README.md, "Cross-check with transformers.js".
//
//   node transformersjs_check.mjs [--model DIR] [--trace] [--score 'ID ID ...']... IMAGE.png...
//
// For each image it prints the pipeline's caption (greedy, and with
// num_beams 4), then runs processor + model.generate to get the token ids
// and each step's probabilities (read from the raw logits). --score scores
// a given id sequence (start token first) on every image with one
// whole-sequence decoder run (no cache). --trace prints what transformers.js
// feeds the merged decoder at every run.
//
// @huggingface/transformers is resolved from the current directory (the
// scratch folder where it was installed), not from this file's folder, so
// the script can stay in the repository while node_modules stays outside it.
// The model folder (default: ./tiny next to this file) is used unchanged:
// a temporary folder gets a symlink to it at Xenova/vit-gpt2-image-captioning
// and becomes env.localModelPath; remote models are disabled.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MODEL_ID = 'Xenova/vit-gpt2-image-captioning';

function findTransformers(start) {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const pkgDir = path.join(dir, 'node_modules', '@huggingface', 'transformers');
    const pkgJSON = path.join(pkgDir, 'package.json');
    if (fs.existsSync(pkgJSON)) {
      const pkg = JSON.parse(fs.readFileSync(pkgJSON, 'utf8'));
      const entry = pkg.exports?.node?.import?.default ?? pkg.exports?.node?.import ?? pkg.module ?? pkg.main;
      return { version: pkg.version, url: pathToFileURL(path.join(pkgDir, entry)).href };
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`@huggingface/transformers not found from ${start}; run this from the folder where it is installed`);
    }
  }
}

function parseArgs(argv) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = { model: path.join(here, 'tiny'), images: [], score: [], trace: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--model') out.model = path.resolve(argv[++i]);
    else if (argv[i] === '--trace') out.trace = true;
    else if (argv[i] === '--score') out.score.push(argv[++i].trim().split(/[\s,]+/).map(Number));
    else out.images.push(argv[i]);
  }
  if (!fs.existsSync(path.join(out.model, 'config.json'))) {
    console.error(`no config.json in ${out.model}; pass --model DIR`);
    process.exit(2);
  }
  if (out.images.length === 0) {
    console.error('usage: node transformersjs_check.mjs [--model DIR] IMAGE.png...');
    process.exit(2);
  }
  return out;
}

function logSoftmax(row) {
  let m = -Infinity;
  for (const v of row) m = Math.max(m, v);
  let s = 0;
  for (const v of row) s += Math.exp(v - m);
  const lse = m + Math.log(s);
  return Array.from(row, (v) => v - lse);
}

const args = parseArgs(process.argv.slice(2));
const tjs = findTransformers(process.cwd());
const T = await import(tjs.url);
const { env, pipeline, AutoProcessor, AutoTokenizer, AutoModelForVision2Seq, RawImage, LogitsProcessor } = T;

// The model folder, unchanged, under a temporary localModelPath.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tjs-models-'));
fs.mkdirSync(path.join(root, 'Xenova'));
fs.symlinkSync(args.model, path.join(root, MODEL_ID));
env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = root + path.sep;
env.useBrowserCache = false;
env.useFSCache = false;

console.log(`transformers.js ${tjs.version} (${T.env.version ?? '?'}), model ${args.model}`);

const opts = { dtype: 'fp32', device: 'cpu' };
const captioner = await pipeline('image-to-text', MODEL_ID, opts);

// Records each step's raw logits (it is the last processor, and no other
// processor is active with this generation config) without changing them.
class Recorder extends LogitsProcessor {
  constructor() { super(); this.steps = []; }
  _call(inputIds, logits) {
    const [batch, vocab] = logits.dims;
    const data = logits.data;
    for (let b = 0; b < batch; b++) {
      this.steps.push({ batch: b, logits: data.slice(b * vocab, (b + 1) * vocab) });
    }
    return logits;
  }
}

const processor = await AutoProcessor.from_pretrained(MODEL_ID);
const tokenizer = await AutoTokenizer.from_pretrained(MODEL_ID);
const model = await AutoModelForVision2Seq.from_pretrained(MODEL_ID, opts);
const eos = model.generation_config?.eos_token_id ?? model.config.eos_token_id;
console.log(`sessions: ${Object.keys(model.sessions).join(', ')}`);
for (const [name, sess] of Object.entries(model.sessions)) {
  console.log(`  ${name}: inputs ${sess.inputNames.join(', ')}; outputs ${sess.outputNames.join(', ')}`);
}
if (args.trace) {
  const dec = model.sessions.decoder_model_merged;
  const run = dec.run.bind(dec);
  dec.run = async (feeds, ...rest) => {
    const desc = Object.entries(feeds).map(([k, t]) => {
      let v = `${k} ${t.type}[${t.dims.join(',')}]`;
      if (k === 'use_cache_branch' || k === 'input_ids') v += `=${Array.from(t.data).join(' ')}`;
      return v;
    });
    console.log(`  decoder_model_merged.run: ${desc.join('; ')}`);
    return run(feeds, ...rest);
  };
}

const results = [];
for (const file of args.images) {
  const image = await RawImage.read(path.resolve(file));
  const row = { image: path.basename(file), size: `${image.width}x${image.height}x${image.channels}` };

  // 1. The pipeline, greedy (the model's generation_config) and num_beams 4.
  const [greedy] = await captioner(image);
  row.pipeline_greedy = greedy.generated_text;
  const [beam4] = await captioner(image, { num_beams: 4 });
  row.pipeline_beams4 = beam4.generated_text;

  // 2. Processor + model + generate: token ids and per-step log-probabilities.
  const inputs = await processor(image);
  const pv = inputs.pixel_values;
  let pmin = Infinity, pmax = -Infinity, psum = 0;
  for (const v of pv.data) { pmin = Math.min(pmin, v); pmax = Math.max(pmax, v); psum += v; }
  row.pixel_values = { dims: pv.dims, min: pmin, max: pmax, mean: psum / pv.data.length };
  for (const [label, extra] of [['greedy', {}], ['beams4', { num_beams: 4 }]]) {
    const rec = new Recorder();
    const ids = await model.generate({ ...inputs, ...extra, logits_processor: [rec] });
    const seq = ids.tolist()[0].map(Number);
    const steps = [];
    let sum = 0;
    for (let t = 0; t < rec.steps.length; t++) {
      const lp = logSoftmax(rec.steps[t].logits);
      const chosen = seq[t + 1];
      const order = lp.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]).slice(0, 3);
      sum += lp[chosen];
      steps.push({
        token: chosen,
        p: +Math.exp(lp[chosen]).toFixed(6),
        top3: order.map(([v, i]) => `${i}:${Math.exp(v).toFixed(6)}`).join(' '),
      });
    }
    row[`${label}_ids`] = seq;
    row[`${label}_text`] = tokenizer.decode(seq, { skip_special_tokens: true }).trim();
    row[`${label}_sum_logp`] = +sum.toFixed(6);
    row[`${label}_steps`] = steps;
    row[`${label}_finished`] = seq.at(-1) === eos;
  }
  // 3. Whole-sequence scoring of given id sequences (use_cache_branch false).
  for (const ids of args.score) {
    const decoder_input_ids = new T.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]);
    const out = await model.forward({ pixel_values: pv, decoder_input_ids });
    const [, len, vocab] = out.logits.dims;
    let sum = 0;
    const ps = [];
    for (let t = 0; t + 1 < len; t++) {
      const lp = logSoftmax(out.logits.data.slice(t * vocab, (t + 1) * vocab));
      sum += lp[ids[t + 1]];
      ps.push(+Math.exp(lp[ids[t + 1]]).toFixed(6));
    }
    (row.scored ??= []).push({ ids: ids.join(' '), text: tokenizer.decode(ids, { skip_special_tokens: true }).trim(), p: ps, sum_logp: +sum.toFixed(6) });
  }
  results.push(row);
  console.log(JSON.stringify(row, null, 1));
}

console.log('\nsummary');
for (const r of results) {
  console.log(`${r.image}\tgreedy "${r.pipeline_greedy}" [${r.greedy_ids.join(' ')}] Σlogp ${r.greedy_sum_logp}` +
    `\tbeams4 "${r.pipeline_beams4}" [${r.beams4_ids.join(' ')}]`);
  for (const sc of r.scored ?? []) console.log(`\t  score [${sc.ids}] "${sc.text}" Σlogp ${sc.sum_logp}`);
}
await captioner.dispose?.();
await model.dispose?.();
fs.rmSync(root, { recursive: true, force: true });
