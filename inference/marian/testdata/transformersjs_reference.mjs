// Runs the tiny MarianMT fixture through transformers.js, fully offline, and
// writes what it produces: reference_transformersjs.json.
//
//   node transformersjs_reference.mjs [--modules DIR] [--model DIR]
//        [--out FILE] [--max-new-tokens N] [--dtypes fp32,q8]
//
// --modules: the node_modules folder holding @huggingface/transformers
//            (default: <repo>/.cache/florence2-tjs/node_modules).
// --model:   the model folder (default ./tiny beside this script), loaded as
//            a local model: env.localModelPath = its parent,
//            env.allowRemoteModels = false, local_files_only.
//
// For every sentence and dtype it calls, as the model card does,
// tokenizer(text) and model.generate({...inputs, max_new_tokens, num_beams:
// 1, do_sample: false}), and decodes with tokenizer.batch_decode(ids,
// {skip_special_tokens: true}) (and false, as text_raw). A logits processor
// appended after the built-in ones (NoBadWords [[pad]], ForcedEOS) records,
// without changing anything, each step's chosen token, its processed score
// (its raw logit; 0 where EOS is forced) and margin (best minus second-best
// processed score; null where forced). It checks that the generation
// config's own num_beams (4) gives the same ids: transformers.js 4.3.1 keeps
// only the top candidate per step. For the first sentence it also records
// what transformers.js fed the two sessions on each call (names, dtypes,
// dims; values of the small int64/bool inputs) and the sessions' input and
// output names and metadata as onnxruntime-node reports them.

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');

function parseArgs(argv) {
    const opts = {
        modules: join(repo, '.cache/florence2-tjs/node_modules'),
        model: join(here, 'tiny'),
        out: join(here, 'reference_transformersjs.json'),
        maxNewTokens: 40,
        dtypes: ['fp32', 'q8'],
    };
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i];
        const next = () => argv[++i];
        if (a === '--modules') opts.modules = resolve(next());
        else if (a === '--model') opts.model = resolve(next());
        else if (a === '--out') opts.out = resolve(next());
        else if (a === '--max-new-tokens') opts.maxNewTokens = Number(next());
        else if (a === '--dtypes') opts.dtypes = next().split(',');
        else throw new Error(`unknown argument ${a}`);
    }
    return opts;
}

// Keep in sync with SENTENCES in gen_fixture.py.
const SENTENCES = [
    'Hello',
    'The cat sleeps.',
    "I don't like the rain.",
    'My dog has 3 balls and a red car.',
    'Where is the train station?',
    'She drinks coffee in the café.',
    'We go to Berlin, but Anna goes to the school!',
    'The ticket costs 25 € today.',
    'Every day the children play in the garden with the small dog, and ' +
        'the old man reads a book about the sea.',
    'In the morning the old man walks with his small dog to the river, ' +
        'where the children play and the dogs sing; in the evening he goes ' +
        'back to the house, drinks a coffee and reads a book about the sea.',
];

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

function describeFeed(feed) {
    const out = {};
    for (const [name, t] of Object.entries(feed)) {
        const e = { type: t.type, dims: Array.from(t.dims) };
        if ((t.type === 'int64' || t.type === 'bool') && t.size <= 64) {
            e.values = Array.from(t.data, (x) => (typeof x === 'bigint' ? Number(x) : x));
        }
        out[name] = e;
    }
    return out;
}

function sessionInfo(session) {
    const meta = (list) => (list ?? []).map((m) => ({ name: m.name, type: m.type, shape: m.shape }));
    return {
        inputNames: session.inputNames,
        outputNames: session.outputNames,
        inputMetadata: meta(session.inputMetadata),
        outputMetadata: meta(session.outputMetadata),
    };
}

async function main() {
    const opts = parseArgs(process.argv.slice(2));
    const require = createRequire(join(opts.modules, 'package.json'));
    const tjs = await import(pathToFileURL(require.resolve('@huggingface/transformers')).href);
    const { env, AutoTokenizer, MarianMTModel } = tjs;
    const version = (pkg) => JSON.parse(readFileSync(join(opts.modules, pkg, 'package.json'), 'utf8')).version;

    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = dirname(opts.model) + '/';
    const id = basename(opts.model);
    const local = { local_files_only: true };

    const tokenizer = await AutoTokenizer.from_pretrained(id, local);
    const tokenization = SENTENCES.map((text) => {
        const enc = tokenizer(text);
        const ids = enc.input_ids.tolist()[0].map(Number);
        return {
            text_in: text,
            input_ids: ids,
            attention_mask: enc.attention_mask.tolist()[0].map(Number),
            tokens: tokenizer.tokenize(text),
            decoded: tokenizer.decode(ids, { skip_special_tokens: false }),
        };
    });

    const cases = [];
    const sessions = {};
    let trace = null;
    for (const dtype of opts.dtypes) {
        const model = await MarianMTModel.from_pretrained(id, { ...local, dtype, device: 'cpu' });
        if (dtype === opts.dtypes[0]) {
            for (const [k, s] of Object.entries(model.sessions)) sessions[k] = sessionInfo(s);
            // Record the feeds of the first sentence's generation.
            trace = [];
            const wrap = {};
            for (const [k, s] of Object.entries(model.sessions)) {
                const run = s.run.bind(s);
                wrap[k] = run;
                s.run = async (feed, ...rest) => {
                    if (trace) trace.push({ session: k, feed: describeFeed(feed) });
                    return run(feed, ...rest);
                };
            }
        }
        for (const [n, text] of SENTENCES.entries()) {
            const inputs = tokenizer(text);
            const steps = [];
            const ids = await model.generate({
                ...inputs,
                max_new_tokens: opts.maxNewTokens,
                num_beams: 1,
                do_sample: false,
                logits_processor: [marginRecorder(steps)],
            });
            if (trace && dtype === opts.dtypes[0] && n === 0) {
                sessions.trace_first_sentence = trace;
            }
            trace = null;
            const sequence = ids.tolist()[0].map(Number);
            // The generation config's own num_beams (4) must give the same ids.
            const again = await model.generate({ ...inputs, max_new_tokens: opts.maxNewTokens });
            if (JSON.stringify(again.tolist()[0].map(Number)) !== JSON.stringify(sequence)) {
                throw new Error(`${text} ${dtype}: num_beams 4 differs`);
            }
            const margins = steps.map((s) => s.margin).filter((m) => m !== null);
            cases.push({
                text_in: text,
                dtype,
                input_ids: inputs.input_ids.tolist()[0].map(Number),
                sequence,
                generated_ids: sequence.slice(1),
                text: tokenizer.batch_decode(ids, { skip_special_tokens: true })[0],
                text_raw: tokenizer.batch_decode(ids, { skip_special_tokens: false })[0],
                min_margin: margins.length ? Math.min(...margins) : null,
                step_tokens: steps.map((s) => s.token),
                step_margins: steps.map((s) => s.margin),
                step_scores: steps.map((s) => s.score),
            });
            process.stderr.write(`${dtype} ${JSON.stringify(text.slice(0, 30))}: ${JSON.stringify(cases.at(-1).text)}\n`);
        }
        await model.dispose();
    }

    const out = {
        description:
            'transformers.js greedy generation (num_beams 1; the default 4 gives the same ids) on the tiny ' +
            'MarianMT fixture, written by transformersjs_reference.mjs. sequence is what generate() returns: ' +
            'the decoder start token (<pad>) first, then the generated ids (generated_ids), ending with </s>. ' +
            'See README.md.',
        versions: {
            node: process.version,
            '@huggingface/transformers': version('@huggingface/transformers'),
            'onnxruntime-node': version('onnxruntime-node'),
            '@huggingface/tokenizers': version('@huggingface/tokenizers'),
        },
        generate: { max_new_tokens: opts.maxNewTokens, num_beams: 1, do_sample: false },
        decode: {
            text: 'tokenizer.batch_decode(ids, {skip_special_tokens: true})[0]',
            text_raw: 'tokenizer.batch_decode(ids, {skip_special_tokens: false})[0]',
        },
        tokenization,
        sessions,
        cases,
    };
    writeFileSync(opts.out, JSON.stringify(out, null, 1) + '\n');
}

await main();
