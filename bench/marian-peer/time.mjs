// Times transformers.js translating a 30-word caption with a MarianMT
// folder, to compare with BenchmarkTranslate in inference/marian on the
// same graphs:
//
//   node bench/marian-peer/time.mjs MODEL_DIR [RUNS] [THREADS]
//
// MODEL_DIR is a folder in Xenova/opus-mt-en-de's layout
// (inference/marian/testdata/gen_fixture.py --base writes one). It loads
// the q8 graphs offline from the transformers.js install in
// .cache/florence2-tjs, with THREADS intra-op threads (default 2), warms
// up once, then translates RUNS times (default 5) with 40 new tokens
// (greedy: transformers.js 4.3.1 has no beam search) and prints the mean.

import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [modelDir, runs = '5', threads = '2'] = process.argv.slice(2);
if (!modelDir) {
    console.error('usage: node time.mjs MODEL_DIR [RUNS] [THREADS]');
    process.exit(2);
}
const require = createRequire(join(repo, '.cache/florence2-tjs/node_modules/'));
const tjs = await import(pathToFileURL(require.resolve('@huggingface/transformers')).href);
const { env, AutoTokenizer, MarianMTModel } = tjs;
env.allowRemoteModels = false;
env.localModelPath = dirname(resolve(modelDir));
const name = basename(resolve(modelDir));
const session_options = { intraOpNumThreads: Number(threads), interOpNumThreads: 1 };
const model = await MarianMTModel.from_pretrained(name, { dtype: 'q8', device: 'cpu', local_files_only: true, session_options });
const tokenizer = await AutoTokenizer.from_pretrained(name, { local_files_only: true });
const caption = 'A screenshot of a settings window with a list of options on the left, a blue button labelled save at the bottom right, and a search field above the list.';
const translate = async () => {
    const inputs = tokenizer(caption);
    const out = await model.generate({ ...inputs, max_new_tokens: 40, num_beams: 1, do_sample: false });
    return tokenizer.batch_decode(out, { skip_special_tokens: true })[0];
};
await translate();
const t = performance.now();
for (let i = 0; i < Number(runs); i++) await translate();
console.log(`translation ${((performance.now() - t) / Number(runs)).toFixed(0)} ms (mean of ${runs}, ${threads} threads, q8, greedy, 40 new tokens)`);
