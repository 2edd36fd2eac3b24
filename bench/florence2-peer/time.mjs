// Times transformers.js captioning with a Florence-2 folder, to compare
// with BenchmarkCaption in inference/florence2 on the same graphs:
//
//   node bench/florence2-peer/time.mjs MODEL_DIR IMAGE [RUNS] [THREADS]
//
// MODEL_DIR is a folder in the onnx-community/Florence-2-base-ft layout
// (inference/florence2/testdata/gen_fixture.py --base writes one). It loads
// the q8 graphs offline from the transformers.js install that
// inference/florence2/testdata/regen.sh makes (.cache/florence2-tjs), with
// THREADS intra-op threads (default 2), warms up once, then captions IMAGE
// with <CAPTION> and 20 new tokens RUNS times (default 5) and prints the
// mean milliseconds per caption. transformers.js 4.3.1 decodes greedily
// whatever num_beams says.

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
const { env, Florence2ForConditionalGeneration, AutoProcessor, RawImage } = tjs;
env.allowRemoteModels = false;
env.localModelPath = dirname(resolve(modelDir));
const name = basename(resolve(modelDir));
const session_options = { intraOpNumThreads: Number(threads), interOpNumThreads: 1 };
let t = performance.now();
const model = await Florence2ForConditionalGeneration.from_pretrained(name, { dtype: 'q8', local_files_only: true, session_options });
const processor = await AutoProcessor.from_pretrained(name, { local_files_only: true });
console.log(`load ${(performance.now() - t).toFixed(0)} ms`);
const img = await RawImage.read(resolve(image));
const caption = async () => {
    const inputs = await processor(img, '<CAPTION>');
    return model.generate({ ...inputs, max_new_tokens: 20, num_beams: 1 });
};
await caption();
t = performance.now();
for (let i = 0; i < Number(runs); i++) await caption();
console.log(`caption ${((performance.now() - t) / Number(runs)).toFixed(0)} ms (mean of ${runs}, ${threads} threads, q8, greedy)`);
