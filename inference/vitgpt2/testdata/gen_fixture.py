#!/usr/bin/env python3
"""Writes tiny stand-ins for the Xenova/vit-gpt2-image-captioning model folder.

The files copy the public export contract of the real model (file names,
ONNX input/output names, dtypes, dynamic dimension names, the merged decoder's
`If` on `use_cache_branch`, the GPT-2 byte-level BPE tokenizer format and the
Hugging Face config files) with much smaller dimensions, and with weights
designed so that the caption depends on the image colour in a known way. See
README.md beside this file for the behaviour the Go tests rely on.

Usage:
    python3 gen_fixture.py                     # rewrite ./tiny (reproducible)
    python3 gen_fixture.py --realistic OUTDIR  # ViT-B/16 + GPT-2-base sizes,
                                               # random weights, for benchmarks
    python3 gen_fixture.py --report            # print the NumPy reference's
                                               # step probabilities for ./tiny

Needs only Debian's python3-onnx (1.12) and python3-numpy; no network.
"""

import argparse
import itertools
import json
import math
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, mapping

OPSET = 17
IR_VERSION = 8
PRODUCER = "describer gen_fixture.py"

IMAGE_SIZE = 224
PATCH_SIZE = 16
NUM_CHANNELS = 3
VIT_LN_EPS = 1e-12
GPT2_LN_EPS = 1e-5
EOS_TOKEN = "<|endoftext|>"
MAX_LENGTH = 20

# Words the tiny vocabulary can spell as single tokens (byte-level form gets
# a leading "Ġ" for the space). " café" exercises non-ASCII decoding.
WORDS = [" a", " red", " blue", " green", " grassy", " field", " square",
         " circle", " triangle", " café"]


class Dims:
    """Model sizes. vocab is filled in from the tokenizer."""

    def __init__(self, *, hidden, heads, layers, inner, n_positions, std,
                 designed):
        self.hidden = hidden  # ViT hidden_size == GPT-2 n_embd
        self.heads = heads
        self.layers = layers
        self.inner = inner
        self.n_positions = n_positions
        self.std = std  # scale of the random weights
        self.designed = designed  # colour path and logit table (tiny only)
        self.vocab = None

    @property
    def head_dim(self):
        return self.hidden // self.heads

    @property
    def num_patches(self):
        return (IMAGE_SIZE // PATCH_SIZE) ** 2


def tiny_dims():
    return Dims(hidden=32, heads=2, layers=2, inner=128, n_positions=64,
                std=0.1, designed=True)


def realistic_dims():
    return Dims(hidden=768, heads=12, layers=12, inner=3072, n_positions=1024,
                std=0.02, designed=False)


# ---------------------------------------------------------------- tokenizer

def bytes_to_unicode():
    """GPT-2's byte -> printable character table, in GPT-2's vocab order."""
    bs = (list(range(ord("!"), ord("~") + 1))
          + list(range(ord("¡"), ord("¬") + 1))
          + list(range(ord("®"), ord("ÿ") + 1)))
    cs = list(bs)
    extra = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + extra)
            extra += 1
    return [(b, chr(c)) for b, c in zip(bs, cs)]


def byte_level(text):
    table = dict(bytes_to_unicode())
    return "".join(table[b] for b in text.encode("utf-8"))


class Vocab:
    """A GPT-2 style vocabulary: 256 byte symbols, merge results, then eos."""

    def __init__(self, size=None):
        self.tokens = [sym for _, sym in bytes_to_unicode()]
        self.merges = []
        for word in WORDS:
            self._add_chain(byte_level(word))
        if size is not None:
            self._fill(size - 1)
        self.tokens.append(EOS_TOKEN)
        self.ids = {t: i for i, t in enumerate(self.tokens)}
        if len(self.ids) != len(self.tokens):
            raise ValueError("duplicate tokens in vocabulary")

    def _add_chain(self, word):
        known = set(self.tokens)
        prefix = word[0]
        for ch in word[1:]:
            merged = prefix + ch
            if merged not in known:
                self.merges.append((prefix, ch))
                self.tokens.append(merged)
                known.add(merged)
            prefix = merged

    def _fill(self, n):
        """Pads with unmergeable two-symbol tokens up to n ids (realistic)."""
        known = set(self.tokens)
        syms = [sym for _, sym in bytes_to_unicode()]
        for a, b in itertools.product(syms, repeat=2):
            if len(self.tokens) >= n:
                return
            if a + b not in known:
                self.tokens.append(a + b)

    @property
    def eos(self):
        return self.ids[EOS_TOKEN]

    def __len__(self):
        return len(self.tokens)

    def word(self, text):
        return self.ids[byte_level(text)]


def tokenizer_json(vocab):
    added = {"id": vocab.eos, "content": EOS_TOKEN, "single_word": False,
             "lstrip": False, "rstrip": False, "normalized": True,
             "special": True}
    model = {"type": "BPE", "dropout": None, "unk_token": None,
             "continuing_subword_prefix": "", "end_of_word_suffix": "",
             "fuse_unk": False, "byte_fallback": False,
             "vocab": vocab.ids,
             "merges": [f"{a} {b}" for a, b in vocab.merges]}
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [added],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False,
                          "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True,
                           "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True,
                    "trim_offsets": True, "use_regex": True},
        "model": model,
    }


# ------------------------------------------------------------------ configs

def model_config(d, vocab):
    eos = vocab.eos
    encoder = {
        "architectures": ["ViTModel"],
        "attention_probs_dropout_prob": 0.0,
        "encoder_stride": PATCH_SIZE,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.0,
        "hidden_size": d.hidden,
        "image_size": IMAGE_SIZE,
        "initializer_range": 0.02,
        "intermediate_size": d.inner,
        "layer_norm_eps": VIT_LN_EPS,
        "model_type": "vit",
        "num_attention_heads": d.heads,
        "num_channels": NUM_CHANNELS,
        "num_hidden_layers": d.layers,
        "patch_size": PATCH_SIZE,
        "qkv_bias": True,
    }
    decoder = {
        "activation_function": "gelu_new",
        "add_cross_attention": True,
        "architectures": ["GPT2LMHeadModel"],
        "attn_pdrop": 0.1,
        "bos_token_id": eos,
        "decoder_start_token_id": eos,
        "embd_pdrop": 0.1,
        "eos_token_id": eos,
        "initializer_range": 0.02,
        "is_decoder": True,
        "layer_norm_epsilon": GPT2_LN_EPS,
        "model_type": "gpt2",
        "n_ctx": d.n_positions,
        "n_embd": d.hidden,
        "n_head": d.heads,
        "n_inner": None,
        "n_layer": d.layers,
        "n_positions": d.n_positions,
        "pad_token_id": eos,
        "reorder_and_upcast_attn": False,
        "resid_pdrop": 0.1,
        "scale_attn_by_inverse_layer_idx": False,
        "scale_attn_weights": True,
        "use_cache": True,
        "vocab_size": len(vocab),
    }
    return {
        "architectures": ["VisionEncoderDecoderModel"],
        "bos_token_id": eos,
        "decoder": decoder,
        "decoder_start_token_id": eos,
        "encoder": encoder,
        "eos_token_id": eos,
        "is_encoder_decoder": True,
        "model_type": "vision-encoder-decoder",
        "pad_token_id": eos,
        "tie_word_embeddings": False,
        "torch_dtype": "float32",
    }


def generation_config(vocab):
    eos = vocab.eos
    return {"bos_token_id": eos, "decoder_start_token_id": eos,
            "eos_token_id": eos, "max_length": MAX_LENGTH, "pad_token_id": eos}


def preprocessor_config():
    return {"do_normalize": True, "do_rescale": True, "do_resize": True,
            "feature_extractor_type": "ViTFeatureExtractor",
            "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5],
            "resample": 2, "rescale_factor": 0.00392156862745098,
            "size": IMAGE_SIZE}


def tokenizer_config(d):
    return {"add_bos_token": False, "add_prefix_space": False,
            "bos_token": EOS_TOKEN, "clean_up_tokenization_spaces": True,
            "eos_token": EOS_TOKEN, "model_max_length": d.n_positions,
            "tokenizer_class": "GPT2Tokenizer", "unk_token": EOS_TOKEN}


def special_tokens_map():
    return {"bos_token": EOS_TOKEN, "eos_token": EOS_TOKEN,
            "unk_token": EOS_TOKEN}


# ------------------------------------------------------------------ weights

class Init:
    """Seeded random tensors; each model part gets its own stream."""

    def __init__(self, seed, std):
        self.rng = np.random.default_rng(seed)
        self.std = std

    def normal(self, *shape, scale=1.0):
        x = self.rng.standard_normal(shape, dtype=np.float32)
        return x * np.float32(self.std * scale)

    def gain(self, n):
        """A LayerNorm weight near one."""
        return (1.0 + self.normal(n)).astype(np.float32)


# The tiny encoder keeps the patch mean colour in residual channels 0..2 and
# two fixed "anchor" channels (+A, -A) in 3..4 that keep the final
# LayerNorm's spread nearly constant, so the colour survives it linearly.
COLOUR = slice(0, 3)
RESERVED = 5
ANCHOR = 8.0
COLOUR_GAIN = 2.0


def encoder_weights(d, seed=1):
    init = Init(seed, d.std)
    e, n = d.hidden, d.num_patches
    k = NUM_CHANNELS * PATCH_SIZE * PATCH_SIZE
    w = {
        "patch.weight": init.normal(e, NUM_CHANNELS, PATCH_SIZE, PATCH_SIZE,
                                    scale=3.0 / math.sqrt(k)),
        "patch.bias": init.normal(e),
        "cls_token": init.normal(1, 1, e),
        "position_embeddings": init.normal(1, n + 1, e),
    }
    for i in range(d.layers):
        p = f"layer.{i}."
        for name in ("query", "key", "value", "output"):
            w[p + name + ".weight"] = init.normal(e, e)
            w[p + name + ".bias"] = init.normal(e)
        w[p + "ln_before.weight"] = init.gain(e)
        w[p + "ln_before.bias"] = init.normal(e)
        w[p + "ln_after.weight"] = init.gain(e)
        w[p + "ln_after.bias"] = init.normal(e)
        w[p + "fc1.weight"] = init.normal(e, d.inner)
        w[p + "fc1.bias"] = init.normal(d.inner)
        w[p + "fc2.weight"] = init.normal(d.inner, e)
        w[p + "fc2.bias"] = init.normal(e)
    w["layernorm.weight"] = np.ones(e, np.float32)
    w["layernorm.bias"] = np.zeros(e, np.float32)
    if d.designed:
        design_encoder(w, d)
    return w


def design_encoder(w, d):
    """Routes the patch mean colour to channels 0..2 of last_hidden_state."""
    conv = w["patch.weight"]
    conv[:RESERVED] = 0
    for c in range(NUM_CHANNELS):
        conv[c, c] = 1.0 / (PATCH_SIZE * PATCH_SIZE)
    for name in ("patch.bias", "cls_token", "position_embeddings"):
        w[name][..., :RESERVED] = 0
    for name in ("patch.bias", "cls_token"):
        w[name][..., 3] = ANCHOR
        w[name][..., 4] = -ANCHOR
    for i in range(d.layers):
        p = f"layer.{i}."
        for name in ("output", "fc2"):  # nothing writes the reserved channels
            w[p + name + ".weight"][:, :RESERVED] = 0
            w[p + name + ".bias"][:RESERVED] = 0
    w["layernorm.weight"][COLOUR] = COLOUR_GAIN


def decoder_weights(d, seed=2):
    init = Init(seed, d.std)
    e, v = d.hidden, d.vocab
    w = {"wte": init.normal(v, e), "wpe": init.normal(d.n_positions, e)}
    for i in range(d.layers):
        p = f"h.{i}."
        for ln in ("ln_1", "ln_cross_attn", "ln_2"):
            w[p + ln + ".weight"] = init.gain(e)
            w[p + ln + ".bias"] = init.normal(e)
        shapes = {"attn.c_attn": (e, 3 * e), "attn.c_proj": (e, e),
                  "crossattention.q_attn": (e, e),
                  "crossattention.c_attn": (e, 2 * e),
                  "crossattention.c_proj": (e, e),
                  "mlp.c_fc": (e, d.inner), "mlp.c_proj": (d.inner, e)}
        for name, shape in shapes.items():
            w[p + name + ".weight"] = init.normal(*shape)
            w[p + name + ".bias"] = init.normal(shape[1])
    w["ln_f.weight"] = init.gain(e)
    w["ln_f.bias"] = init.normal(e)
    return w


# ------------------------------------------------------- designed behaviour

# The tiny decoder's logits are
#   LM_SCALE * (GPT-2 LM head) + table[id] + gate[id] * (colour @ colour_C)
# where colour is the mean over the encoder sequence of channels 0..2 of
# encoder_hidden_states. The table rows are log-probabilities of the
# distributions below, minus the GPT-2 part's contribution on one canonical
# context per row, so that the canonical captions get exactly the designed
# probabilities while every other context is nudged by the real blocks.
LM_SCALE = 0.05

RED, GREEN, BLUE, GREY = (255, 0, 0), (0, 255, 0), (0, 0, 255), (128, 128, 128)


def dist_logits(v, probs):
    """Log-probabilities: the named ids get probs, the rest share the rest."""
    rest = 1.0 - sum(probs.values())
    out = np.full(v, math.log(rest / (v - len(probs))))
    for i, p in probs.items():
        out[i] = math.log(p)
    return out


def designed_rows(vocab):
    """Next-token distributions by previous token (the colour row excepted)."""
    v, eos, w = len(vocab), vocab.eos, vocab.word
    rows = np.tile(dist_logits(v, {eos: 0.9}), (v, 1))
    rows[eos] = dist_logits(v, {vocab.ids["a"]: 0.9})
    rows[w(" red")] = dist_logits(v, {w(" square"): 0.9})
    rows[w(" blue")] = dist_logits(v, {w(" circle"): 0.9})
    rows[w(" green")] = dist_logits(
        v, {w(" triangle"): 0.35, w(" square"): 0.33, w(" circle"): 0.31})
    rows[w(" grassy")] = dist_logits(v, {w(" field"): 0.95})
    for noun in (" square", " circle", " triangle", " field"):
        rows[w(noun)] = dist_logits(v, {eos: 0.95})
    return rows


def colour_targets(vocab):
    """Distributions after "a" for the calibration images."""
    v, w = len(vocab), vocab.word
    red, blue, green, grassy = (w(" red"), w(" blue"), w(" green"),
                                w(" grassy"))
    return {
        RED: dist_logits(v, {red: 0.80, blue: 0.04, green: 0.04,
                             grassy: 0.03}),
        GREEN: dist_logits(v, {green: 0.45, grassy: 0.40, red: 0.03,
                               blue: 0.03}),
        BLUE: dist_logits(v, {blue: 0.80, red: 0.04, green: 0.04,
                              grassy: 0.03}),
        GREY: dist_logits(v, {red: 0.24, blue: 0.22, green: 0.20,
                              grassy: 0.16}),
    }


def canonical_contexts(vocab):
    """(image, token ids) whose last token's row is made exact."""
    eos, a, w = vocab.eos, vocab.ids["a"], vocab.word
    paths = [(GREY, []), (RED, [" red", " square"]),
             (BLUE, [" blue", " circle"]), (GREEN, [" green", " triangle"]),
             (GREEN, [" grassy", " field"])]
    for rgb, words in paths:
        ids = [eos] + ([a] if words else [])
        yield rgb, ids
        for word in words:
            ids = ids + [w(word)]
            yield rgb, ids


def design_decoder(w, d, vocab, enc_w):
    """Adds the logit table, gate and colour matrix to the decoder weights.

    The colour row (after "a") is solved so that the four calibration images
    give exactly their target distributions:
    target(img) - nudge(img) = t + colour(img) @ C, four equations for t and
    C's three rows. The other rows cancel the nudge of one context each.
    """
    encs = {rgb: np_encoder(enc_w, d, solid_image(rgb))
            for rgb in (RED, GREEN, BLUE, GREY)}
    table = designed_rows(vocab)
    for rgb, ids in canonical_contexts(vocab):
        table[ids[-1]] -= np_lm_logits(w, d, [ids], encs[rgb])[0][0, -1]
    a = vocab.ids["a"]
    rows, cols = [], []
    for rgb, logits in colour_targets(vocab).items():
        enc = encs[rgb]
        nudge = np_lm_logits(w, d, [[vocab.eos, a]], enc)[0][0, -1]
        cols.append([1.0] + list(enc[0, :, COLOUR].mean(axis=0)))
        rows.append(logits - nudge)
    solved = np.linalg.solve(np.array(cols), np.array(rows))
    table[a] = solved[0]
    gate = np.zeros(d.vocab)
    gate[a] = 1.0
    w["designed.table"] = np.round(table, 4).astype(np.float32)
    w["designed.gate"] = gate.astype(np.float32)
    w["designed.colour"] = np.round(solved[1:], 4).astype(np.float32)


def design_realistic(w, vocab):
    """Keeps eos from ever winning so benchmarks run to max_length."""
    bias = np.zeros(len(vocab), np.float32)
    bias[vocab.eos] = -100.0
    w["logits_bias"] = bias


# ------------------------------------------------------- NumPy reference

def solid_image(rgb):
    """A [1,3,224,224] pixel_values tensor of one colour, preprocessed."""
    px = np.array(rgb, np.float64).reshape(1, 3, 1, 1)
    px = (px / 255.0 - 0.5) / 0.5
    return np.broadcast_to(px, (1, 3, IMAGE_SIZE, IMAGE_SIZE)).copy()


def np_layernorm(x, g, b, eps):
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


_erf = np.vectorize(math.erf)


def np_gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def np_gelu_new(x):
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi)
                                    * (x + 0.044715 * x ** 3)))


def np_heads(x, h):
    b, s, e = x.shape
    return x.reshape(b, s, h, e // h).transpose(0, 2, 1, 3)


def np_attention(q, k, v, mask=None):
    scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    probs = scores / scores.sum(axis=-1, keepdims=True)
    out = probs @ v
    b, h, s, dh = out.shape
    return out.transpose(0, 2, 1, 3).reshape(b, s, h * dh)


def np_encoder(w, d, pixels):
    """ViT forward pass in float64, mirroring build_encoder."""
    w = {k: v.astype(np.float64) for k, v in w.items()}
    b = pixels.shape[0]
    g = IMAGE_SIZE // PATCH_SIZE
    patches = pixels.reshape(b, 3, g, PATCH_SIZE, g, PATCH_SIZE)
    patches = patches.transpose(0, 2, 4, 1, 3, 5).reshape(b, g * g, -1)
    conv = w["patch.weight"].reshape(d.hidden, -1)
    x = patches @ conv.T + w["patch.bias"]
    cls = np.broadcast_to(w["cls_token"], (b, 1, d.hidden))
    x = np.concatenate([cls, x], axis=1) + w["position_embeddings"]
    for i in range(d.layers):
        p = f"layer.{i}."
        h = np_layernorm(x, w[p + "ln_before.weight"], w[p + "ln_before.bias"],
                         VIT_LN_EPS)
        q, k, v = (np_heads(h @ w[p + n + ".weight"] + w[p + n + ".bias"],
                            d.heads) for n in ("query", "key", "value"))
        x = x + np_attention(q, k, v) @ w[p + "output.weight"] \
            + w[p + "output.bias"]
        h = np_layernorm(x, w[p + "ln_after.weight"], w[p + "ln_after.bias"],
                         VIT_LN_EPS)
        h = np_gelu(h @ w[p + "fc1.weight"] + w[p + "fc1.bias"])
        x = x + h @ w[p + "fc2.weight"] + w[p + "fc2.bias"]
    return np_layernorm(x, w["layernorm.weight"], w["layernorm.bias"],
                        VIT_LN_EPS)


def np_lm_logits(w, d, ids, enc, past=None):
    """GPT-2 decoder blocks and scaled LM head in float64, mirroring
    build_decoder_branch without the designed terms.

    ids: [B,S] ints; enc: [B,T,E]; past: list of (key, value) or None.
    Returns (logits [B,S,V], presents).
    """
    w = {k: v.astype(np.float64) for k, v in w.items()}
    ids = np.asarray(ids)
    past_len = 0 if past is None else past[0][0].shape[2]
    pos = np.arange(past_len, past_len + ids.shape[1])
    mask = np.arange(past_len + ids.shape[1])[None, :] <= pos[:, None]
    x = w["wte"][ids] + w["wpe"][pos]
    presents = []
    for i in range(d.layers):
        p = f"h.{i}."

        def lin(t, name):
            return t @ w[p + name + ".weight"] + w[p + name + ".bias"]

        def ln(t, name):
            return np_layernorm(t, w[p + name + ".weight"],
                                w[p + name + ".bias"], GPT2_LN_EPS)
        q, k, v = np.split(lin(ln(x, "ln_1"), "attn.c_attn"), 3, axis=-1)
        q, k, v = (np_heads(t, d.heads) for t in (q, k, v))
        if past is not None:
            k = np.concatenate([past[i][0], k], axis=2)
            v = np.concatenate([past[i][1], v], axis=2)
        presents.append((k, v))
        x = x + lin(np_attention(q, k, v, mask), "attn.c_proj")
        q = np_heads(lin(ln(x, "ln_cross_attn"), "crossattention.q_attn"),
                     d.heads)
        k, v = np.split(lin(enc, "crossattention.c_attn"), 2, axis=-1)
        x = x + lin(np_attention(q, np_heads(k, d.heads),
                                 np_heads(v, d.heads)),
                    "crossattention.c_proj")
        x = x + lin(np_gelu_new(lin(ln(x, "ln_2"), "mlp.c_fc")),
                    "mlp.c_proj")
    x = np_layernorm(x, w["ln_f.weight"], w["ln_f.bias"], GPT2_LN_EPS)
    scale = LM_SCALE if d.designed else 1.0
    return scale * (x @ w["wte"].T), presents


def np_decoder(w, d, ids, enc, past=None):
    """The whole merged decoder in float64: np_lm_logits plus the designed
    terms (tiny) or the eos bias (realistic)."""
    logits, presents = np_lm_logits(w, d, ids, enc, past)
    ids = np.asarray(ids)
    if not d.designed:
        return logits + w["logits_bias"], presents
    colour = enc[:, :, COLOUR].mean(axis=1) @ w["designed.colour"]
    logits = (logits + w["designed.table"][ids]
              + w["designed.gate"][ids][:, :, None] * colour[:, None, :])
    return logits, presents


# ------------------------------------------------------------ ONNX graphs

class Graph:
    """Collects nodes for one (sub)graph. Initializers (name -> ndarray) are
    shared and stored once at the top level, so the merged decoder's two
    branches use one copy of the weights, as in the real merged export."""

    def __init__(self, prefix, inits, head_dim):
        self.prefix = prefix
        self.inits = inits  # name -> ndarray, shared
        self.nodes = []
        self.count = 0
        self.scale = self.f32(math.sqrt(head_dim))

    def fresh(self, hint):
        self.count += 1
        return f"{self.prefix}{hint}_{self.count}"

    def op(self, op_type, inputs, out=None, **attrs):
        out = out or self.fresh(op_type)
        self.nodes.append(helper.make_node(
            op_type, inputs, [out], name=self.fresh("node_" + op_type),
            **attrs))
        return out

    def ops(self, op_type, inputs, n, **attrs):
        outs = [self.fresh(op_type) for _ in range(n)]
        self.nodes.append(helper.make_node(
            op_type, inputs, outs, name=self.fresh("node_" + op_type),
            **attrs))
        return outs

    def const(self, value, dtype):
        arr = np.asarray(value, dtype=dtype)
        key = "const_{}_{}".format(arr.dtype.name, "_".join(
            str(x).replace("-", "m").replace(".", "p")
            for x in arr.flatten().tolist()))
        if arr.ndim == 0:
            key += "_scalar"
        if key not in self.inits:
            self.inits[key] = arr
        return key

    def i64(self, value):
        return self.const(value, np.int64)

    def f32(self, value):
        return self.const(value, np.float32)

    # Layers shared by the encoder and decoder.

    def linear(self, x, w, b):
        return self.op("Add", [self.op("MatMul", [x, w]), b])

    def layernorm(self, x, g, b, eps):
        return self.op("LayerNormalization", [x, g, b], axis=-1, epsilon=eps)

    def gelu(self, x):
        """GELU with erf, as ViT's hidden_act "gelu"."""
        t = self.op("Erf", [self.op("Mul", [x, self.f32(1 / math.sqrt(2))])])
        t = self.op("Add", [t, self.f32(1.0)])
        return self.op("Mul", [self.op("Mul", [x, t]), self.f32(0.5)])

    def gelu_new(self, x):
        """GPT-2's tanh approximation ("gelu_new")."""
        cube = self.op("Mul", [self.op("Mul", [x, x]), x])
        t = self.op("Add", [x, self.op("Mul", [cube, self.f32(0.044715)])])
        t = self.op("Tanh", [self.op("Mul", [
            t, self.f32(math.sqrt(2 / math.pi))])])
        t = self.op("Add", [t, self.f32(1.0)])
        return self.op("Mul", [self.op("Mul", [x, t]), self.f32(0.5)])

    def split_heads(self, x, heads, head_dim):
        x = self.op("Reshape", [x, self.i64([0, 0, heads, head_dim])])
        return self.op("Transpose", [x], perm=[0, 2, 1, 3])

    def attention(self, q, k, v, hidden, mask=None):
        """Scaled dot-product attention over [B,H,S,D] tensors -> [B,S,E]."""
        kt = self.op("Transpose", [k], perm=[0, 1, 3, 2])
        scores = self.op("Div", [self.op("MatMul", [q, kt]), self.scale])
        if mask is not None:
            scores = self.op("Where", [mask, scores, self.f32(
                np.finfo(np.float32).min)])
        probs = self.op("Softmax", [scores], axis=-1)
        out = self.op("Transpose", [self.op("MatMul", [probs, v])],
                      perm=[0, 2, 1, 3])
        return self.op("Reshape", [out, self.i64([0, 0, hidden])])


# Models bigger than this skip onnx.checker (it copies the whole protobuf;
# the same builder's tiny output is always checked).
CHECK_LIMIT = 1 << 26


def make_model(graph, inits):
    """Wraps graph in a model and appends the initializers without the extra
    protobuf copies helper.make_graph would make (keeps --realistic fast)."""
    model = helper.make_model(
        graph, producer_name=PRODUCER,
        opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = IR_VERSION
    size = 0
    for name, arr in inits.items():
        t = model.graph.initializer.add()
        t.name = name
        t.data_type = mapping.NP_TYPE_TO_TENSOR_TYPE[arr.dtype]
        t.dims.extend(arr.shape)
        t.raw_data = np.ascontiguousarray(arr).tobytes()
        size += arr.nbytes
    if size < CHECK_LIMIT:
        onnx.checker.check_model(model)
    return model


def build_encoder(d, weights):
    inits = dict(weights)
    g = Graph("", inits, d.head_dim)
    e = d.hidden
    x = g.op("Conv", ["pixel_values", "patch.weight", "patch.bias"],
             kernel_shape=[PATCH_SIZE, PATCH_SIZE],
             strides=[PATCH_SIZE, PATCH_SIZE])
    x = g.op("Reshape", [x, g.i64([0, e, -1])])
    x = g.op("Transpose", [x], perm=[0, 2, 1])
    batch = g.op("Shape", ["pixel_values"], start=0, end=1)
    cls_shape = g.op("Concat", [batch, g.i64([1, e])], axis=0)
    cls = g.op("Expand", ["cls_token", cls_shape])
    x = g.op("Concat", [cls, x], axis=1)
    x = g.op("Add", [x, "position_embeddings"])
    for i in range(d.layers):
        p = f"layer.{i}."
        h = g.layernorm(x, p + "ln_before.weight", p + "ln_before.bias",
                        VIT_LN_EPS)
        q, k, v = (g.split_heads(g.linear(h, p + n + ".weight",
                                          p + n + ".bias"), d.heads,
                                 d.head_dim)
                   for n in ("query", "key", "value"))
        a = g.attention(q, k, v, e)
        x = g.op("Add", [x, g.linear(a, p + "output.weight",
                                     p + "output.bias")])
        h = g.layernorm(x, p + "ln_after.weight", p + "ln_after.bias",
                        VIT_LN_EPS)
        h = g.gelu(g.linear(h, p + "fc1.weight", p + "fc1.bias"))
        x = g.op("Add", [x, g.linear(h, p + "fc2.weight", p + "fc2.bias")])
    g.layernorm(x, "layernorm.weight", "layernorm.bias", VIT_LN_EPS)
    g.nodes[-1].output[0] = "last_hidden_state"
    graph = helper.make_graph(
        g.nodes, "vit_encoder",
        [helper.make_tensor_value_info(
            "pixel_values", TensorProto.FLOAT,
            ["batch_size", "num_channels", "height", "width"])],
        [helper.make_tensor_value_info(
            "last_hidden_state", TensorProto.FLOAT,
            ["batch_size", "encoder_sequence_length", e])])
    return make_model(graph, inits)


def past_names(d):
    for i in range(d.layers):
        yield f"past_key_values.{i}.key", f"past_key_values.{i}.value"


def present_names(d):
    for i in range(d.layers):
        yield f"present.{i}.key", f"present.{i}.value"


def build_decoder_branch(d, inits, with_past):
    """One decoder: with_past concatenates the past keys/values."""
    prefix = "with_past/" if with_past else "no_past/"
    g = Graph(prefix, inits, d.head_dim)
    e = d.hidden
    ids = "input_ids"
    x = g.op("Gather", ["wte", ids], axis=0)
    seq = g.op("Shape", [ids], start=1, end=2)
    if with_past:
        past_len = g.op("Shape", ["past_key_values.0.key"], start=2, end=3)
        start = g.op("Squeeze", [past_len, g.i64([0])])
    else:
        past_len = g.i64([0])
        start = g.i64(0)
    total = g.op("Squeeze", [g.op("Add", [past_len, seq]), g.i64([0])])
    positions = g.op("Range", [start, total, g.i64(1)])
    x = g.op("Add", [x, g.op("Gather", ["wpe", positions], axis=0)])
    key_pos = g.op("Range", [g.i64(0), total, g.i64(1)])
    mask = g.op("LessOrEqual", [
        g.op("Unsqueeze", [key_pos, g.i64([0])]),
        g.op("Unsqueeze", [positions, g.i64([1])])])
    presents = []
    pasts = list(past_names(d))
    for i in range(d.layers):
        p = f"h.{i}."
        h = g.layernorm(x, p + "ln_1.weight", p + "ln_1.bias", GPT2_LN_EPS)
        qkv = g.linear(h, p + "attn.c_attn.weight", p + "attn.c_attn.bias")
        q, k, v = g.ops("Split", [qkv, g.i64([e, e, e])], 3, axis=2)
        q, k, v = (g.split_heads(t, d.heads, d.head_dim) for t in (q, k, v))
        if with_past:
            k = g.op("Concat", [pasts[i][0], k], axis=2)
            v = g.op("Concat", [pasts[i][1], v], axis=2)
        k = g.op("Identity", [k], out=f"{prefix}present.{i}.key")
        v = g.op("Identity", [v], out=f"{prefix}present.{i}.value")
        presents += [k, v]
        a = g.attention(q, k, v, e, mask)
        x = g.op("Add", [x, g.linear(a, p + "attn.c_proj.weight",
                                     p + "attn.c_proj.bias")])
        h = g.layernorm(x, p + "ln_cross_attn.weight",
                        p + "ln_cross_attn.bias", GPT2_LN_EPS)
        q = g.split_heads(g.linear(h, p + "crossattention.q_attn.weight",
                                   p + "crossattention.q_attn.bias"),
                          d.heads, d.head_dim)
        kv = g.linear("encoder_hidden_states",
                      p + "crossattention.c_attn.weight",
                      p + "crossattention.c_attn.bias")
        k, v = g.ops("Split", [kv, g.i64([e, e])], 2, axis=2)
        a = g.attention(q, g.split_heads(k, d.heads, d.head_dim),
                        g.split_heads(v, d.heads, d.head_dim), e)
        x = g.op("Add", [x, g.linear(a, p + "crossattention.c_proj.weight",
                                     p + "crossattention.c_proj.bias")])
        h = g.layernorm(x, p + "ln_2.weight", p + "ln_2.bias", GPT2_LN_EPS)
        h = g.gelu_new(g.linear(h, p + "mlp.c_fc.weight",
                                p + "mlp.c_fc.bias"))
        x = g.op("Add", [x, g.linear(h, p + "mlp.c_proj.weight",
                                     p + "mlp.c_proj.bias")])
    x = g.layernorm(x, "ln_f.weight", "ln_f.bias", GPT2_LN_EPS)
    logits = lm_head(g, d, x, ids)
    logits = g.op("Identity", [logits], out=prefix + "logits")
    outputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, None)
               for n in [logits] + presents]
    return helper.make_graph(g.nodes, prefix.rstrip("/"), [], outputs)


def lm_head(g, d, x, ids):
    """Tied LM head (Gemm against wte, no transposed copy) plus the designed
    logit terms (tiny) or the eos bias (realistic)."""
    flat = g.op("Reshape", [x, g.i64([-1, d.hidden])])
    alpha = LM_SCALE if d.designed else 1.0
    logits = g.op("Gemm", [flat, "wte"], transB=1, alpha=alpha)
    shape = g.op("Concat", [g.op("Shape", [ids]), g.i64([d.vocab])], axis=0)
    logits = g.op("Reshape", [logits, shape])
    if not d.designed:
        return g.op("Add", [logits, "logits_bias"])
    colour = g.op("Slice", ["encoder_hidden_states", g.i64([0]), g.i64([3]),
                            g.i64([2])])
    colour = g.op("ReduceMean", [colour], axes=[1], keepdims=0)
    colour = g.op("Unsqueeze", [g.op("MatMul", [colour, "designed.colour"]),
                                g.i64([1])])
    gate = g.op("Unsqueeze", [g.op("Gather", ["designed.gate", ids], axis=0),
                              g.i64([2])])
    table = g.op("Gather", ["designed.table", ids], axis=0)
    logits = g.op("Add", [logits, table])
    return g.op("Add", [logits, g.op("Mul", [gate, colour])])


def build_decoder(d, weights):
    inits = dict(weights)
    then_branch = build_decoder_branch(d, inits, with_past=True)
    else_branch = build_decoder_branch(d, inits, with_past=False)
    outputs = ["logits"] + [n for pair in present_names(d) for n in pair]
    if_node = helper.make_node("If", ["use_cache_branch"], outputs,
                               name="optimum::if", then_branch=then_branch,
                               else_branch=else_branch)
    past_shape = ["batch_size", d.heads, "past_sequence_length", d.head_dim]
    present_shape = ["batch_size", d.heads,
                     "past_sequence_length + sequence_length", d.head_dim]
    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64,
                                      ["batch_size", "sequence_length"]),
        helper.make_tensor_value_info(
            "encoder_hidden_states", TensorProto.FLOAT,
            ["batch_size", "encoder_sequence_length", d.hidden]),
    ]
    for key, value in past_names(d):
        inputs.append(helper.make_tensor_value_info(
            key, TensorProto.FLOAT, past_shape))
        inputs.append(helper.make_tensor_value_info(
            value, TensorProto.FLOAT, past_shape))
    inputs.append(helper.make_tensor_value_info("use_cache_branch",
                                                TensorProto.BOOL, [1]))
    outs = [helper.make_tensor_value_info(
        "logits", TensorProto.FLOAT,
        ["batch_size", "sequence_length", d.vocab])]
    for key, value in present_names(d):
        outs.append(helper.make_tensor_value_info(
            key, TensorProto.FLOAT, present_shape))
        outs.append(helper.make_tensor_value_info(
            value, TensorProto.FLOAT, present_shape))
    graph = helper.make_graph([if_node], "gpt2_decoder_merged", inputs, outs,
                          )
    return make_model(graph, inits)


# ------------------------------------------------------------------ writing

def write_json(path, obj, **kw):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(obj, ensure_ascii=False, **kw) + "\n")


def write_folder(out, d, vocab, enc_w, dec_w):
    """Writes the Hugging Face folder layout of the real model."""
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    write_json(os.path.join(out, "config.json"), model_config(d, vocab),
               indent=2, sort_keys=True)
    write_json(os.path.join(out, "generation_config.json"),
               generation_config(vocab), indent=2, sort_keys=True)
    write_json(os.path.join(out, "preprocessor_config.json"),
               preprocessor_config(), indent=2, sort_keys=True)
    write_json(os.path.join(out, "tokenizer_config.json"),
               tokenizer_config(d), indent=2, sort_keys=True)
    write_json(os.path.join(out, "special_tokens_map.json"),
               special_tokens_map(), indent=2, sort_keys=True)
    write_json(os.path.join(out, "tokenizer.json"), tokenizer_json(vocab),
               indent=2)
    write_json(os.path.join(out, "vocab.json"), vocab.ids)
    with open(os.path.join(out, "merges.txt"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write("#version: 0.2\n")
        f.writelines(f"{a} {b}\n" for a, b in vocab.merges)
    onnx.save(build_encoder(d, enc_w),
              os.path.join(out, "onnx", "encoder_model.onnx"))
    onnx.save(build_decoder(d, dec_w),
              os.path.join(out, "onnx", "decoder_model_merged.onnx"))


def build_tiny():
    d = tiny_dims()
    vocab = Vocab()
    d.vocab = len(vocab)
    enc_w = encoder_weights(d)
    dec_w = decoder_weights(d)
    design_decoder(dec_w, d, vocab, enc_w)
    return d, vocab, enc_w, dec_w


def build_realistic():
    d = realistic_dims()
    vocab = Vocab(size=50257)
    d.vocab = len(vocab)
    enc_w = encoder_weights(d)
    dec_w = decoder_weights(d)
    design_realistic(dec_w, vocab)
    return d, vocab, enc_w, dec_w


# ------------------------------------------------------------------ report

def report_images():
    """The images the README's behaviour table is measured on."""
    mostly_red = np.zeros((224, 224, 3))
    mostly_red[:, :] = (255, 0, 0)
    mostly_red[16:112, 16:96] = (0, 0, 255)  # 96x80 px, 15.3%
    noise = np.random.default_rng(7).integers(0, 256, (224, 224, 3))
    images = {"red": RED, "blue": BLUE, "green": GREEN, "grey": GREY}
    out = {name: solid_image(rgb) for name, rgb in images.items()}
    for name, rgb in (("mostly-red", mostly_red), ("noise", noise)):
        px = (rgb.astype(np.float64) / 255.0 - 0.5) / 0.5
        out[name] = px.transpose(2, 0, 1)[None]
    return out


def log_softmax(x):
    x = x - x.max()
    return x - math.log(np.exp(x).sum())


def greedy(d, dec_w, vocab, enc):
    ids, steps, past = [vocab.eos], [], None
    while len(ids) < MAX_LENGTH:
        logits, past = np_decoder(dec_w, d, [[ids[-1]]], enc, past)
        lp = log_softmax(logits[0, -1])
        best = int(lp.argmax())
        steps.append((best, math.exp(lp[best])))
        ids.append(best)
        if best == vocab.eos:
            break
    return steps


def sequence_logprob(d, dec_w, vocab, enc, words):
    ids = [vocab.eos] + [vocab.ids["a"]] + [vocab.word(w) for w in words]
    ids.append(vocab.eos)
    logits, _ = np_decoder(dec_w, d, [ids[:-1]], enc)
    return sum(log_softmax(logits[0, i])[ids[i + 1]]
               for i in range(len(ids) - 1))


def report():
    d, vocab, enc_w, dec_w = build_tiny()
    print("vocab size", len(vocab), "eos", vocab.eos, "a", vocab.ids["a"])
    for w in WORDS:
        print(f"  {byte_level(w)!r}: {vocab.word(w)}")
    for name, px in report_images().items():
        enc = np_encoder(enc_w, d, px)
        steps = greedy(d, dec_w, vocab, enc)
        text = " ".join(f"{vocab.tokens[i]}({p:.4f})" for i, p in steps)
        print(f"{name:10s} colour={enc[0, :, COLOUR].mean(axis=0).round(4)}"
              f" {text}")
    enc = np_encoder(enc_w, d, report_images()["green"])
    for words in ([" green", " triangle"], [" grassy", " field"]):
        print("green", "".join(words), "log-prob",
              round(sequence_logprob(d, dec_w, vocab, enc, words), 6))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--realistic", metavar="OUTDIR",
                        help="write ViT-B/16 + GPT-2-base sized random "
                             "models to OUTDIR instead of ./tiny")
    parser.add_argument("--report", action="store_true",
                        help="print the NumPy reference behaviour of tiny")
    args = parser.parse_args(argv)
    if args.report:
        report()
        return
    if args.realistic:
        write_folder(args.realistic, *build_realistic())
        return
    here = os.path.dirname(os.path.abspath(__file__))
    write_folder(os.path.join(here, "tiny"), *build_tiny())


if __name__ == "__main__":
    main(sys.argv[1:])
