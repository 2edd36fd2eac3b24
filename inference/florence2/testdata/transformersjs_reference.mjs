// Runs the tiny Florence-2 fixture through transformers.js, fully offline,
// and writes what it generates: reference_transformersjs.json.
//
//   node transformersjs_reference.mjs [--modules DIR] [--model DIR]
//        [--images DIR] [--out FILE] [--dump-pixels DIR]
//        [--max-new-tokens N] [--dtypes fp32,q8]
//
// --modules: the node_modules folder holding @huggingface/transformers
//            (default: <repo>/.cache/florence2-tjs/node_modules).
// --model:   the model folder (default ./tiny beside this script). It is
//            loaded as a local model: env.localModelPath = its parent,
//            env.allowRemoteModels = false, local_files_only.
// --dump-pixels: also write each image's pixel_values as raw little-endian
//            float32 [1,3,768,768] (<image>.f32), for gen_fixture.py --beam.
//
// For every image, task and dtype it calls, as the model card does,
// processor(image, task) and model.generate({...inputs, max_new_tokens,
// num_beams: 1}), decodes with skip_special_tokens false and runs
// processor.post_process_generation. A logits processor appended after the
// built-in ones records, without changing anything, each step's score of
// the chosen token (its raw logit; 0 where BOS or EOS is forced) and margin
// (best minus second-best processed score; null where forced). It also checks that the
// generation config's own num_beams (3) gives the same ids: transformers.js
// 4.3.1 keeps only the top candidate per step.

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');

function parseArgs(argv) {
    const opts = {
        modules: join(repo, '.cache/florence2-tjs/node_modules'),
        model: join(here, 'tiny'),
        images: join(here, 'images'),
        out: join(here, 'reference_transformersjs.json'),
        dumpPixels: null,
        maxNewTokens: 20,
        dtypes: ['fp32', 'q8'],
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const next = () => argv[++i];
        if (a === '--modules') opts.modules = resolve(next());
        else if (a === '--model') opts.model = resolve(next());
        else if (a === '--images') opts.images = resolve(next());
        else if (a === '--out') opts.out = resolve(next());
        else if (a === '--dump-pixels') opts.dumpPixels = resolve(next());
        else if (a === '--max-new-tokens') opts.maxNewTokens = Number(next());
        else if (a === '--dtypes') opts.dtypes = next().split(',');
        else throw new Error(`unknown argument ${a}`);
    }
    return opts;
}

const TASKS = [
    ['<CAPTION>', 'What does the image describe?'],
    ['<DETAILED_CAPTION>', 'Describe in detail what is shown in the image.'],
    ['<MORE_DETAILED_CAPTION>', 'Describe with a paragraph what is shown in the image.'],
];

// Fixed sample positions (channel, y, x) of pixel_values and (y, x) of the
// resized RGB image, so a port can compare values, not only hashes.
const SAMPLES = [
    [0, 0, 0], [1, 0, 767], [2, 767, 0], [0, 767, 767], [1, 383, 383],
    [2, 384, 384], [0, 100, 600], [1, 600, 100], [2, 45, 321], [0, 321, 45],
    [1, 700, 700], [2, 5, 5], [0, 512, 256], [1, 256, 512], [2, 191, 575],
    [0, 575, 191],
];

function sha256(bytes) {
    return createHash('sha256').update(bytes).digest('hex');
}

function f32bytes(arr) {
    return Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
}

function pixelSummary(t) {
    const [, c, h, w] = t.dims;
    const data = t.data;
    const sums = [];
    for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (let i = ch * h * w; i < (ch + 1) * h * w; i++) s += data[i];
        sums.push(Number(s.toFixed(6)));
    }
    return {
        dims: t.dims,
        sha256: sha256(f32bytes(data)),
        channel_sums: sums,
        first: Array.from(data.slice(0, 8)),
        samples: SAMPLES.map(([ch, y, x]) => ({ c: ch, y, x, v: data[ch * h * w + y * w + x] })),
    };
}

function rgbSummary(img) {
    const { width: w, data } = img;
    return {
        width: img.width,
        height: img.height,
        channels: img.channels,
        sha256: sha256(Buffer.from(data.buffer, data.byteOffset, data.byteLength)),
        samples: SAMPLES.map(([, y, x]) => ({
            y, x, rgb: Array.from(data.slice((y * w + x) * 3, (y * w + x) * 3 + 3)),
        })),
    };
}

function marginRecorder(steps) {
    // Called with the processed scores [batch, vocab]; returns them as is.
    return (inputIds, logits) => {
        const d = logits[0].data;
        let i1 = -1, v1 = -Infinity, v2 = -Infinity;
        for (let i = 0; i < d.length; i++) {
            if (d[i] > v1) { v2 = v1; v1 = d[i]; i1 = i; } else if (d[i] > v2) { v2 = d[i]; }
        }
        steps.push({
            token: i1,
            score: Number(v1.toFixed(5)),
            margin: Number.isFinite(v2) ? Number((v1 - v2).toFixed(5)) : null,
        });
        return logits;
    };
}

async function main() {
    const opts = parseArgs(process.argv.slice(2));
    const require = createRequire(join(opts.modules, 'package.json'));
    const tjs = await import(pathToFileURL(require.resolve('@huggingface/transformers')).href);
    const { env, AutoProcessor, Florence2ForConditionalGeneration, RawImage } = tjs;
    const version = (pkg) => JSON.parse(readFileSync(join(opts.modules, pkg, 'package.json'), 'utf8')).version;

    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = dirname(opts.model) + '/';
    const id = basename(opts.model);
    const local = { local_files_only: true };

    const processor = await AutoProcessor.from_pretrained(id, local);
    const tokenizer = processor.tokenizer;
    const files = readdirSync(opts.images).filter((f) => f.endsWith('.png')).sort();
    if (opts.dumpPixels) mkdirSync(opts.dumpPixels, { recursive: true });

    const images = [];
    const loaded = [];
    for (const file of files) {
        const raw = await RawImage.read(join(opts.images, file));
        const inputs = await processor(raw, TASKS[0][0]);
        const resized = await processor.image_processor.resize(raw.rgb());
        images.push({
            file,
            width: raw.width,
            height: raw.height,
            channels: raw.channels,
            resized_rgb: rgbSummary(resized),
            pixel_values: pixelSummary(inputs.pixel_values),
        });
        if (opts.dumpPixels) {
            writeFileSync(join(opts.dumpPixels, `${file}.f32`), f32bytes(inputs.pixel_values.data));
        }
        loaded.push([file, raw]);
    }

    const cases = [];
    for (const dtype of opts.dtypes) {
        const model = await Florence2ForConditionalGeneration.from_pretrained(id, { ...local, dtype, device: 'cpu' });
        for (const [file, raw] of loaded) {
            for (const [task, prompt] of TASKS) {
                const inputs = await processor(raw, task);
                const steps = [];
                const ids = await model.generate({
                    ...inputs,
                    max_new_tokens: opts.maxNewTokens,
                    num_beams: 1,
                    do_sample: false,
                    logits_processor: [marginRecorder(steps)],
                });
                const sequence = ids.tolist()[0].map(Number);
                // The generation config's own num_beams (3) must give the same ids.
                const again = await model.generate({ ...inputs, max_new_tokens: opts.maxNewTokens });
                const sameWithBeams3 = JSON.stringify(again.tolist()[0].map(Number)) === JSON.stringify(sequence);
                if (!sameWithBeams3) throw new Error(`${file} ${task} ${dtype}: num_beams 3 differs`);
                const textRaw = tokenizer.batch_decode(ids, { skip_special_tokens: false })[0];
                const parsed = processor.post_process_generation(textRaw, task, raw.size);
                const margins = steps.map((s) => s.margin).filter((m) => m !== null);
                cases.push({
                    image: file,
                    dtype,
                    task,
                    prompt,
                    input_ids: inputs.input_ids.tolist()[0].map(Number),
                    sequence,
                    generated_ids: sequence.slice(1),
                    text_raw: textRaw,
                    text: parsed[task],
                    text_skip_special: tokenizer.decode(sequence, { skip_special_tokens: true }),
                    min_margin: margins.length ? Math.min(...margins) : null,
                    step_margins: steps.map((s) => s.margin),
                    step_scores: steps.map((s) => s.score),
                });
                process.stderr.write(`${dtype} ${file} ${task}: ${JSON.stringify(parsed[task])}\n`);
            }
        }
        await model.dispose();
    }

    const out = {
        description:
            'transformers.js greedy generation (num_beams 1; the default 3 gives the same ids) on the tiny ' +
            'Florence-2 fixture, written by transformersjs_reference.mjs. See README.md.',
        versions: {
            node: process.version,
            '@huggingface/transformers': version('@huggingface/transformers'),
            'onnxruntime-node': version('onnxruntime-node'),
            sharp: version('sharp'),
            '@huggingface/tokenizers': version('@huggingface/tokenizers'),
        },
        generate: { max_new_tokens: opts.maxNewTokens, num_beams: 1, do_sample: false },
        decode: {
            text_raw: 'tokenizer.batch_decode(ids, {skip_special_tokens: false})',
            text: 'processor.post_process_generation(text_raw, task, image.size)[task]',
            text_skip_special: 'tokenizer.decode(ids, {skip_special_tokens: true})',
        },
        images,
        cases,
    };
    writeFileSync(opts.out, JSON.stringify(out, null, 1) + '\n');
}

await main();
