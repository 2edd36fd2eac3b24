#!/usr/bin/env python3
"""Writes a tiny random-weight stand-in for Xenova/opus-mt-en-de.

The folder copies the export contract that transformers.js 4.3.1 loads
(MarianMTModel + MarianTokenizer, model_type "marian"): the encoder and
optimum's merged decoder in fp32 and as `_quantized` (q8, dynamic int8),
with the same input/output names, order, dtypes and dimension names; a
SentencePiece-Unigram tokenizer.json in the layout of transformers.js'
scripts/extra/marian.py (the converter that wrote Xenova's file); and the
Hugging Face config files. The graphs are MarianMT in structure (scaled
token embeddings, sinusoidal positions, post-LN layers, SiLU FFN, merged
decoder with a KV cache, final_logits_bias) but tiny and random (seeded),
plus a designed logit term that makes every greedy step a clear decision:
a word-by-word "translation" of the source sentence, read through the
cached cross-attention values, that ends with </s> where the source ends.
See README.md beside this file.

Usage:
    python3 gen_fixture.py               # rewrite ./tiny
    python3 gen_fixture.py --base OUTDIR # real opus-mt-en-de sizes, random
                                         # weights (never committed)
    python3 gen_fixture.py --preview     # NumPy greedy translations (fp32)
    python3 gen_fixture.py --beam        # NumPy greedy check against
                                         # reference_transformersjs.json,
                                         # then beam search ->
                                         # reference_beam.json

Needs Debian's python3-onnx (1.12) and python3-numpy (1.24), and
python3-torch (1.13) for --beam only; no onnxruntime, no network. Reuses the
`_quantized` rules (onnxruntime quantize_dynamic as transformers.js'
convert.py ran it), the ONNX graph helper and the beam-search bookkeeping
of ../../florence2/testdata/gen_fixture.py.
"""

import argparse
import importlib.util
import json
import math
import os
import sys
import unicodedata

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
_F2_PATH = os.path.join(HERE, "..", "..", "florence2", "testdata",
                        "gen_fixture.py")
_spec = importlib.util.spec_from_file_location("florence2_gen_fixture",
                                               _F2_PATH)
F2 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(F2)

quantize_model = F2.quantize_model
to_tensor = F2.to_tensor
save = F2.save
np_ln = F2.np_ln
np_heads = F2.np_heads
np_merge = F2.np_merge
np_softmax = F2.np_softmax
log_softmax = F2.log_softmax

OPSET = 17
IR_VERSION = 8
PRODUCER = "describer marian gen_fixture.py"
LN_EPS = 1e-5
F32_MIN = float(np.finfo(np.float32).min)
MAX_POSITIONS = 512
MAX_NEW_TOKENS = 40
NUM_BEAMS = 4
META = "\u2581"

EOS, UNK = 0, 1
UNK_ID_IN_TOKENIZER_JSON = 2  # what scripts/extra/marian.py writes

# ---------------------------------------------------------------- sentences
# Ten English inputs: 1 to 41 words, punctuation, digits, an apostrophe,
# capitals, non-ASCII (é, and € which the vocabulary lacks).
SENTENCES = [
    "Hello",
    "The cat sleeps.",
    "I don't like the rain.",
    "My dog has 3 balls and a red car.",
    "Where is the train station?",
    "She drinks coffee in the café.",
    "We go to Berlin, but Anna goes to the school!",
    "The ticket costs 25 € today.",
    "Every day the children play in the garden with the small dog, and "
    "the old man reads a book about the sea.",
    "In the morning the old man walks with his small dog to the river, "
    "where the children play and the dogs sing; in the evening he goes "
    "back to the house, drinks a coffee and reads a book about the sea.",
]

# English piece -> German piece (one output token per source token; pieces
# not listed are copied). Genders drive the article rule (m, f, n).
DICTIONARY = [
    ("Hello", "Hallo"), ("cat", "Katze"), ("sleep", "schläf"), ("I", "Ich"),
    ("don", "tu"), ("like", "mag"), ("rain", "Regen"), ("My", "Mein"),
    ("dog", "Hund"), ("has", "hat"), ("ball", "Ball"), ("and", "und"),
    ("red", "rotes"), ("car", "Auto"), ("Where", "Wo"), ("is", "ist"),
    ("train", "Bahn"), ("She", "Sie"), ("drink", "trink"),
    ("coffee", "Kaffee"), ("in", "in"), ("café", "Café"), ("We", "Wir"),
    ("go", "gehen"), ("but", "aber"), ("goes", "geht"), ("school", "Schule"),
    ("ticket", "Ticket"), ("cost", "kost"), ("today", "heute"),
    ("Every", "Jeden"), ("day", "Tag"), ("children", "Kinder"),
    ("play", "spielen"), ("garden", "Garten"), ("with", "mit"),
    ("small", "kleinen"), ("old", "alte"), ("man", "Mann"), ("read", "lies"),
    ("book", "Buch"), ("about", "über"), ("sea", "Meer"), ("In", "Am"),
    ("morning", "Morgen"), ("walk", "geh"), ("his", "seinem"),
    ("river", "Fluss"), ("where", "wo"), ("sing", "singen"),
    ("evening", "Abend"), ("he", "er"), ("back", "zurück"),
    ("house", "Haus"),
]
SUFFIX_DICTIONARY = [("station", "hof")]  # no ▁: "train station" -> Bahnhof
GENDER = {
    "m": ["rain", "dog", "ball", "train", "coffee", "day", "garden", "man",
          "morning", "river", "evening"],
    "f": ["cat", "school", "children"],
    "n": ["car", "café", "ticket", "book", "sea", "house"],
}
ARTICLES = {  # source -> [(target, level above BASE)], first is the default
    "the": [("der", 4.0), ("die", 2.0), ("das", 0.0)],
    "The": [("Der", 4.0), ("Die", 2.0), ("Das", 0.0)],
    "a": [("ein", 2.0), ("eine", 0.0)],
    "A": [("Ein", 2.0), ("Eine", 0.0)],
}
GENDER_FORMS = {"m": ["der", "Der", "ein", "Ein"],
                "f": ["die", "Die", "eine", "Eine"],
                "n": ["das", "Das", "ein", "Ein"]}
VERB_STEMS = ["schläf", "trink", "kost", "lies", "geh"]
MOTION_VERBS = ["gehen", "geht"]
# "s" (no ▁) -> "t" after a verb stem, else "e" (plural); "▁to" -> "▁nach"
# after a motion verb, else "▁zu".
CONTEXT_RULES = {"s": [("e", 2.0), ("t", 0.0)],
                 META + "to": [(META + "zu", 2.0), (META + "nach", 0.0)]}
BASE = 10.0
BONUS = 6.0

# Extra pieces: German letters, single characters, a few sub-words.
LOWER = "abcdefghijklmnopqrstuvwxyz"
UPPER = "ABCDEFGHIJKLMNOPRSTUVWYZ"
EXTRA_CHARS = "äöüßéÄÖÜ"
PUNCT = ".,?!;:'-\"()"
DIGITS = "0123456789"


class Dims:
    def __init__(self, **kw):
        self.d_model = kw["d_model"]
        self.heads = kw["heads"]
        self.encoder_layers = kw["encoder_layers"]
        self.decoder_layers = kw["decoder_layers"]
        self.ffn = kw["ffn"]
        self.vocab_size = kw.get("vocab_size")  # None: just the pieces
        self.tiny = kw["tiny"]

    @property
    def head_dim(self):
        return self.d_model // self.heads


def tiny_dims():
    return Dims(d_model=32, heads=4, encoder_layers=2, decoder_layers=2,
                ffn=64, tiny=True)


def base_dims():
    # Helsinki-NLP/opus-mt-en-de: d_model 512, 8 heads, 6+6 layers, ffn 2048,
    # vocabulary 58101.
    return Dims(d_model=512, heads=8, encoder_layers=6, decoder_layers=6,
                ffn=2048, vocab_size=58101, tiny=False)


# ---------------------------------------------------------------- tokenizer

class Vocab:
    """Marian's layout (vocab.json order): </s> 0, <unk> 1, the pieces (","
    at id 2, as a frequent piece would be), <pad> last. Unigram scores are
    log-probability-like: whole words above sub-words above characters,
    all distinct so that no segmentation ties."""

    def __init__(self, d):
        words = []

        def add(piece):
            if piece not in words:
                words.append(piece)
        add(",")
        for sent in SENTENCES:
            for w in sent.split():
                core = w.strip(".,?!;")
                if core and not any(c.isdigit() for c in core) and \
                        "'" not in core and core != "€":
                    stem = core[:-1] if core in ("sleeps", "balls", "drinks",
                                                 "costs", "reads", "walks",
                                                 "dogs") else core
                    add(META + stem)
        for en, de in DICTIONARY:
            add(META + en)
            add(META + de)
        for en, de in SUFFIX_DICTIONARY:
            add(META + en)
            add(de)
        for src, forms in ARTICLES.items():
            add(META + src)
            for de, _ in forms:
                add(META + de)
        for src, forms in CONTEXT_RULES.items():
            add(src)
            for de, _ in forms:
                add(de)
        for p in [META + "don", "'", "t", META + "3", META + "2", META]:
            add(p)
        self.word_count = len(words)
        for c in PUNCT + DIGITS + LOWER + UPPER + EXTRA_CHARS:
            add(c)
        self.tokens = ["</s>", "<unk>"] + words
        if d.vocab_size is not None:
            i = 0
            while len(self.tokens) < d.vocab_size - 1:
                p = META + "x%d" % i
                if p not in self.tokens:
                    self.tokens.append(p)
                i += 1
        self.tokens.append("<pad>")
        self.pad = len(self.tokens) - 1
        self.ids = {t: i for i, t in enumerate(self.tokens)}
        if len(self.ids) != len(self.tokens):
            raise ValueError("duplicate pieces")
        self.scores = self._scores()

    def _scores(self):
        scores = []
        for i, t in enumerate(self.tokens):
            if t in ("</s>", "<unk>", "<pad>"):
                scores.append(0.0)
                continue
            n = len(t.replace(META, ""))
            if t == META or n == 1:
                base = -10.0          # single characters and ▁ alone
            elif t.startswith(META):
                base = -6.0 - 0.05 * n  # whole words
            else:
                base = -8.0           # word-internal pieces
            scores.append(round(base - 1e-3 * (i % 997), 4))
        return scores

    def __len__(self):
        return len(self.tokens)

    def piece(self, text):
        return self.ids[text]

    # transformers.js' pipeline for this tokenizer.json (tokenizers.js
    # 0.2.0): Precompiled normalizer with a null charsmap (control
    # characters dropped, odd spaces to " ", NFKC), WhitespaceSplit, then
    # Metaspace (▁ before every word: prepend_scheme "always"), Unigram
    # Viterbi with the score of the unk_id piece replaced by min - 10,
    # unknown characters -> unk_id, then "</s>" appended.
    @staticmethod
    def normalize(text):
        out = []
        for c in text:
            o = ord(c)
            if 1 <= o <= 8 or o == 0x0B or 0x0E <= o <= 0x1F or o == 0x7F \
                    or o in (0x8F, 0x9F):
                continue
            if c in "\t\n\x0c\r\u00a0\u1680\u2028\u2029\u202f\u205f" \
                    "\u2581\u3000\ufeff\ufffd" or 0x2000 <= o <= 0x200F:
                c = " "
            out.append(c)
        return unicodedata.normalize("NFKC", "".join(out))

    def viterbi(self, word):
        scores = list(self.scores)
        unk_score = min(scores) - 10
        scores[UNK_ID_IN_TOKENIZER_JSON] = unk_score
        n = len(word)
        best = [(-math.inf, None)] * (n + 1)
        best[0] = (0.0, None)
        for end in range(1, n + 1):
            cands = []
            for start in range(end):
                p = word[start:end]
                if p in self.ids and p not in ("</s>", "<unk>", "<pad>"):
                    cands.append((best[start][0] + scores[self.ids[p]],
                                  start, p))
            if not any(s == end - 1 for _, s, _ in cands):
                cands.append((best[end - 1][0] + unk_score, end - 1, None))
            top = max(cands, key=lambda c: c[0])
            ties = [c for c in cands if abs(c[0] - top[0]) < 1e-9]
            if len(ties) > 1:
                raise ValueError(f"segmentation tie in {word!r}")
            best[end] = (top[0], (top[1], top[2]))
        pieces, pos = [], n
        while pos > 0:
            start, p = best[pos][1]
            pieces.append(self.ids[p] if p is not None
                          else UNK_ID_IN_TOKENIZER_JSON)
            pos = start
        return pieces[::-1]

    def encode(self, text):
        ids = []
        for w in self.normalize(text).split():
            ids += self.viterbi(META + w)
        return ids + [EOS]

    def decode(self, ids, skip_special=True):
        special = {EOS, UNK, self.pad}
        toks = [self.tokens[i] for i in ids
                if not (skip_special and i in special)]
        out = []
        for k, t in enumerate(toks):
            t = t.replace(META, " ")
            if k == 0 and t.startswith(" "):
                t = t[1:]
            out.append(t)
        text = "".join(out)
        for a, b in ((" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","),
                     (" ' ", "'"), (" n't", "n't"), (" 'm", "'m"),
                     (" 's", "'s"), (" 've", "'ve"), (" 're", "'re")):
            text = text.replace(a, b)
        return text


def special_token(i, content):
    # Key order as scripts/extra/marian.py builds it.
    return {"id": i, "special": True, "content": content,
            "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": False}


def tokenizer_json(v):
    """transformers.js scripts/extra/marian.py generate_tokenizer_json."""
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [special_token(EOS, "</s>"),
                         special_token(UNK, "<unk>"),
                         special_token(v.pad, "<pad>")],
        "normalizer": {"type": "Precompiled", "precompiled_charsmap": None},
        "pre_tokenizer": {
            "type": "Sequence",
            "pretokenizers": [
                {"type": "WhitespaceSplit"},
                {"type": "Metaspace", "replacement": META,
                 "add_prefix_space": True},
            ],
        },
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "pair": [{"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 0}},
                     {"SpecialToken": {"id": "</s>", "type_id": 0}}],
            "special_tokens": {"</s>": {"id": "</s>", "ids": [EOS],
                                        "tokens": ["</s>"]}},
        },
        "decoder": {"type": "Metaspace", "replacement": META,
                    "add_prefix_space": True},
        "model": {
            "type": "Unigram",
            "unk_id": UNK_ID_IN_TOKENIZER_JSON,
            "vocab": [[t, s] for t, s in zip(v.tokens, v.scores)],
        },
    }


def tokenizer_config(v):
    added = {str(i): {"content": t, "lstrip": False, "normalized": False,
                      "rstrip": False, "single_word": False,
                      "special": True}
             for i, t in ((EOS, "</s>"), (UNK, "<unk>"), (v.pad, "<pad>"))}
    return {
        "added_tokens_decoder": added,
        "additional_special_tokens": [],
        "clean_up_tokenization_spaces": True,
        "eos_token": "</s>",
        "model_max_length": 512,
        "pad_token": "<pad>",
        "separate_vocabs": False,
        "source_lang": "en",
        "sp_model_kwargs": {},
        "target_lang": "de",
        "tokenizer_class": "MarianTokenizer",
        "unk_token": "<unk>",
    }


def special_tokens_map():
    return {"eos_token": "</s>", "pad_token": "<pad>", "unk_token": "<unk>"}


# ------------------------------------------------------------------ configs

def model_config(d, v):
    pad = v.pad
    return {
        "_name_or_path": "Helsinki-NLP/opus-mt-en-de",
        "activation_dropout": 0.0,
        "activation_function": "swish",
        "add_bias_logits": False,
        "add_final_layer_norm": False,
        "architectures": ["MarianMTModel"],
        "attention_dropout": 0.0,
        "bad_words_ids": [[pad]],
        "bos_token_id": 0,
        "classif_dropout": 0.0,
        "classifier_dropout": 0.0,
        "d_model": d.d_model,
        "decoder_attention_heads": d.heads,
        "decoder_ffn_dim": d.ffn,
        "decoder_layerdrop": 0.0,
        "decoder_layers": d.decoder_layers,
        "decoder_start_token_id": pad,
        "decoder_vocab_size": len(v),
        "dropout": 0.1,
        "encoder_attention_heads": d.heads,
        "encoder_ffn_dim": d.ffn,
        "encoder_layerdrop": 0.0,
        "encoder_layers": d.encoder_layers,
        "eos_token_id": EOS,
        "forced_eos_token_id": EOS,
        "gradient_checkpointing": False,
        "id2label": {"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"},
        "init_std": 0.02,
        "is_encoder_decoder": True,
        "label2id": {"LABEL_0": 0, "LABEL_1": 1, "LABEL_2": 2},
        "max_length": 512,
        "max_position_embeddings": MAX_POSITIONS,
        "model_type": "marian",
        "normalize_before": False,
        "normalize_embedding": False,
        "num_beams": NUM_BEAMS,
        "num_hidden_layers": d.encoder_layers,
        "pad_token_id": pad,
        "scale_embedding": True,
        "share_encoder_decoder_embeddings": True,
        "static_position_embeddings": True,
        "torch_dtype": "float32",
        "transformers_version": "4.34.0.dev0",
        "use_cache": True,
        "vocab_size": len(v),
    }


def generation_config(v):
    return {"bad_words_ids": [[v.pad]], "bos_token_id": 0,
            "decoder_start_token_id": v.pad, "eos_token_id": EOS,
            "forced_eos_token_id": EOS, "max_length": 512,
            "num_beams": NUM_BEAMS, "pad_token_id": v.pad,
            "renormalize_logits": True,
            "transformers_version": "4.34.0.dev0"}


# ------------------------------------------------------------------ weights

SEEDS = {"embed": 21, "encoder": 22, "decoder": 23, "code": 24}
# Tiny gains: a weight matrix has std gain / sqrt(fan_in). The LM head is
# small (logits of std ~0.1) so that the designed term decides.
GAIN = {"embed": 1.0, "attn": 1.0, "ffn": 1.0, "ln": 0.1, "bias": 0.1,
        "lm_head": 0.1, "cross_v": 1.0, "logit_bias": 0.05}
CODE_LEVEL = 40.0  # the designed source-id code added to last_hidden_state


class Init:
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)

    def normal(self, shape, std):
        return (self.rng.standard_normal(shape, dtype=np.float32)
                * np.float32(std))


def std(d, key, fan_in):
    return GAIN[key] / math.sqrt(fan_in) if d.tiny else 0.02


def sinusoidal_positions(n, dim):
    """MarianSinusoidalPositionalEmbedding._init_weight: sin of the even
    angles in the first half, cos in the second half."""
    pos = np.arange(n, dtype=np.float64)[:, None]
    j = np.arange(dim, dtype=np.float64)[None, :]
    enc = pos / np.power(10000, 2 * (j // 2) / dim)
    out = np.zeros((n, dim))
    half = dim // 2 if dim % 2 == 0 else dim // 2 + 1
    out[:, :half] = np.sin(enc[:, 0::2])
    out[:, half:] = np.cos(enc[:, 1::2])
    return out.astype(np.float32)


def shared_embedding(d, v):
    init = Init(SEEDS["embed"])
    w = init.normal((len(v), d.d_model),
                    GAIN["embed"] / math.sqrt(d.d_model) if d.tiny else 0.02)
    w[v.pad] = 0.0  # nn.Embedding(padding_idx=pad): the start token is 0
    return w


def attn_weights(init, d, p):
    e = d.d_model
    w = {}
    for n in ("q_proj", "k_proj", "v_proj", "out_proj"):
        w[p + n + ".weight"] = init.normal((e, e), std(d, "attn", e))
        w[p + n + ".bias"] = init.normal((e,), GAIN["bias"] if d.tiny
                                         else 0.0)
    return w


def ln_weights(init, d, p):
    e = d.d_model
    s = GAIN["ln"] if d.tiny else 0.0
    return {p + "weight": (1.0 + init.normal((e,), s)).astype(np.float32),
            p + "bias": init.normal((e,), s)}


def ffn_weights(init, d, p):
    e = d.d_model
    b = GAIN["bias"] if d.tiny else 0.0
    return {p + "fc1.weight": init.normal((e, d.ffn), std(d, "ffn", e)),
            p + "fc1.bias": init.normal((d.ffn,), b),
            p + "fc2.weight": init.normal((d.ffn, e), std(d, "ffn", d.ffn)),
            p + "fc2.bias": init.normal((e,), b)}


def encoder_weights(d, v):
    init = Init(SEEDS["encoder"])
    w = {"model.shared.weight": shared_embedding(d, v),
         "model.encoder.embed_positions.weight":
             sinusoidal_positions(MAX_POSITIONS, d.d_model)}
    for i in range(d.encoder_layers):
        p = f"model.encoder.layers.{i}."
        w.update(attn_weights(init, d, p + "self_attn."))
        w.update(ln_weights(init, d, p + "self_attn_layer_norm."))
        w.update(ffn_weights(init, d, p))
        w.update(ln_weights(init, d, p + "final_layer_norm."))
    if d.tiny:
        w["designed.src_code"] = source_code(d, v)
    return w


def code_bits(v):
    return max(1, math.ceil(math.log2(len(v))))


def source_code(d, v):
    """[V, E]: token t's id in binary, +-CODE_LEVEL on dims 0..bits-1."""
    nb = code_bits(v)
    ids = np.arange(len(v))
    bits = (ids[:, None] >> np.arange(nb)[None, :]) & 1
    code = np.zeros((len(v), d.d_model), np.float32)
    code[:, :nb] = np.where(bits == 1, CODE_LEVEL, -CODE_LEVEL)
    return code


def orthogonal(init, n, gain):
    a = init.rng.standard_normal((n, n))
    q, r = np.linalg.qr(a)
    q = q * np.sign(np.diag(r))[None, :]
    return (q * gain).astype(np.float32)


def decoder_weights(d, v):
    init = Init(SEEDS["decoder"])
    e = d.d_model
    w = {"model.shared.weight": shared_embedding(d, v),
         "model.decoder.embed_positions.weight":
             sinusoidal_positions(MAX_POSITIONS, e)}
    for i in range(d.decoder_layers):
        p = f"model.decoder.layers.{i}."
        w.update(attn_weights(init, d, p + "self_attn."))
        w.update(ln_weights(init, d, p + "self_attn_layer_norm."))
        w.update(attn_weights(init, d, p + "encoder_attn."))
        w.update(ln_weights(init, d, p + "encoder_attn_layer_norm."))
        w.update(ffn_weights(init, d, p))
        w.update(ln_weights(init, d, p + "final_layer_norm."))
    if d.tiny:
        # Layer 0's cross-attention value projection is a scaled orthogonal
        # matrix, so the designed readout can invert it exactly.
        w["model.decoder.layers.0.encoder_attn.v_proj.weight"] = \
            orthogonal(init, e, GAIN["cross_v"])
    w["lm_head.weight_t"] = init.normal((e, len(v)), std(d, "lm_head", e)
                                        if d.tiny else 0.02)
    bias = init.normal((1, len(v)), GAIN["logit_bias"]) if d.tiny \
        else np.zeros((1, len(v)), np.float32)
    if not d.tiny:
        bias[0, EOS] = -100.0  # benchmarks always run to max_new_tokens
    w["final_logits_bias"] = bias
    if d.tiny:
        w.update(design_tables(d, v, w))
    return w


# ------------------------------------------------------- designed logits
# logits = random LM head (std ~0.1) + final_logits_bias
#        + OneHot(trans[src_p]) * BASE + amb[src_p] + gender[src_{p+1}]
#        + prev[input_ids]
# src_p: the source token at the decoder position p = past_len + 0..T-1
#     (clamped to the source length - 1), read from layer 0's
#     cross-attention values (present/past_key_values.0.encoder.value):
#     the encoder adds token id bits (+-40 on dims 0..bits-1) to
#     last_hidden_state; the decoder inverts v_proj (orthogonal) and reads
#     the bits' signs.
# trans: the dictionary (copy for pieces it lacks); amb: the alternatives
#     of "the"/"a"/"s"/"▁to"; gender: +6 on the articles of the next source
#     noun's gender; prev: +6 on "t" after a verb stem and on "▁nach" after
#     a motion verb (the decoder's own previous token).

def design_tables(d, v, w):
    V = len(v)
    P = v.piece
    trans = np.arange(V, dtype=np.int64)
    for en, de in DICTIONARY:
        trans[P(META + en)] = P(META + de)
    for en, de in SUFFIX_DICTIONARY:
        trans[P(META + en)] = P(de)
    amb_rows = [np.zeros(V)]
    amb_class = np.zeros(V, dtype=np.int64)
    for src, forms in list(ARTICLES.items()) + list(CONTEXT_RULES.items()):
        sid = P(src if src in CONTEXT_RULES else META + src)
        tgt = [P(t if src in CONTEXT_RULES else META + t) for t, _ in forms]
        trans[sid] = tgt[0]
        # OneHot puts BASE on the default; the others get BASE + level.
        row = np.zeros(V)
        for (t, level), tid in zip(forms[1:], tgt[1:]):
            row[tid] = BASE + level
        row[tgt[0]] = forms[0][1]
        amb_class[sid] = len(amb_rows)
        amb_rows.append(row)
    gender_class = np.zeros(V, dtype=np.int64)
    gender_rows = [np.zeros(V)]
    for k, g in enumerate(("m", "f", "n")):
        row = np.zeros(V)
        for f in GENDER_FORMS[g]:
            row[P(META + f)] = BONUS
        gender_rows.append(row)
        for noun in GENDER[g]:
            if META + noun in v.ids:
                gender_class[P(META + noun)] = k + 1
    prev_class = np.zeros(V, dtype=np.int64)
    prev_rows = [np.zeros(V)]
    for stems, target in ((VERB_STEMS, "t"), (MOTION_VERBS, META + "nach")):
        row = np.zeros(V)
        row[P(target)] = BONUS
        for s in stems:
            prev_class[P(META + s)] = len(prev_rows)
        prev_rows.append(row)
    nb = code_bits(v)
    wv = w["model.decoder.layers.0.encoder_attn.v_proj.weight"].astype(
        np.float64)
    bv = w["model.decoder.layers.0.encoder_attn.v_proj.bias"].astype(
        np.float64)
    inv = np.linalg.inv(wv)[:, :nb]
    f32 = lambda a: np.asarray(a, dtype=np.float32)
    return {
        "designed.readout": f32(inv),
        "designed.readout_bias": f32(-(bv @ inv)),
        "designed.bit_values": f32(2.0 ** np.arange(nb)),
        "designed.trans": trans,
        "designed.amb_class": amb_class,
        "designed.amb_rows": f32(np.stack(amb_rows)),
        "designed.gender_class": gender_class,
        "designed.gender_rows": f32(np.stack(gender_rows)),
        "designed.prev_class": prev_class,
        "designed.prev_rows": f32(np.stack(prev_rows)),
    }


# ------------------------------------------------------------ ONNX graphs

class Graph(F2.Graph):
    def silu(self, x):
        return self.op("Mul", [x, self.op("Sigmoid", [x])])


def vi(name, dtype, shape):
    return helper.make_tensor_value_info(name, dtype, shape)


def make_model(graph, inits, check=True):
    model = helper.make_model(
        graph, producer_name=PRODUCER,
        opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = IR_VERSION
    for name, arr in inits.items():
        model.graph.initializer.append(to_tensor(name, arr))
    if check:
        onnx.checker.check_model(model)
    return model


def attention_block(g, d, p, x, k, v, add):
    e, h, dh = d.d_model, d.heads, d.head_dim
    q = g.linear(x, p + "q_proj.weight", p + "q_proj.bias")
    q = g.heads(g.op("Mul", [q, g.f32(dh ** -0.5)]), h, dh)
    a = g.attention(q, k, v, add, e)
    return g.linear(a, p + "out_proj.weight", p + "out_proj.bias")


def project_kv(g, d, p, x):
    h, dh = d.heads, d.head_dim
    k = g.heads(g.linear(x, p + "k_proj.weight", p + "k_proj.bias"), h, dh)
    v = g.heads(g.linear(x, p + "v_proj.weight", p + "v_proj.bias"), h, dh)
    return k, v


def ffn_block(g, p, x):
    h = g.silu(g.linear(x, p + "fc1.weight", p + "fc1.bias"))
    return g.op("Add", [x, g.linear(h, p + "fc2.weight", p + "fc2.bias")])


def additive_mask(g, mask):
    m = g.op("Cast", [mask], to=TensorProto.FLOAT)
    m = g.op("Mul", [g.op("Sub", [g.f32(1.0), m]), g.f32(F32_MIN)])
    return g.op("Unsqueeze", [m, g.i64([1, 2])])


def embed(g, d, ids, positions, table):
    x = g.op("Gather", ["model.shared.weight", ids], axis=0)
    x = g.op("Mul", [x, g.f32(math.sqrt(d.d_model))])
    pos = g.op("Gather", [table, positions], axis=0)
    return g.op("Add", [x, pos])


def build_encoder(d, weights):
    inits = dict(weights)
    g = Graph("", inits)
    seq = g.op("Squeeze", [g.dim("input_ids", 1), g.i64([0])])
    steps = g.op("Range", [g.i64(0), seq, g.i64(1)])
    x = embed(g, d, "input_ids", steps,
              "model.encoder.embed_positions.weight")
    add = additive_mask(g, "attention_mask")
    for i in range(d.encoder_layers):
        p = f"model.encoder.layers.{i}."
        k, v = project_kv(g, d, p + "self_attn.", x)
        a = attention_block(g, d, p + "self_attn.", x, k, v, add)
        x = g.layernorm(g.op("Add", [x, a]), p + "self_attn_layer_norm.")
        last = i + 1 == d.encoder_layers and not d.tiny
        x = g.layernorm(ffn_block(g, p, x), p + "final_layer_norm.",
                        out="last_hidden_state" if last else None)
    if d.tiny:
        code = g.op("Gather", ["designed.src_code", "input_ids"], axis=0)
        g.op("Add", [x, code], out="last_hidden_state")
    graph = helper.make_graph(
        g.nodes, "main_graph",
        [vi("input_ids", TensorProto.INT64,
            ["batch_size", "encoder_sequence_length"]),
         vi("attention_mask", TensorProto.INT64,
            ["batch_size", "encoder_sequence_length"])],
        [vi("last_hidden_state", TensorProto.FLOAT,
            ["batch_size", "encoder_sequence_length", d.d_model])])
    return make_model(graph, inits, check=d.tiny)


def past_names(d):
    for i in range(d.decoder_layers):
        for part in ("decoder", "encoder"):
            for kv in ("key", "value"):
                yield i, part, kv


def build_decoder_branch(d, inits, V, with_past):
    prefix = "with_past/" if with_past else "no_past/"
    g = Graph(prefix, inits)
    h, dh = d.heads, d.head_dim
    seq = g.dim("input_ids", 1)
    past = g.dim("past_key_values.0.decoder.key", 2) if with_past \
        else g.i64([0])
    total = g.op("Squeeze", [g.op("Add", [past, seq]), g.i64([0])])
    start = g.op("Squeeze", [past, g.i64([0])])
    steps = g.op("Range", [start, total, g.i64(1)])
    x = embed(g, d, "input_ids", steps,
              "model.decoder.embed_positions.weight")
    keys = g.op("Range", [g.i64(0), total, g.i64(1)])
    allowed = g.op("LessOrEqual", [g.op("Unsqueeze", [keys, g.i64([0])]),
                                   g.op("Unsqueeze", [steps, g.i64([1])])])
    causal = g.op("Where", [allowed, g.f32(0.0), g.f32(F32_MIN)])
    cross = additive_mask(g, "encoder_attention_mask")
    outputs = []
    for i in range(d.decoder_layers):
        p = f"model.decoder.layers.{i}."
        k, v = project_kv(g, d, p + "self_attn.", x)
        if with_past:
            k = g.op("Concat", [f"past_key_values.{i}.decoder.key", k],
                     axis=2)
            v = g.op("Concat", [f"past_key_values.{i}.decoder.value", v],
                     axis=2)
        k = g.op("Identity", [k], out=f"{prefix}present.{i}.decoder.key")
        v = g.op("Identity", [v], out=f"{prefix}present.{i}.decoder.value")
        a = attention_block(g, d, p + "self_attn.", x, k, v, causal)
        x = g.layernorm(g.op("Add", [x, a]), p + "self_attn_layer_norm.")
        if with_past:
            ck = f"past_key_values.{i}.encoder.key"
            cv = f"past_key_values.{i}.encoder.value"
            # optimum's _unify_onnx_outputs: constant empty tensors
            # (first dynamic axis 0, the other dynamic axes 1).
            empty = helper.make_tensor("const_tensor", TensorProto.FLOAT,
                                       [0, h, 1, dh], [])
            ek = g.op("Constant", [], out=f"{prefix}present.{i}.encoder.key",
                      value=empty)
            ev = g.op("Constant", [],
                      out=f"{prefix}present.{i}.encoder.value", value=empty)
        else:
            ck, cv = project_kv(g, d, p + "encoder_attn.",
                                "encoder_hidden_states")
            ek = g.op("Identity", [ck],
                      out=f"{prefix}present.{i}.encoder.key")
            ev = g.op("Identity", [cv],
                      out=f"{prefix}present.{i}.encoder.value")
        a = attention_block(g, d, p + "encoder_attn.", x, ck, cv, cross)
        x = g.layernorm(g.op("Add", [x, a]), p + "encoder_attn_layer_norm.")
        x = g.layernorm(ffn_block(g, p, x), p + "final_layer_norm.")
        outputs += [k, v, ek, ev]
    logits = g.op("Add", [g.op("MatMul", [x, "lm_head.weight_t"]),
                          "final_logits_bias"])
    if d.tiny:
        v0 = "past_key_values.0.encoder.value" if with_past else outputs[3]
        logits = g.op("Add", [logits, designed_term(g, d, V, v0, steps)])
    logits = g.op("Identity", [logits], out=prefix + "logits")
    outs = [vi(n, TensorProto.FLOAT, None) for n in [logits] + outputs]
    return helper.make_graph(g.nodes, prefix.rstrip("/"), [], outs)


def designed_term(g, d, V, v0, steps):
    """The tiny fixture's designed logits (see design_tables)."""
    e = d.d_model
    vm = g.op("Reshape", [g.op("Transpose", [v0], perm=[0, 2, 1, 3]),
                          g.i64([0, 0, e])])                    # [B,S,E]
    last = g.op("Sub", [g.dim(v0, 2), g.i64([1])])
    pc = g.op("Min", [steps, last])
    pn = g.op("Min", [g.op("Add", [steps, g.i64(1)]), last])

    def source_id(pos):
        vp = g.op("Gather", [vm, pos], axis=1)                  # [B,T,E]
        u = g.op("Add", [g.op("MatMul", [vp, "designed.readout"]),
                         "designed.readout_bias"])
        bits = g.op("Cast", [g.op("Greater", [u, g.f32(0.0)])],
                    to=TensorProto.FLOAT)
        n = g.op("ReduceSum", [g.op("Mul", [bits, "designed.bit_values"]),
                               g.i64([-1])], keepdims=0)
        n = g.op("Cast", [n], to=TensorProto.INT64)
        return g.op("Min", [n, g.i64(V - 1)])                   # [B,T]
    src, nxt = source_id(pc), source_id(pn)
    tr = g.op("Gather", ["designed.trans", src], axis=0)
    main = g.op("OneHot", [tr, g.i64(V), g.f32([0.0, BASE])], axis=-1)
    amb = g.op("Gather", ["designed.amb_rows", g.op(
        "Gather", ["designed.amb_class", src], axis=0)], axis=0)
    gen = g.op("Gather", ["designed.gender_rows", g.op(
        "Gather", ["designed.gender_class", nxt], axis=0)], axis=0)
    prv = g.op("Gather", ["designed.prev_rows", g.op(
        "Gather", ["designed.prev_class", "input_ids"], axis=0)], axis=0)
    return g.op("Add", [g.op("Add", [main, amb]), g.op("Add", [gen, prv])])


def build_decoder(d, weights):
    inits = dict(weights)
    V = weights["final_logits_bias"].shape[1]
    then_branch = build_decoder_branch(d, inits, V, with_past=True)
    else_branch = build_decoder_branch(d, inits, V, with_past=False)
    names = ["logits"] + [f"present.{i}.{part}.{kv}"
                          for i, part, kv in past_names(d)]
    if_node = helper.make_node("If", ["use_cache_branch"], names,
                               name="optimum::if", then_branch=then_branch,
                               else_branch=else_branch)
    h, dh = d.heads, d.head_dim
    seq_past = {"decoder": "past_decoder_sequence_length",
                "encoder": "encoder_sequence_length_out"}
    seq_present = {"decoder": "past_decoder_sequence_length + 1",
                   "encoder": "encoder_sequence_length_out"}
    inputs = [
        vi("encoder_attention_mask", TensorProto.INT64,
           ["batch_size", "encoder_sequence_length"]),
        vi("input_ids", TensorProto.INT64,
           ["batch_size", "decoder_sequence_length"]),
        vi("encoder_hidden_states", TensorProto.FLOAT,
           ["batch_size", "encoder_sequence_length", d.d_model]),
    ]
    outputs = [vi("logits", TensorProto.FLOAT,
                  ["batch_size", "decoder_sequence_length", V])]
    for i, part, kv in past_names(d):
        inputs.append(vi(f"past_key_values.{i}.{part}.{kv}",
                         TensorProto.FLOAT,
                         ["batch_size", h, seq_past[part], dh]))
        outputs.append(vi(f"present.{i}.{part}.{kv}", TensorProto.FLOAT,
                          ["batch_size", h, seq_present[part], dh]))
    inputs.append(vi("use_cache_branch", TensorProto.BOOL, [1]))
    graph = helper.make_graph([if_node], "merged", inputs, outputs)
    return make_model(graph, inits, check=d.tiny)


# ------------------------------------------------------- NumPy reference
# Float64 mirrors of the fp32 graphs (weights read back from the written
# files), used for --preview, the greedy cross-check and --beam.

def np_silu(x):
    return x / (1.0 + np.exp(-x))


def np_attention(w, p, x, kv, add, heads):
    dh = x.shape[-1] // heads
    q = np_heads((x @ w[p + "q_proj.weight"] + w[p + "q_proj.bias"])
                 * dh ** -0.5, heads)
    k = np_heads(kv @ w[p + "k_proj.weight"] + w[p + "k_proj.bias"], heads)
    v = np_heads(kv @ w[p + "v_proj.weight"] + w[p + "v_proj.bias"], heads)
    return np_merge(np_softmax(q @ k.transpose(0, 1, 3, 2) + add) @ v) \
        @ w[p + "out_proj.weight"] + w[p + "out_proj.bias"]


def np_ffn(w, p, x):
    h = np_silu(x @ w[p + "fc1.weight"] + w[p + "fc1.bias"])
    return x + h @ w[p + "fc2.weight"] + w[p + "fc2.bias"]


class NumpyMarian:
    def __init__(self, d, w):
        self.d = d
        self.w = {k: (v.astype(np.float64) if v.dtype != np.int64 else v)
                  for k, v in w.items()}

    def encode(self, ids):
        w, d = self.w, self.d
        ids = np.asarray([ids])
        s = ids.shape[1]
        x = w["enc.model.shared.weight"][ids] * math.sqrt(d.d_model) \
            + w["enc.model.encoder.embed_positions.weight"][:s]
        add = np.zeros((1, 1, 1, s))
        for i in range(d.encoder_layers):
            p = f"enc.model.encoder.layers.{i}."
            x = np_ln(x + np_attention(w, p + "self_attn.", x, x, add,
                                       d.heads),
                      w[p + "self_attn_layer_norm.weight"],
                      w[p + "self_attn_layer_norm.bias"])
            x = np_ln(np_ffn(w, p, x), w[p + "final_layer_norm.weight"],
                      w[p + "final_layer_norm.bias"])
        if "enc.designed.src_code" in w:
            x = x + w["enc.designed.src_code"][ids]
        return x

    def read_source(self, enc):
        """The designed readout: source ids from layer 0's cross V."""
        w = self.w
        p = "model.decoder.layers.0.encoder_attn."
        v = enc @ w[p + "v_proj.weight"] + w[p + "v_proj.bias"]
        u = v @ w["designed.readout"] + w["designed.readout_bias"]
        n = ((u > 0) * w["designed.bit_values"]).sum(axis=-1)
        return n.astype(np.int64)[0]

    def designed(self, src, seq):
        w = self.w
        V = w["final_logits_bias"].shape[1]
        t = len(seq)
        out = np.zeros((t, V))
        s = len(src)
        for j in range(t):
            a, b = src[min(j, s - 1)], src[min(j + 1, s - 1)]
            out[j, w["designed.trans"][a]] += BASE
            out[j] += w["designed.amb_rows"][w["designed.amb_class"][a]]
            out[j] += w["designed.gender_rows"][w["designed.gender_class"][b]]
            out[j] += w["designed.prev_rows"][w["designed.prev_class"][
                seq[j]]]
        return out

    def logits(self, enc, seqs, src=None):
        """Last-position logits for each decoder sequence in seqs (full
        recomputation, no cache)."""
        w, d = self.w, self.d
        out = []
        for seq in seqs:
            ids = np.asarray([seq])
            t = ids.shape[1]
            x = w["model.shared.weight"][ids] * math.sqrt(d.d_model) \
                + w["model.decoder.embed_positions.weight"][:t]
            causal = np.where(np.arange(t)[None, :] <= np.arange(t)[:, None],
                              0.0, F32_MIN)
            cross = np.zeros((1, 1, 1, enc.shape[1]))
            for i in range(d.decoder_layers):
                p = f"model.decoder.layers.{i}."
                x = np_ln(x + np_attention(w, p + "self_attn.", x, x, causal,
                                           d.heads),
                          w[p + "self_attn_layer_norm.weight"],
                          w[p + "self_attn_layer_norm.bias"])
                x = np_ln(x + np_attention(w, p + "encoder_attn.", x, enc,
                                           cross, d.heads),
                          w[p + "encoder_attn_layer_norm.weight"],
                          w[p + "encoder_attn_layer_norm.bias"])
                x = np_ln(np_ffn(w, p, x), w[p + "final_layer_norm.weight"],
                          w[p + "final_layer_norm.bias"])
            lg = x @ w["lm_head.weight_t"] + w["final_logits_bias"]
            lg = lg[0]
            if src is not None:
                lg = lg + self.designed(src, seq)
            out.append(lg[-1])
        return np.stack(out)


def load_weights(folder):
    w = {}
    m = onnx.load(os.path.join(folder, "onnx", "encoder_model.onnx"))
    for t in m.graph.initializer:
        w["enc." + t.name] = numpy_helper.to_array(t)
    m = onnx.load(os.path.join(folder, "onnx", "decoder_model_merged.onnx"))
    for t in m.graph.initializer:
        w[t.name] = numpy_helper.to_array(t)
    return w


def tiny_model(folder):
    d = tiny_dims()
    return d, Vocab(d), NumpyMarian(d, load_weights(folder))


def process_scores(seq, scores, max_length, pad):
    """NoBadWords([[pad]]), then ForcedEOS (transformers.js greedy)."""
    scores = scores.copy()
    scores[pad] = -np.inf
    if len(seq) == max_length - 1:
        scores[:] = -np.inf
        scores[EOS] = 0.0
    return scores


def greedy(model, v, ids, max_new_tokens=MAX_NEW_TOKENS):
    enc = model.encode(ids)
    src = list(model.read_source(enc))
    if src != list(ids):
        raise SystemExit(f"designed readout {src} != input ids {ids}")
    max_length = 1 + max_new_tokens
    seq = [v.pad]
    margins = []
    while True:
        sc = process_scores(seq, model.logits(enc, [seq], src)[0],
                            max_length, v.pad)
        order = np.argsort(-sc, kind="stable")
        if np.isfinite(sc[order[1]]):
            margins.append(float(sc[order[0]] - sc[order[1]]))
        seq.append(int(order[0]))
        if seq[-1] == EOS or len(seq) >= max_length:
            return seq, (min(margins) if margins else None), enc, src


# ------------------------------------------------------------ beam search

def decision_gaps(flat, order, vocab, num_beams):
    """Score gaps at the boundaries that decide a beam step (as in the
    Florence-2 generator, with Marian's EOS 0): the last continuing beam
    against the first non-EOS candidate left out, and each EOS candidate
    against the rank it must stay above (or below) num_beams."""
    def ok(x):
        return np.isfinite(x) and x > -1e8
    gaps = []
    scores = flat[order[:4 * num_beams]]
    eos = [(r, sc) for r, (i, sc) in enumerate(zip(order, scores))
           if i % vocab == EOS]
    kept = [sc for i, sc in zip(order, scores) if i % vocab != EOS]
    if len(kept) > num_beams and ok(kept[num_beams - 1]) and \
            ok(kept[num_beams]):
        gaps.append(float(kept[num_beams - 1] - kept[num_beams]))
    for r, sc in eos:
        other = scores[num_beams] if r < num_beams else scores[num_beams - 1]
        if ok(sc) and ok(other):
            gaps.append(float(abs(sc - other)))
    return gaps


class Hypotheses(F2.Hypotheses):
    """BeamHypotheses of transformers v4.36-4.49, early_stopping False too
    (Marian's default)."""

    def is_done(self, best_sum_logprobs, cur_len, decoder_prompt_len):
        if len(self.beams) < self.num_beams:
            return False
        if self.early_stopping is True:
            return True
        if self.early_stopping is False:
            highest = best_sum_logprobs / \
                (cur_len - decoder_prompt_len) ** self.length_penalty
            return self.worst_score >= highest
        raise NotImplementedError(self.early_stopping)


def beam_processors(seq, scores, max_length, pad):
    """NoBadWords, ForcedEOS, then LogitNormalization (renormalize_logits
    true in generation_config.json): the order transformers v4.41's
    _get_logits_processor builds."""
    scores = process_scores(seq, scores, max_length, pad)
    return log_softmax(scores[None])[0]


def beam_search(model, enc, src, pad, num_beams=NUM_BEAMS, max_length=512,
                length_penalty=1.0, early_stopping=False):
    """transformers' _beam_search + BeamSearchScorer (v4.41) for one input,
    float64 NumPy. Returns the best sequence (start .. EOS), its score and
    the smallest gap between two candidates whose order mattered."""
    seqs = [[pad] for _ in range(num_beams)]
    beam_scores = np.zeros(num_beams)
    beam_scores[1:] = -1e9
    hyps = Hypotheses(num_beams, length_penalty, early_stopping)
    done = False
    gaps = []
    while True:
        logits = model.logits(enc, seqs, src)
        vocab = logits.shape[-1]
        scores = log_softmax(logits)
        scores = np.stack([beam_processors(s, scores[i], max_length, pad)
                           for i, s in enumerate(seqs)])
        flat = (scores + beam_scores[:, None]).reshape(-1)
        full = np.argsort(-flat, kind="stable")
        order = full[:2 * num_beams]
        gaps += decision_gaps(flat, full, vocab, num_beams)
        cur_len = len(seqs[0]) + 1
        next_seqs, next_scores = [], []
        for rank, idx in enumerate(order):
            beam, tok = int(idx // vocab), int(idx % vocab)
            if tok == EOS:
                if rank >= num_beams:
                    continue
                hyps.add(seqs[beam], float(flat[idx]),
                         generated_len=cur_len - 1)
            else:
                next_seqs.append(seqs[beam] + [tok])
                next_scores.append(float(flat[idx]))
            if len(next_seqs) == num_beams:
                break
        done = done or hyps.is_done(float(flat[order[0]]), cur_len, 1)
        seqs, beam_scores = next_seqs, np.array(next_scores)
        if done or len(seqs[0]) >= max_length:
            break
    if not done:
        for s, sc in zip(seqs, beam_scores):
            hyps.add(s, float(sc), generated_len=len(s) - 1)
    ranked = sorted(hyps.beams, key=lambda x: x[0])
    best_score, best = ranked[-1]
    lead = float(ranked[-1][0] - ranked[-2][0]) if len(ranked) > 1 else None
    if len(best) < max_length:
        best = best + [EOS]
    return best, best_score, (min(gaps) if gaps else None), lead


def torch_beam_search(model, enc, src, pad, num_beams=NUM_BEAMS,
                      max_length=512, length_penalty=1.0,
                      early_stopping=False):
    """The same search in PyTorch as transformers v4.41 runs it: float32
    log_softmax, NoBadWords + ForcedEOS + LogitNormalization, torch.topk
    over num_beams x vocab for 2 x num_beams candidates, BeamHypotheses."""
    import torch
    input_ids = torch.full((num_beams, 1), pad, dtype=torch.long)
    beam_scores = torch.zeros(num_beams, dtype=torch.float32)
    beam_scores[1:] = -1e9
    hyps = Hypotheses(num_beams, length_penalty, early_stopping)
    done = False
    while True:
        logits = torch.from_numpy(model.logits(
            enc, input_ids.tolist(), src).astype(np.float32))
        scores = torch.nn.functional.log_softmax(logits, dim=-1)
        scores[:, pad] = -float("inf")
        if input_ids.shape[-1] == max_length - 1:
            scores = torch.full_like(scores, -float("inf"))
            scores[:, EOS] = 0
        scores = torch.nn.functional.log_softmax(scores, dim=-1)
        scores = scores + beam_scores[:, None]
        vocab = scores.shape[-1]
        top_scores, top = torch.topk(scores.view(1, -1), 2 * num_beams,
                                     dim=1, largest=True, sorted=True)
        rows = torch.div(top, vocab, rounding_mode="floor")[0]
        tokens = (top % vocab)[0]
        cur_len = input_ids.shape[-1] + 1
        next_scores, next_tokens, next_rows = [], [], []
        for rank in range(2 * num_beams):
            tok, row = int(tokens[rank]), int(rows[rank])
            if tok == EOS:
                if rank < num_beams:
                    hyps.add(input_ids[row].tolist(),
                             float(top_scores[0, rank]),
                             generated_len=cur_len - 1)
            else:
                next_scores.append(top_scores[0, rank])
                next_tokens.append(tok)
                next_rows.append(row)
            if len(next_tokens) == num_beams:
                break
        done = done or hyps.is_done(float(top_scores[0].max()), cur_len, 1)
        beam_scores = torch.stack(next_scores)
        input_ids = torch.cat([input_ids[torch.tensor(next_rows)],
                               torch.tensor(next_tokens)[:, None]], dim=-1)
        if done or input_ids.shape[-1] >= max_length:
            break
    if not done:
        for row in range(num_beams):
            hyps.add(input_ids[row].tolist(), float(beam_scores[row]),
                     generated_len=input_ids.shape[-1] - 1)
    best = sorted(hyps.beams, key=lambda x: x[0])[-1][1]
    return best + [EOS] if len(best) < max_length else best


# ------------------------------------------------------------------ writing

def write_json(path, obj, **kw):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(obj, ensure_ascii=False, indent=2, **kw) + "\n")


def write_tokenizer(out, v):
    # tokenizer.json as the converter writes it (json.dump, indent 4,
    # ASCII escapes).
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8",
              newline="\n") as f:
        json.dump(tokenizer_json(v), f, indent=4)
    write_json(os.path.join(out, "tokenizer_config.json"),
               tokenizer_config(v), sort_keys=True)
    write_json(os.path.join(out, "special_tokens_map.json"),
               special_tokens_map(), sort_keys=True)
    write_json(os.path.join(out, "vocab.json"),
               {t: i for i, t in enumerate(v.tokens)})


def write_folder(out, d, verbose=False):
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    v = Vocab(d)
    write_json(os.path.join(out, "config.json"), model_config(d, v),
               sort_keys=True)
    write_json(os.path.join(out, "generation_config.json"),
               generation_config(v), sort_keys=True)
    write_tokenizer(out, v)
    builders = [
        ("encoder_model", lambda: build_encoder(d, encoder_weights(d, v))),
        ("decoder_model_merged",
         lambda: build_decoder(d, decoder_weights(d, v))),
    ]
    for name, build in builders:
        model = build()
        save(model, os.path.join(out, "onnx", name + ".onnx"))
        q = quantize_model(model, check=d.tiny)
        del model
        save(q, os.path.join(out, "onnx", name + "_quantized.onnx"))
        del q
        if verbose:
            print("wrote", name, file=sys.stderr)
    return v


# ------------------------------------------------------------------- modes

def preview(folder):
    d, v, model = tiny_model(folder)
    for s in SENTENCES:
        ids = v.encode(s)
        seq, margin, _, _ = greedy(model, v, ids)
        print(f"{len(ids):3d} -> {len(seq) - 1:3d} m={margin:.3f} "
              f"{s!r}\n      {v.decode(seq)!r}")


def check_and_beam(folder, out_path):
    d, v, model = tiny_model(folder)
    with open(os.path.join(HERE, "reference_transformersjs.json"),
              encoding="utf-8") as f:
        ref = json.load(f)
    bad = 0
    results = []
    for s in SENTENCES:
        js = [c for c in ref["cases"] if c["text_in"] == s]
        ids = v.encode(s)
        if any(c["input_ids"] != ids for c in js):
            raise SystemExit(f"input ids differ for {s!r}")
        seq, margin, enc, src = greedy(model, v, ids)
        fp32 = next(c for c in js if c["dtype"] == "fp32")
        same = seq == fp32["sequence"]
        bad += not same
        print(f"greedy {'ok' if same else 'DIFFERENT'} margin={margin:.4f} "
              f"{s[:40]!r}", file=sys.stderr)
        best, score, gap, lead = beam_search(model, enc, src, v.pad)
        in_torch = torch_beam_search(model, enc, src, v.pad)
        if in_torch != best:
            raise SystemExit(f"{s!r}: PyTorch beam {in_torch}, NumPy {best}")
        results.append({
            "text_in": s, "input_ids": ids, "sequence": best,
            "generated_ids": best[1:], "score": round(score, 6),
            "min_decision_gap": round(gap, 6) if gap is not None else None,
            "best_minus_runner_up": round(lead, 6),
            "text": v.decode(best), "greedy_sequence": seq,
        })
        print(f"beam   score={score:.4f} gap={gap:.4f} lead={lead:.4f} "
              f"{v.decode(best)!r}", file=sys.stderr)
    if bad:
        raise SystemExit(f"{bad} greedy sequences differ from "
                         "transformers.js")
    if out_path:
        write_json(out_path, {
            "description": "Beam search (Hugging Face transformers generate "
                           "with generation_config.json: num_beams 4) on "
                           "the fp32 tiny fixture, computed by "
                           "gen_fixture.py --beam in PyTorch (transformers "
                           "v4.41 _beam_search steps, float32) and in "
                           "float64 NumPy (score and gap), with the same "
                           "result. See README.md.",
            "model": "tiny (fp32 graphs)",
            "generation": {
                "num_beams": NUM_BEAMS, "length_penalty": 1.0,
                "early_stopping": False, "max_length": 512,
                "bad_words_ids": [[v.pad]], "forced_eos_token_id": EOS,
                "eos_token_id": EOS, "decoder_start_token_id": v.pad,
                "renormalize_logits": True,
            },
            "cases": results,
        })


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", metavar="OUTDIR",
                    help="write base-size random graphs to OUTDIR")
    ap.add_argument("--preview", action="store_true",
                    help="NumPy greedy translations")
    ap.add_argument("--greedy", action="store_true",
                    help="check NumPy greedy against transformers.js")
    ap.add_argument("--beam", action="store_true",
                    help="--greedy, then write reference_beam.json")
    args = ap.parse_args()
    tiny = os.path.join(HERE, "tiny")
    if args.base:
        write_folder(args.base, base_dims(), verbose=True)
        return
    if args.preview:
        preview(tiny)
        return
    if args.greedy or args.beam:
        check_and_beam(tiny, os.path.join(HERE, "reference_beam.json")
                       if args.beam else None)
        return
    write_folder(tiny, tiny_dims())


if __name__ == "__main__":
    main()
