// Runs the tiny SmolVLM (Idefics3) fixture through transformers.js, fully
// offline, and writes what it generates: reference_transformersjs.json.
//
//   node transformersjs_reference.mjs [--modules DIR] [--model DIR]
//        [--images DIR] [--out FILE] [--dump-pixels DIR]
//        [--max-new-tokens N] [--dtypes fp32,q8]
//
// --modules: the node_modules folder holding @huggingface/transformers
//            (default: <repo>/.cache/florence2-tjs/node_modules).
// --model:   the model folder (default ./tiny beside this script), loaded
//            as a local model: env.localModelPath = its parent,
//            env.allowRemoteModels = false, local_files_only.
// --dump-pixels: also write each case's pixel_values as raw little-endian
//            float32 [1, tiles, 3, 512, 512] (<image>.<split|nosplit>.f32).
//
// For every image, splitting on (the config's do_image_splitting) and off
// (do_image_splitting: false passed to the processor call), and question,
// as the model card does: messages = [{role: 'user', content: [{type:
// 'image'}, {type: 'text', text: question}]}], text =
// processor.apply_chat_template(messages, {add_generation_prompt: true}),
// inputs = await processor(text, [image], {do_image_splitting}),
// model.generate({...inputs, max_new_tokens, do_sample: false}), decoded
// with batch_decode(new ids, {skip_special_tokens: true}). Two-turn
// conversations append {role: 'assistant', content: [{type: 'text', text:
// answer.trim()}]} and a second user turn (text only), rebuild the prompt
// and run again with the same image. A logits processor appended after the
// built-in ones records, without changing anything, each step's chosen
// token, its logit and the margin (best minus second-best). A wrapper
// around the decoder session records what generate feeds it (input names
// and dims, attention_mask / position_ids values) for the first case.

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
        maxNewTokens: 24,
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

const Q_COLOUR = 'What colour is the background?';
const Q_DESCRIBE = 'Describe this image.';
const Q_TEXT = 'Is there any text?';
const Q_SHAPE = 'What shape is it?';
const QUESTIONS = [Q_COLOUR, Q_DESCRIBE, Q_TEXT];

// Two-turn conversations: [image, splitting, question 1, question 2].
const CONVERSATIONS = [
    ['screen_1920x1080.png', true, Q_DESCRIBE, Q_COLOUR],
    ['wide_800x200.png', false, Q_COLOUR, Q_SHAPE],
    ['photo_300x200.png', true, Q_COLOUR, Q_TEXT],
    ['tall_300x600.png', false, Q_DESCRIBE, Q_SHAPE],
];

function sha256(bytes) {
    return createHash('sha256').update(bytes).digest('hex');
}

function f32bytes(arr) {
    return Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength);
}

function round(x, n = 6) {
    return Number(x.toFixed(n));
}

// pixel_values [1, tiles, 3, H, W]: dims, hash, per-tile channel sums and a
// few sampled values per tile (c, y, x).
const SAMPLES = [[0, 0, 0], [1, 0, 511], [2, 511, 0], [0, 511, 511], [1, 255, 256], [2, 100, 400]];
function pixelSummary(t) {
    const [, n, c, h, w] = t.dims;
    const data = t.data;
    const tiles = [];
    for (let i = 0; i < n; i++) {
        const sums = [];
        for (let ch = 0; ch < c; ch++) {
            let s = 0;
            const off = (i * c + ch) * h * w;
            for (let j = off; j < off + h * w; j++) s += data[j];
            sums.push(round(s, 4));
        }
        const samples = SAMPLES.map(([ch, y, x]) => data[((i * c + ch) * h + y) * w + x]);
        tiles.push({ channel_sums: sums, samples });
    }
    return { dims: t.dims, sha256: sha256(f32bytes(data)), tiles };
}

function marginRecorder(steps) {
    // Called with the processed scores [batch, vocab]; returns them as is.
    return (inputIds, logits) => {
        const d = logits[0].data;
        let i1 = -1, v1 = -Infinity, v2 = -Infinity, i2 = -1;
        for (let i = 0; i < d.length; i++) {
            if (d[i] > v1) { v2 = v1; i2 = i1; v1 = d[i]; i1 = i; } else if (d[i] > v2) { v2 = d[i]; i2 = i; }
        }
        steps.push({ token: i1, score: round(v1, 5), second: i2, margin: round(v1 - v2, 5) });
        return logits;
    };
}

function wrapDecoder(model, log) {
    const session = model.sessions['decoder_model_merged'];
    const run = session.run.bind(session);
    session.run = async (feeds, ...rest) => {
        if (log.enabled) {
            const entry = {};
            for (const [k, v] of Object.entries(feeds)) {
                entry[k] = { type: v.type, dims: v.dims };
                if (k === 'attention_mask' || k === 'position_ids') {
                    const vals = Array.from(v.data, Number);
                    entry[k].first = vals.slice(0, 4);
                    entry[k].last = vals.slice(-4);
                    entry[k].all_ones = k === 'attention_mask' ? vals.every((x) => x === 1) : undefined;
                }
            }
            log.calls.push(entry);
        }
        return run(feeds, ...rest);
    };
}

async function main() {
    const opts = parseArgs(process.argv.slice(2));
    const require = createRequire(join(opts.modules, 'package.json'));
    const tjs = await import(pathToFileURL(require.resolve('@huggingface/transformers')).href);
    const { env, AutoProcessor, AutoModelForVision2Seq, RawImage } = tjs;
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
    const imageTokenId = tokenizer.encode('<image>', { add_special_tokens: false })[0];
    const raws = new Map();
    for (const file of files) raws.set(file, await RawImage.read(join(opts.images, file)));

    // Prompt building, shared by all dtypes.
    async function prepare(file, split, messages) {
        const raw = raws.get(file);
        const text = processor.apply_chat_template(messages, { add_generation_prompt: true });
        const inputs = await processor(text, [raw], { do_image_splitting: split });
        const rows = inputs.rows[0][0], cols = inputs.cols[0][0];
        const ids = inputs.input_ids.tolist()[0].map(Number);
        return { raw, text, inputs, rows, cols, ids };
    }

    const models = {};
    const callLog = { enabled: false, calls: [] };
    for (const dtype of opts.dtypes) {
        models[dtype] = await AutoModelForVision2Seq.from_pretrained(id, { ...local, dtype, device: 'cpu' });
        wrapDecoder(models[dtype], callLog);
    }
    const modelClass = models[opts.dtypes[0]].constructor.name;

    async function generate(dtype, inputs, promptLen) {
        const steps = [];
        const out = await models[dtype].generate({
            ...inputs,
            max_new_tokens: opts.maxNewTokens,
            do_sample: false,
            logits_processor: [marginRecorder(steps)],
        });
        const all = out.tolist()[0].map(Number);
        const generated = all.slice(promptLen);
        const answer = tokenizer.batch_decode([generated], { skip_special_tokens: true })[0];
        const raw = tokenizer.decode(generated, { skip_special_tokens: false });
        const margins = steps.map((s) => s.margin);
        return {
            generated_ids: generated,
            answer,
            answer_raw: raw,
            stopped_on_eos: generated.at(-1) === models[dtype].generation_config.eos_token_id,
            min_margin: Math.min(...margins),
            min_margin_step: margins.indexOf(Math.min(...margins)),
            step_scores: steps.map((s) => s.score),
            step_margins: margins,
            step_runner_up: steps.map((s) => s.second),
        };
    }

    function record(file, split, prep, extra = {}) {
        const pv = prep.inputs.pixel_values;
        const tiles = pv.dims[1];
        const raw = prep.raw;
        return {
            image: file,
            width: raw.width,
            height: raw.height,
            do_image_splitting: split,
            rows: prep.rows,
            cols: prep.cols,
            tiles,
            ...extra,
            prompt: prep.text,
            input_ids_length: prep.ids.length,
            image_token_count: prep.ids.filter((x) => x === imageTokenId).length,
            input_ids: prep.ids,
            attention_mask_all_ones: Array.from(prep.inputs.attention_mask.data).every((x) => Number(x) === 1),
            pixel_attention_mask: {
                dims: prep.inputs.pixel_attention_mask.dims,
                type: prep.inputs.pixel_attention_mask.type,
                all_true: Array.from(prep.inputs.pixel_attention_mask.data).every((x) => x),
            },
            pixel_values: pixelSummary(pv),
            results: {},
        };
    }

    const cases = [];
    let first = true;
    for (const file of files) {
        for (const split of [true, false]) {
            for (const question of QUESTIONS) {
                const messages = [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: question }] }];
                const prep = await prepare(file, split, messages);
                if (opts.dumpPixels && question === QUESTIONS[0]) {
                    const name = `${file}.${split ? 'split' : 'nosplit'}.f32`;
                    writeFileSync(join(opts.dumpPixels, name), f32bytes(prep.inputs.pixel_values.data));
                }
                const c = record(file, split, prep, { question });
                for (const dtype of opts.dtypes) {
                    callLog.enabled = first;
                    c.results[dtype] = await generate(dtype, prep.inputs, prep.ids.length);
                    callLog.enabled = false;
                    first = false;
                    process.stderr.write(`${dtype} ${file} split=${split} ${JSON.stringify(question)}: ` +
                        `${JSON.stringify(c.results[dtype].answer)} (min margin ${c.results[dtype].min_margin})\n`);
                }
                cases.push(c);
            }
        }
    }

    const conversations = [];
    for (const [file, split, q1, q2] of CONVERSATIONS) {
        const conv = { image: file, do_image_splitting: split, turns: {} };
        for (const dtype of opts.dtypes) {
            const turns = [];
            const messages = [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: q1 }] }];
            let prep = await prepare(file, split, messages);
            let t = record(file, split, prep, { question: q1 });
            t.results[dtype] = await generate(dtype, prep.inputs, prep.ids.length);
            turns.push(t);
            messages.push({ role: 'assistant', content: [{ type: 'text', text: t.results[dtype].answer.trim() }] });
            messages.push({ role: 'user', content: [{ type: 'text', text: q2 }] });
            prep = await prepare(file, split, messages);
            t = record(file, split, prep, { question: q2, messages: JSON.parse(JSON.stringify(messages)) });
            t.results[dtype] = await generate(dtype, prep.inputs, prep.ids.length);
            turns.push(t);
            process.stderr.write(`${dtype} conversation ${file} split=${split}: ` +
                `${JSON.stringify(turns[0].results[dtype].answer)} / ${JSON.stringify(t.results[dtype].answer)}\n`);
            conv.turns[dtype] = turns;
        }
        conversations.push(conv);
    }

    // Smallest margins.
    const mins = [];
    for (const c of cases) for (const [dtype, r] of Object.entries(c.results)) {
        mins.push({ where: `${c.image} split=${c.do_image_splitting} ${c.question}`, dtype, step: r.min_margin_step, margin: r.min_margin });
    }
    for (const conv of conversations) for (const [dtype, turns] of Object.entries(conv.turns)) {
        turns.forEach((t, i) => mins.push({
            where: `conversation ${conv.image} split=${conv.do_image_splitting} turn ${i + 1} ${t.question}`,
            dtype, step: t.results[dtype].min_margin_step, margin: t.results[dtype].min_margin,
        }));
    }
    mins.sort((a, b) => a.margin - b.margin);

    const special = {};
    for (const t of ['<|endoftext|>', '<|im_start|>', '<|im_end|>', '<fake_token_around_image>', '<image>',
        '<global-img>', '<row_1_col_1>', '<row_6_col_6>', '<end_of_utterance>']) {
        special[t] = tokenizer.encode(t, { add_special_tokens: false })[0];
    }

    const out = {
        description:
            'transformers.js greedy generation on the tiny SmolVLM (idefics3) fixture, written by ' +
            'transformersjs_reference.mjs. See README.md.',
        versions: {
            node: process.version,
            '@huggingface/transformers': version('@huggingface/transformers'),
            'onnxruntime-node': version('onnxruntime-node'),
            sharp: version('sharp'),
            '@huggingface/tokenizers': version('@huggingface/tokenizers'),
        },
        model_class: modelClass,
        generate: { max_new_tokens: opts.maxNewTokens, do_sample: false },
        decode: {
            answer: 'tokenizer.batch_decode([generated_ids], {skip_special_tokens: true})[0]',
            answer_raw: 'tokenizer.decode(generated_ids, {skip_special_tokens: false})',
        },
        special_token_ids: special,
        eos_token_id: models[opts.dtypes[0]].generation_config.eos_token_id,
        encode_checks: {
            'Describe this image.': tokenizer.encode('Describe this image.', { add_special_tokens: false }),
            'Describe this image. (add_special_tokens true)': tokenizer.encode('Describe this image.'),
            '<|im_start|>User:': tokenizer.encode('<|im_start|>User:'),
            'Hello 2024': tokenizer.encode('Hello 2024', { add_special_tokens: false }),
        },
        decoder_feeds_first_case: callLog.calls.slice(0, 3),
        smallest_margins: mins.slice(0, 10),
        cases,
        conversations,
    };
    writeFileSync(opts.out, JSON.stringify(out, null, 1) + '\n');
}

await main();
