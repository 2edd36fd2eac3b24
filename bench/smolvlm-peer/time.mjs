// Times transformers.js answering a question with a SmolVLM folder, to
// compare with BenchmarkAsk in inference/smolvlm on the same graphs:
//
//   node bench/smolvlm-peer/time.mjs MODEL_DIR IMAGE [RUNS] [THREADS]
//
// MODEL_DIR is a folder in the HuggingFaceTB/SmolVLM-256M-Instruct layout
// (inference/smolvlm/testdata/gen_fixture.py --base writes one). It loads
// the q8 graphs offline from the transformers.js install that
// inference/smolvlm/testdata/regen.sh makes (.cache/florence2-tjs), with
// THREADS intra-op threads (default 2), warms up once, then RUNS times
// (default 5) asks one question about IMAGE with splitting off and 24 new
// tokens, and prints the mean time to the first token and the decoding
// speed after it (a logits processor notes when each token's logits
// arrive).

import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [modelDir, image, runs = '5', threads = '2'] = process.argv.slice(2);
if (!modelDir || !image) {
    console.error('usage: node time.mjs MODEL_DIR IMAGE [RUNS] [THREADS]');
    process.exit(2);
}
const require = createRequire(join(repo, '.cache/florence2-tjs/node_modules/'));
const tjs = await import(pathToFileURL(require.resolve('@huggingface/transformers')).href);
const { env, AutoModelForVision2Seq, AutoProcessor, RawImage } = tjs;
env.allowRemoteModels = false;
env.localModelPath = dirname(resolve(modelDir));
const name = basename(resolve(modelDir));
const session_options = { intraOpNumThreads: Number(threads), interOpNumThreads: 1 };
let t = performance.now();
const model = await AutoModelForVision2Seq.from_pretrained(name, { dtype: 'q8', device: 'cpu', local_files_only: true, session_options });
const processor = await AutoProcessor.from_pretrained(name, { local_files_only: true });
console.log(`load ${(performance.now() - t).toFixed(0)} ms`);
const img = await RawImage.read(resolve(image));
const messages = [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: 'What is on the screen?' }] }];
const ask = async () => {
    const stamps = [];
    const start = performance.now();
    const text = processor.apply_chat_template(messages, { add_generation_prompt: true });
    const inputs = await processor(text, [img], { do_image_splitting: false });
    await model.generate({
        ...inputs, max_new_tokens: 24, do_sample: false,
        logits_processor: [(ids, logits) => { stamps.push(performance.now()); return logits; }],
    });
    return { first: stamps[0] - start, rate: (stamps.length - 1) / ((stamps.at(-1) - stamps[0]) / 1000) };
};
await ask();
let first = 0, rate = 0;
for (let i = 0; i < Number(runs); i++) {
    const r = await ask();
    first += r.first / Number(runs);
    rate += r.rate / Number(runs);
}
console.log(`first-token ${first.toFixed(0)} ms, ${rate.toFixed(2)} tokens/s (mean of ${runs}, ${threads} threads, q8, splitting off)`);
