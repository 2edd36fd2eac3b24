#!/usr/bin/env python3
"""Writes a tiny random-weight stand-in for HuggingFaceTB/SmolVLM-256M-Instruct.

The folder copies the export contract that transformers.js 4.3.1 loads
(Idefics3ForConditionalGeneration + Idefics3Processor, model_type
"idefics3"): three graphs (vision_encoder, embed_tokens,
decoder_model_merged) in fp32 and as `_quantized` (q8, dynamic int8), with
the same input/output names, dtypes and dimension names; a SmolLM2-style
byte-level BPE tokenizer with SmolVLM's added tokens at SmolVLM's relative
positions; and the Hugging Face config files (config, generation,
preprocessor, processor, chat template). The graphs are real in structure
(SigLIP-style vision layer, Idefics3 pixel-shuffle connector, Llama decoder
with RoPE, GQA 9/3 and a KV cache) but tiny and random (seeded), plus a
designed logit term that makes every greedy step a clear decision that
depends on the image and on the question. See README.md beside this file.

Usage:
    python3 gen_fixture.py               # rewrite ./tiny and ./images
    python3 gen_fixture.py --base OUTDIR # real SmolVLM-256M sizes, random
                                         # weights, for benchmarks (never
                                         # committed)

Needs Debian's python3-onnx (1.12), python3-numpy (1.24) and python3-pil
(9.4, for the images); no onnxruntime, no network. Reuses the `_quantized`
rules (onnxruntime quantize_dynamic, as transformers.js' convert.py ran it)
and the GPT-2 byte table from ../../florence2/testdata/gen_fixture.py.
"""

import argparse
import importlib.util
import json
import math
import os
import re
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
_F2_PATH = os.path.join(HERE, "..", "..", "florence2", "testdata",
                        "gen_fixture.py")
_spec = importlib.util.spec_from_file_location("florence2_gen_fixture",
                                               _F2_PATH)
F2 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(F2)

bytes_to_unicode = F2.bytes_to_unicode
byte_level = F2.byte_level
quantize_model = F2.quantize_model
to_tensor = F2.to_tensor
write_json = F2.write_json
save = F2.save

OPSET = 17
IR_VERSION = 8
PRODUCER = "describer smolvlm gen_fixture.py"
F32_MIN = float(np.finfo(np.float32).min)
INT64_MAX = 2 ** 63 - 1

# ------------------------------------------------------------------- dims


class Dims:
    """Model sizes, with Idefics3Config / LlamaConfig / vision config names."""

    def __init__(self, **kw):
        self.hidden = kw["hidden"]
        self.heads = kw["heads"]
        self.kv_heads = kw["kv_heads"]
        self.head_dim = kw["head_dim"]
        self.layers = kw["layers"]
        self.inter = kw["inter"]
        self.v_hidden = kw["v_hidden"]
        self.v_heads = kw["v_heads"]
        self.v_inter = kw["v_inter"]
        self.v_layers = kw["v_layers"]
        self.image_size = 512
        self.patch = 16
        self.scale = 4
        self.rope_theta = 100000
        self.rms_eps = 1e-5
        self.ln_eps = 1e-6
        self.max_pos = 8192
        self.base_vocab = kw.get("base_vocab")  # None: just the words
        self.tiny = kw["tiny"]

    @property
    def grid(self):
        return self.image_size // self.patch  # 32

    @property
    def patches(self):
        return self.grid * self.grid  # 1024

    @property
    def image_seq_len(self):
        return self.patches // (self.scale * self.scale)  # 64


def tiny_dims():
    return Dims(hidden=64, heads=9, kv_heads=3, head_dim=8, layers=2,
                inter=128, v_hidden=24, v_heads=2, v_inter=48, v_layers=1,
                tiny=True)


def base_dims():
    # SmolVLM-256M-Instruct: SmolLM2-135M-like text model, SigLIP-B/16-512.
    return Dims(hidden=576, heads=9, kv_heads=3, head_dim=64, layers=30,
                inter=1536, v_hidden=768, v_heads=12, v_inter=3072,
                v_layers=12, base_vocab=49152, tiny=False)


# --------------------------------------------------------------- tokenizer

# SmolLM2's added tokens (ids 0-16), all special.
SMOLLM2_SPECIALS = [
    "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<repo_name>",
    "<reponame>", "<file_sep>", "<filename>", "<gh_stars>",
    "<issue_start>", "<issue_comment>", "<issue_closed>", "<jupyter_start>",
    "<jupyter_text>", "<jupyter_code>", "<jupyter_output>",
    "<jupyter_script>", "<empty_output>",
]
ENDOFTEXT, IM_START, IM_END = 0, 1, 2
N_RESERVED = 88  # <|reserved_special_token_0..87|> (SmolVLM added tokens)

# Questions (the keyword of each is one token whose embedding carries a
# designed "question" channel; see "Behaviour" in README.md).
Q_COLOUR = "What colour is the background?"
Q_DESCRIBE = "Describe this image."
Q_TEXT = "Is there any text?"
Q_SHAPE = "What shape is it?"
QUESTIONS = [Q_COLOUR, Q_DESCRIBE, Q_TEXT, Q_SHAPE]
# Keyword token per question type, in priority order (lowest first): when a
# conversation holds several, the highest-priority type decides.
QTYPES = ["describe", "colour", "text", "shape"]
KEYWORDS = {"describe": "Describe", "colour": " colour", "text": " text",
            "shape": " shape"}

COLOURS = ["white", "black", "red", "green", "blue", "yellow", "purple"]
# Colour directions in normalised RGB space ([-1, 1] per channel).
COLOUR_PROTO = {
    "white": (1, 1, 1), "black": (-1, -1, -1), "red": (1, -1, -1),
    "green": (-1, 1, -1), "blue": (-1, -1, 1), "yellow": (1, 1, -1),
    "purple": (1, -1, 1),
}
DESCRIBE_NEXT = {  # after "This image shows <colour>"
    "white": [" space", "."],
    "black": [" screen", " with", " light", " letters", "."],
    "red": [" shapes", " and"],      # " and" -> " lines" -> " and" ... loops
    "blue": [" lines"],              # loops
    "yellow": [" squares", " and"],  # loops
    "green": [" grass", " under", " clear", " sky", ",", " near", " some",
              " tall", " trees", " by", " small", " houses", "."],
    "purple": [" circles", " in", " one", " row", "."],
}
SHAPE_WORD = {"white": " page", "black": " window", "red": " square",
              "green": " field", "blue": " line", "yellow": " star",
              "purple": " circle"}

ANSWER_WORDS = (
    [" The", " background", " is"] + [" " + c for c in COLOURS]
    + [" This", " image", " shows", " space", " screen", " with", " light",
       " letters", " shapes", " and", " lines", " squares", " grass",
       " under", " clear", " sky", " near", " some", " tall", " trees", " by",
       " small", " houses", " circles", " in", " one", " row"]
    + [" Yes", " No", " it", " says", " hello"]
    + [" It", " looks", " like", " a"] + [SHAPE_WORD[c] for c in COLOURS]
)
PROMPT_WORDS = ["User", "Assistant", "What", " colour", " the", "Describe",
                " this", "Is", " there", " any", " text", " shape"]
# Extra words so that other English text does not fall apart into bytes.
EXTRA_WORDS = [" a", " of", " to", " on", " at", " for", " are", " you",
               " can", " see", " picture", " photo", " what", " how",
               " many", " where", " which", " left", " right", " top",
               " bottom", " colors", " color", "The", "This", "It", "Yes",
               "No", "A", " an", " be", " has", " have", " do", " does",
               " not", " there", " that", " he", " she", " we", " they",
               " from", " as", " or", " but", " all", " more", " very",
               "\n\n"]  # SmolLM2 has the "\n\n" merge (split prompts)


def pre_tokenize(text):
    """Digits (individual) then GPT-2's ByteLevel regex (ASCII text)."""
    pieces = []
    for part in re.split(r"(\d)", text):
        if not part:
            continue
        pieces += re.findall(r"'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?\d+"
                             r"| ?[^\sA-Za-z\d]+|\s+(?!\S)|\s+", part)
    return pieces


class Vocab:
    """SmolLM2 layout: 17 specials, byte symbols, merge results (the
    designed answer words first, as one contiguous block), [fillers,] then
    SmolVLM's added tokens: <global-img>, <row_R_col_C> x 36,
    <fake_token_around_image>, <image>, 88 reserved, <end_of_utterance>."""

    def __init__(self, d):
        syms = [s for _, s in bytes_to_unicode()]
        words = ANSWER_WORDS + PROMPT_WORDS + EXTRA_WORDS
        known = set(syms)
        created = []  # merge results in creation order
        self.merges = []
        for word in words:
            bl = byte_level(word)
            prefix = bl[0]
            for ch in bl[1:]:
                merged = prefix + ch
                if merged not in known:
                    self.merges.append((prefix, ch))
                    created.append(merged)
                    known.add(merged)
                prefix = merged
        # Repair words that BPE does not spell as one token (a shorter
        # chain can win); appended merges never change finished words.
        while True:
            self.ranks = {p: i for i, p in enumerate(self.merges)}
            changed = False
            for word in words:
                parts = self._bpe(byte_level(word))
                if len(parts) > 1:
                    merged = parts[0] + parts[1]
                    self.merges.append((parts[0], parts[1]))
                    if merged not in known:
                        created.append(merged)
                        known.add(merged)
                    changed = True
                    break
            if not changed:
                break
        answer = []
        for w in ANSWER_WORDS:
            t = byte_level(w)
            if len(t) > 1 and t not in answer:
                answer.append(t)
        rest = [t for t in created if t not in set(answer)]
        self.tokens = list(SMOLLM2_SPECIALS) + syms + answer + rest
        self.answer_start = len(SMOLLM2_SPECIALS) + len(syms)
        if d.base_vocab is not None:
            i = 0
            while len(self.tokens) < d.base_vocab:
                self.tokens.append("<unused_%d>" % i)  # never produced
                i += 1
        self.base_len = len(self.tokens)
        added = ["<global-img>"]
        added += ["<row_%d_col_%d>" % (r, c) for r in range(1, 7)
                  for c in range(1, 7)]
        added += ["<fake_token_around_image>", "<image>"]
        added += ["<|reserved_special_token_%d|>" % i
                  for i in range(N_RESERVED)]
        added += ["<end_of_utterance>"]
        self.tokens += added
        self.ids = {t: i for i, t in enumerate(self.tokens)}
        if len(self.ids) != len(self.tokens):
            raise ValueError("duplicate tokens")
        self.ranks = {p: i for i, p in enumerate(self.merges)}
        self.image = self.ids["<image>"]
        self.fake = self.ids["<fake_token_around_image>"]
        self.global_img = self.ids["<global-img>"]
        self.eou = self.ids["<end_of_utterance>"]
        for w in words:
            if len(self.encode(w)) != 1:
                raise ValueError("word %r is not one token" % w)

    def __len__(self):
        return len(self.tokens)

    @property
    def special_ids(self):
        return list(range(len(SMOLLM2_SPECIALS))) + list(
            range(self.base_len, len(self)))

    def _bpe(self, word):
        syms = list(word)
        while len(syms) > 1:
            best = None
            for i in range(len(syms) - 1):
                r = self.ranks.get((syms[i], syms[i + 1]))
                if r is not None and (best is None or r < best[0]):
                    best = (r, i)
            if best is None:
                break
            i = best[1]
            syms[i:i + 2] = [syms[i] + syms[i + 1]]
        return syms

    def encode(self, text):
        """No special-token splitting; plain text only."""
        ids = []
        for piece in pre_tokenize(text):
            for sym in self._bpe(byte_level(piece)):
                ids.append(self.ids[sym])
        return ids

    def word(self, w):
        ids = self.encode(w)
        assert len(ids) == 1, (w, ids)
        return ids[0]


def added_token(i, content):
    return {"id": i, "content": content, "single_word": False,
            "lstrip": False, "rstrip": False, "normalized": False,
            "special": True}


def tokenizer_json(v):
    added = [added_token(i, v.tokens[i]) for i in v.special_ids]
    vocab = {t: i for i, t in enumerate(v.tokens[:v.base_len])}
    for i in range(len(SMOLLM2_SPECIALS)):
        del vocab[v.tokens[i]]
    vocab = dict(list({t: i for i, t in enumerate(SMOLLM2_SPECIALS)}.items())
                 + list(vocab.items()))
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Digits", "individual_digits": True},
            {"type": "ByteLevel", "add_prefix_space": False,
             "trim_offsets": True, "use_regex": True}]},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True,
                    "trim_offsets": True, "use_regex": True},
        "model": {"type": "BPE", "dropout": None, "unk_token": None,
                  "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False,
                  "byte_fallback": False, "ignore_merges": False,
                  "vocab": vocab,
                  "merges": ["%s %s" % (a, b) for a, b in v.merges]},
    }


# The chat template of HuggingFaceTB/SmolVLM-256M-Instruct (chat_template.json
# and tokenizer_config.json), see ../../../../shared/CONTRACTS-FLORENCE2-SMOLVLM.md §2.4.
CHAT_TEMPLATE = (
    "<|im_start|>{% for message in messages %}{{message['role'] | capitalize}}"
    "{% if message['content'][0]['type'] == 'image' %}{{':'}}{% else %}"
    "{{': '}}{% endif %}{% for line in message['content'] %}"
    "{% if line['type'] == 'text' %}{{line['text']}}"
    "{% elif line['type'] == 'image' %}{{ '<image>' }}{% endif %}"
    "{% endfor %}<end_of_utterance>\n{% endfor %}"
    "{% if add_generation_prompt %}{{ 'Assistant:' }}{% endif %}")

ADDITIONAL_SPECIAL = ["<fake_token_around_image>", "<image>",
                      "<end_of_utterance>"]


def tokenizer_config(v):
    return {
        "add_prefix_space": False,
        "added_tokens_decoder": {
            str(i): {k: t[k] for k in ("content", "lstrip", "normalized",
                                       "rstrip", "single_word", "special")}
            for i, t in ((i, added_token(i, v.tokens[i]))
                         for i in v.special_ids)},
        "additional_special_tokens": ADDITIONAL_SPECIAL,
        "bos_token": "<|im_start|>",
        "chat_template": CHAT_TEMPLATE,
        "clean_up_tokenization_spaces": False,
        "end_of_utterance_token": "<end_of_utterance>",
        "eos_token": "<end_of_utterance>",
        "fake_image_token": "<fake_token_around_image>",
        "global_image_token": "<global-img>",
        "image_token": "<image>",
        "legacy": False,
        "model_max_length": 8192,
        "pad_token": "<|im_end|>",
        "processor_class": "Idefics3Processor",
        "tokenizer_class": "GPT2Tokenizer",
        "truncation_side": "left",
        "unk_token": "<|endoftext|>",
        "vocab_size": v.base_len,
    }


def special_tokens_map():
    tok = lambda c: {"content": c, "lstrip": False, "normalized": False,
                     "rstrip": False, "single_word": False}
    return {
        "additional_special_tokens": [tok(t) for t in ADDITIONAL_SPECIAL],
        "bos_token": tok("<|im_start|>"),
        "eos_token": tok("<end_of_utterance>"),
        "fake_image_token": tok("<fake_token_around_image>"),
        "global_image_token": tok("<global-img>"),
        "image_token": tok("<image>"),
        "pad_token": tok("<|im_end|>"),
        "unk_token": tok("<|endoftext|>"),
    }


# ------------------------------------------------------------------ configs

def model_config(d, v):
    text = {
        "_flash_attn_2_enabled": True,
        "_name_or_path": "None",
        "architectures": ["VLlama3ForCausalLM"],
        # The real file's text_config has eos_token_id 2 (<|im_end|>);
        # generation_config.json's <end_of_utterance> wins in transformers.js.
        "eos_token_id": IM_END,
        "head_dim": d.head_dim,
        "hidden_size": d.hidden,
        "initializer_range": 0.02,
        "intermediate_size": d.inter,
        "is_llama_config": True,
        "max_position_embeddings": d.max_pos,
        "model_type": "llama",
        "neftune_noise_alpha": 0.0,
        "num_attention_heads": d.heads,
        "num_hidden_layers": d.layers,
        "num_key_value_heads": d.kv_heads,
        "pad_token_id": IM_END,
        "perceiver_config": {
            "_name_or_path": "", "model_type": "vllama3",
            "attention_dropout": 0.0, "qk_layer_norms_perceiver": False,
            "resampler_depth": 6, "resampler_head_dim": 96,
            "resampler_n_heads": 16, "resampler_n_latents": 64,
        },
        "pixel_shuffle_factor": d.scale,
        "pretraining_tp": 1,
        "qk_layer_norms": False,
        "rms_norm_eps": d.rms_eps,
        "rope_interleaved": False,
        "rope_scaling": None,
        "rope_theta": d.rope_theta,
        "tie_word_embeddings": True,
        "torch_dtype": "bfloat16",
        "transformers_version": "4.46.0",
        "use_resampler": False,
        "vocab_size": len(v),
    }
    vision = {
        "hidden_size": d.v_hidden,
        "image_size": d.image_size,
        "intermediate_size": d.v_inter,
        "layer_norm_eps": d.ln_eps,
        "max_image_size": {"longest_edge": d.image_size},
        "model_type": "idefics3_vision",
        "num_attention_heads": d.v_heads,
        "num_hidden_layers": d.v_layers,
        "patch_size": d.patch,
        "size": {"longest_edge": 4 * d.image_size},
        "tie_word_embeddings": False,
        "use_base_siglip": True,
    }
    return {
        "_name_or_path": "HuggingFaceTB/SmolVLM-256M-Instruct",
        "architectures": ["Idefics3ForConditionalGeneration"],
        "image_seq_len": d.image_seq_len,
        "image_token_id": v.image,
        "model_type": "idefics3",
        "pad_token_id": IM_END,
        "scale_factor": d.scale,
        "text_config": text,
        "tie_word_embeddings": True,
        "torch_dtype": "float32",
        "transformers_version": "4.50.0.dev0",
        "use_cache": True,
        "vision_config": vision,
        "vocab_size": len(v),
    }


def generation_config(v):
    # The real file, with the fixture's <end_of_utterance> id.
    return {"_from_model_config": True, "bos_token_id": 0, "eos_token_id": v.eou,
            "pad_token_id": IM_END, "transformers_version": "4.46.0"}


def preprocessor_config(d):
    return {
        "do_convert_rgb": True,
        "do_image_splitting": True,
        "do_normalize": True,
        "do_pad": True,
        "do_rescale": True,
        "do_resize": True,
        "image_mean": [0.5, 0.5, 0.5],
        "image_processor_type": "Idefics3ImageProcessor",
        "image_std": [0.5, 0.5, 0.5],
        "max_image_size": {"longest_edge": d.image_size},
        "processor_class": "Idefics3Processor",
        "resample": 1,
        "rescale_factor": 0.00392156862745098,
        "size": {"longest_edge": 4 * d.image_size},
    }


def processor_config(d):
    return {"image_seq_len": d.image_seq_len,
            "processor_class": "Idefics3Processor"}


# ------------------------------------------------------------------ weights

SEEDS = {"vision": 21, "text": 22, "design": 23}
SIGMA_E = 0.05        # random embedding entries (tiny)
KEY_VALUE = 0.5       # a question keyword's designed embedding entry
MATCH = 40.0          # softmax sharpness of the input-token match
N_DESIGN_DIMS = 7     # text hidden dims: 3 image (RGB) + 4 question types
DESIGN_CHANNELS = 6   # vision channels +R -R +G -G +B -B
CONV_DESIGN = 2.0 / 256.0
CONNECTOR_DESIGN = 0.25


class Init:
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)

    def normal(self, shape, std):
        return (self.rng.standard_normal(shape, dtype=np.float32)
                * np.float32(std))

    def gain(self, n, std):
        return (1.0 + self.normal((n,), std)).astype(np.float32)


def wstd(d, fan_in):
    return 1.0 / math.sqrt(fan_in) if d.tiny else 0.02


def vision_weights(d):
    r = Init(SEEDS["vision"])
    D, F = d.v_hidden, d.v_inter
    cin = 3 * d.patch * d.patch
    w = {}
    conv = r.normal((D, 3, d.patch, d.patch), wstd(d, cin))
    pos = r.normal((d.patches, D), 0.5 if d.tiny else 0.02)
    if d.tiny:
        conv[:DESIGN_CHANNELS] = 0
        for c in range(3):
            conv[2 * c, c] = CONV_DESIGN
            conv[2 * c + 1, c] = -CONV_DESIGN
        pos[:, :DESIGN_CHANNELS] = 0
    w["vision.embeddings.patch_embedding.weight"] = conv
    w["vision.embeddings.patch_embedding.bias"] = r.normal((D,), 0.1) * (
        np.arange(D) >= (DESIGN_CHANNELS if d.tiny else 0))
    w["vision.embeddings.position_embedding"] = pos[None]
    for i in range(d.v_layers):
        p = "vision.encoder.layers.%d." % i
        for n in ("layer_norm1", "layer_norm2"):
            w[p + n + ".weight"] = r.gain(D, 0.1)
            w[p + n + ".bias"] = r.normal((D,), 0.1)
        for n in ("q_proj", "k_proj", "v_proj", "out_proj"):
            w[p + "self_attn.%s.weight" % n] = r.normal((D, D), wstd(d, D))
            w[p + "self_attn.%s.bias" % n] = r.normal((D,), 0.05)
        w[p + "mlp.fc1.weight"] = r.normal((D, F), wstd(d, D))
        w[p + "mlp.fc1.bias"] = r.normal((F,), 0.05)
        w[p + "mlp.fc2.weight"] = r.normal((F, D), wstd(d, F))
        w[p + "mlp.fc2.bias"] = r.normal((D,), 0.05)
        if d.tiny:  # the residual keeps the colour channels as they are
            for n in ("self_attn.out_proj", "mlp.fc2"):
                w[p + n + ".weight"][:, :DESIGN_CHANNELS] = 0
                w[p + n + ".bias"][:DESIGN_CHANNELS] = 0
    w["vision.post_layernorm.weight"] = r.gain(D, 0.1)
    w["vision.post_layernorm.bias"] = r.normal((D,), 0.1)
    proj = r.normal((d.scale ** 2 * D, d.hidden), wstd(d, d.scale ** 2 * D))
    if d.tiny:
        w["vision.post_layernorm.weight"][:DESIGN_CHANNELS] = 1
        w["vision.post_layernorm.bias"][:DESIGN_CHANNELS] = 0
        img0 = d.hidden - N_DESIGN_DIMS
        proj[:, img0:] = 0
        for sub in range(d.scale ** 2):
            proj[sub * D:sub * D + DESIGN_CHANNELS, :] = 0
            for c in range(3):
                proj[sub * D + 2 * c, img0 + c] = CONNECTOR_DESIGN
                proj[sub * D + 2 * c + 1, img0 + c] = -CONNECTOR_DESIGN
    w["connector.modality_projection.proj.weight"] = proj
    return w


def embed_table(d, v):
    r = Init(SEEDS["text"])
    H = d.hidden
    if not d.tiny:
        return r.normal((len(v), H), 0.02)
    free = H - N_DESIGN_DIMS
    e = r.normal((len(v), H), SIGMA_E)
    e[:, free:] = 0
    prev = design_prev_ids(v)
    assert len(prev) <= free, (len(prev), free)
    # Designed tokens: orthonormal rows (times the random rows' typical
    # length) in the free dims, so the decoder can tell them apart exactly.
    q, _ = np.linalg.qr(Init(SEEDS["design"]).normal((free, free), 1.0))
    radius = SIGMA_E * math.sqrt(free)
    for k, tok in enumerate(prev):
        e[tok, :free] = q[:, k] * radius
    for j, t in enumerate(QTYPES):
        e[v.word(KEYWORDS[t]), free + 3 + j] = KEY_VALUE
    return e.astype(np.float32)


def text_weights(d, v):
    r = Init(SEEDS["text"] + 100)
    H, A, K, F = d.hidden, d.heads * d.head_dim, d.kv_heads * d.head_dim, \
        d.inter
    w = {}
    for i in range(d.layers):
        p = "model.layers.%d." % i
        w[p + "input_layernorm.weight"] = r.gain(H, 0.1 if d.tiny else 0)
        w[p + "post_attention_layernorm.weight"] = r.gain(
            H, 0.1 if d.tiny else 0)
        w[p + "self_attn.q_proj.weight"] = r.normal((H, A), wstd(d, H))
        w[p + "self_attn.k_proj.weight"] = r.normal((H, K), wstd(d, H))
        w[p + "self_attn.v_proj.weight"] = r.normal((H, K), wstd(d, H))
        w[p + "self_attn.o_proj.weight"] = r.normal((A, H), wstd(d, A))
        w[p + "mlp.gate_proj.weight"] = r.normal((H, F), wstd(d, H))
        w[p + "mlp.up_proj.weight"] = r.normal((H, F), wstd(d, H))
        w[p + "mlp.down_proj.weight"] = r.normal((F, H), wstd(d, F))
    w["model.norm.weight"] = r.gain(H, 0.1 if d.tiny else 0)
    if d.tiny:
        # Layer 0, KV head 0, value dims 0-6 read the designed hidden dims
        # (image RGB, question types) and nothing else.
        free = H - N_DESIGN_DIMS
        w["model.layers.0.input_layernorm.weight"][free:] = 1
        wv = w["model.layers.0.self_attn.v_proj.weight"]
        wv[:, :N_DESIGN_DIMS] = 0
        for c in range(N_DESIGN_DIMS):
            wv[free + c, c] = 1
    return w


# ---------------------------------------------------- the designed term
# logits += w @ BASE + (w (x) q) @ QTAB + (w (x) img) @ ITAB over the
# designed outputs, where w = one-hot of the current input token among the
# designed "previous" tokens, q and img the unit-length question and image
# summaries (see build_decoder / README "Behaviour").

WIN = 20.0     # a designed successor
QGATE = 16.0   # question-type gating
IGATE = 12.0   # image gating (cosine with a colour direction)
YESNO = 6.0    # image gating of Yes / No (brightness)


def design_outputs(v):
    """Designed output tokens: answer words, ',', '.', <end_of_utterance>."""
    toks = [v.word(w) for w in ANSWER_WORDS]
    out = []
    for t in toks + [v.word(","), v.word(".")]:
        if t not in out:
            out.append(t)
    return out + [v.eou]


def design_prev_ids(v):
    out = [v.word(":")]
    for t in design_outputs(v)[:-1]:
        if t not in out:
            out.append(t)
    return out


def grammar(v):
    """Rules: prev token -> list of (next token, kind, arg).
    kind "fixed": always; "q": when question type arg wins; "img": colour
    direction arg; "qimg": question type arg[0] and brightness sign arg[1]."""
    W = v.word
    rules = {}

    def add(p, n, kind="fixed", arg=None):
        rules.setdefault(W(p) if isinstance(p, str) else p, []).append(
            (W(n) if isinstance(n, str) else n, kind, arg))

    add(":", " The", "q", "colour")
    add(":", " This", "q", "describe")
    add(":", " It", "q", "shape")
    add(":", " Yes", "qimg", ("text", +1))
    add(":", " No", "qimg", ("text", -1))
    add(" The", " background")
    add(" background", " is")
    for p in (" is", " shows", " a"):
        for c in COLOURS:
            add(p, " " + c, "img", COLOUR_PROTO[c])
    for c in COLOURS:
        add(" " + c, ".", "q", "colour")
        add(" " + c, DESCRIBE_NEXT[c][0], "q", "describe")
        add(" " + c, SHAPE_WORD[c], "q", "shape")
        chain = DESCRIBE_NEXT[c]
        for a, b in zip(chain, chain[1:]):
            if a == ",":
                add(a, b, "q", "describe")
            else:
                add(a, b)
        add(SHAPE_WORD[c], ".")
    add(" This", " image")
    add(" image", " shows")
    add(" and", " lines")
    add(" lines", " and")
    add(" Yes", ",", "q", "text")
    add(",", " it", "q", "text")
    add(" it", " says")
    add(" says", " hello")
    add(" hello", ".")
    add(" No", ".")
    add(" It", " looks")
    add(" looks", " like")
    add(" like", " a")
    add(".", v.eou)
    return rules


def priority_matrix():
    """omega = M q: a type's weight minus the weights of higher types."""
    n = len(QTYPES)
    m = np.eye(n)
    for k in range(n):
        m[k, k + 1:] = -1
    return m


def design_tables(v):
    prev = design_prev_ids(v)
    outs = design_outputs(v)
    pi = {t: i for i, t in enumerate(prev)}
    oi = {t: i for i, t in enumerate(outs)}
    N, O = len(prev), len(outs)
    base = np.zeros((N, O))
    qtab = np.zeros((N, len(QTYPES), O))
    itab = np.zeros((N, 3, O))
    M = priority_matrix()
    for p, succ in grammar(v).items():
        i = pi[p]
        for n, kind, arg in succ:
            o = oi[n]
            base[i, o] += WIN
            if kind in ("q", "qimg"):
                t = arg if kind == "q" else arg[0]
                qtab[i, :, o] += QGATE * M[QTYPES.index(t)]
            if kind == "img":
                u = np.array(arg, dtype=np.float64)
                itab[i, :, o] += IGATE * u / np.linalg.norm(u)
            if kind == "qimg":
                itab[i, :, o] += YESNO * arg[1] / math.sqrt(3.0)
    f = lambda a: np.round(a, 4).astype(np.float32)
    return (f(base), f(qtab.reshape(N * len(QTYPES), O)),
            f(itab.reshape(N * 3, O)), prev, outs)


def output_runs(outs):
    """Contiguous id runs of the designed outputs: (first column, length,
    first id)."""
    runs = []
    for col, t in enumerate(outs):
        if runs and runs[-1][2] + runs[-1][1] == t and \
                runs[-1][0] + runs[-1][1] == col:
            runs[-1][1] += 1
        else:
            runs.append([col, 1, t])
    return [tuple(r) for r in runs]


# ------------------------------------------------------------ ONNX graphs

class Graph(F2.Graph):
    def rmsnorm(self, x, weight, eps):
        ms = self.op("ReduceMean", [self.op("Mul", [x, x])], axes=[-1],
                     keepdims=1)
        inv = self.op("Reciprocal", [self.op("Sqrt", [
            self.op("Add", [ms, self.f32(eps)])])])
        return self.op("Mul", [self.op("Mul", [x, inv]), weight])

    def ln(self, x, p, eps, out=None):
        return self.op("LayerNormalization", [x, p + "weight", p + "bias"],
                       out=out, axis=-1, epsilon=eps)

    def gelu_tanh(self, x):
        """gelu_pytorch_tanh (SigLIP's hidden_act)."""
        x3 = self.op("Mul", [self.op("Mul", [x, x]), x])
        inner = self.op("Add", [x, self.op("Mul", [x3, self.f32(0.044715)])])
        t = self.op("Tanh", [self.op("Mul", [
            inner, self.f32(math.sqrt(2.0 / math.pi))])])
        return self.op("Mul", [self.op("Mul", [x, self.op(
            "Add", [t, self.f32(1.0)])]), self.f32(0.5)])

    def scalar_dim(self, x, axis):
        return self.op("Squeeze", [self.dim(x, axis), self.i64([0])])


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


def build_vision(d, w):
    inits = dict(w)
    g = Graph("", inits)
    D, P, hd = d.v_hidden, d.patches, d.v_hidden // d.v_heads
    # Flatten batch x images: [B*N, 3, H, W].
    shape = g.op("Concat", [g.i64([-1]), g.op("Shape", ["pixel_values"],
                                               start=2)], axis=0)
    px = g.op("Reshape", ["pixel_values", shape])
    x = g.op("Conv", [px, "vision.embeddings.patch_embedding.weight",
                      "vision.embeddings.patch_embedding.bias"],
             kernel_shape=[d.patch] * 2, strides=[d.patch] * 2)
    x = g.op("Transpose", [g.op("Reshape", [x, g.i64([0, D, -1])])],
             perm=[0, 2, 1])
    x = g.op("Add", [x, "vision.embeddings.position_embedding"])
    # Patch attention mask: a patch is valid if any of its pixels is.
    mshape = g.op("Concat", [g.i64([-1, 1]), g.op(
        "Shape", ["pixel_attention_mask"], start=2)], axis=0)
    m = g.op("Reshape", [g.op("Cast", ["pixel_attention_mask"],
                              to=TensorProto.FLOAT), mshape])
    m = g.op("MaxPool", [m], kernel_shape=[d.patch] * 2,
             strides=[d.patch] * 2)
    m = g.op("Reshape", [m, g.i64([-1, 1, 1, P])])
    add = g.op("Where", [g.op("Greater", [m, g.f32(0.5)]), g.f32(0.0),
                         g.f32(F32_MIN)])
    for i in range(d.v_layers):
        p = "vision.encoder.layers.%d." % i
        h = g.ln(x, p + "layer_norm1.", d.ln_eps)
        a = p + "self_attn."
        q = g.heads(g.linear(h, a + "q_proj.weight", a + "q_proj.bias"),
                    d.v_heads, hd)
        q = g.op("Mul", [q, g.f32(hd ** -0.5)])
        k = g.heads(g.linear(h, a + "k_proj.weight", a + "k_proj.bias"),
                    d.v_heads, hd)
        v = g.heads(g.linear(h, a + "v_proj.weight", a + "v_proj.bias"),
                    d.v_heads, hd)
        o = g.attention(q, k, v, add, D)
        x = g.op("Add", [x, g.linear(o, a + "out_proj.weight",
                                     a + "out_proj.bias")])
        h = g.ln(x, p + "layer_norm2.", d.ln_eps)
        h = g.gelu_tanh(g.linear(h, p + "mlp.fc1.weight",
                                 p + "mlp.fc1.bias"))
        x = g.op("Add", [x, g.linear(h, p + "mlp.fc2.weight",
                                     p + "mlp.fc2.bias")])
    x = g.ln(x, "vision.post_layernorm.", d.ln_eps)
    # Idefics3Connector.pixel_shuffle, then the projection (no bias).
    s, n = d.scale, d.grid
    x = g.op("Reshape", [x, g.i64([-1, n, n // s, D * s])])
    x = g.op("Transpose", [x], perm=[0, 2, 1, 3])
    x = g.op("Reshape", [x, g.i64([-1, n // s, n // s, D * s * s])])
    x = g.op("Transpose", [x], perm=[0, 2, 1, 3])
    x = g.op("Reshape", [x, g.i64([-1, d.image_seq_len, D * s * s])])
    g.op("MatMul", [x, "connector.modality_projection.proj.weight"],
         out="image_features")
    graph = helper.make_graph(
        g.nodes, "idefics3_vision_encoder",
        [vi("pixel_values", TensorProto.FLOAT,
            ["batch_size", "num_images", 3, "height", "width"]),
         vi("pixel_attention_mask", TensorProto.BOOL,
            ["batch_size", "num_images", "height", "width"])],
        [vi("image_features", TensorProto.FLOAT,
            ["batch_size*num_images", d.image_seq_len, d.hidden])])
    return make_model(graph, inits, check=d.tiny)


def build_embed(d, table):
    inits = {"model.embed_tokens.weight": table}
    g = Graph("", inits)
    g.op("Gather", ["model.embed_tokens.weight", "input_ids"],
         out="inputs_embeds", axis=0)
    graph = helper.make_graph(
        g.nodes, "idefics3_embed_tokens",
        [vi("input_ids", TensorProto.INT64,
            ["batch_size", "sequence_length"])],
        [vi("inputs_embeds", TensorProto.FLOAT,
            ["batch_size", "sequence_length", d.hidden])])
    return make_model(graph, inits, check=d.tiny)


def rope(g, x, cos, sin, half):
    x1 = g.op("Slice", [x, g.i64([0]), g.i64([half]), g.i64([-1])])
    x2 = g.op("Slice", [x, g.i64([half]), g.i64([2 * half]), g.i64([-1])])
    rot = g.op("Concat", [g.op("Neg", [x2]), x1], axis=-1)
    return g.op("Add", [g.op("Mul", [x, cos]), g.op("Mul", [rot, sin])])


def designed_term(g, d, v, present_v0, past_len, tables):
    """The tiny fixture's designed logits over the whole vocabulary."""
    base, qtab, itab, prev, outs = tables
    H, free = d.hidden, d.hidden - N_DESIGN_DIMS
    N, nq = len(prev), len(QTYPES)
    g.inits["design.match"] = tables_match(g.inits["lm_head.weight"], prev,
                                           free)
    g.inits["design.base"] = base
    g.inits["design.question"] = qtab
    g.inits["design.image"] = itab
    w = g.op("Softmax", [g.op("MatMul", ["inputs_embeds", "design.match"])],
             axis=-1)
    # Running sums over the context (past + current, masked) of layer 0's
    # KV head 0 value dims 0-6: image RGB and question-type channels.
    v0 = g.op("Gather", [present_v0, g.i64(0)], axis=1)  # [B,T,hd]
    v0 = g.op("Slice", [v0, g.i64([0]), g.i64([N_DESIGN_DIMS]),
                        g.i64([2])])
    mf = g.op("Unsqueeze", [g.op("Cast", ["attention_mask"],
                                 to=TensorProto.FLOAT), g.i64([2])])
    cs = g.op("CumSum", [g.op("Mul", [v0, mf]), g.i64(1)])
    cs = g.op("Slice", [cs, past_len, g.i64([INT64_MAX]), g.i64([1])])

    def unit(lo, hi):
        s = g.op("Slice", [cs, g.i64([lo]), g.i64([hi]), g.i64([2])])
        n2 = g.op("ReduceSum", [g.op("Mul", [s, s]), g.i64([-1])],
                  keepdims=1)
        return g.op("Div", [s, g.op("Sqrt", [g.op("Add", [
            n2, g.f32(1e-6)])])])
    img, q = unit(0, 3), unit(3, 3 + nq)
    wu = g.op("Unsqueeze", [w, g.i64([-1])])
    wq = g.op("Reshape", [g.op("Mul", [wu, g.op("Unsqueeze", [
        q, g.i64([-2])])]), g.i64([0, 0, N * nq])])
    wi = g.op("Reshape", [g.op("Mul", [wu, g.op("Unsqueeze", [
        img, g.i64([-2])])]), g.i64([0, 0, N * 3])])
    t = g.op("Add", [g.op("Add", [
        g.op("MatMul", [w, "design.base"]),
        g.op("MatMul", [wq, "design.question"])]),
        g.op("MatMul", [wi, "design.image"])])
    total = None
    V = len(v)
    for col, n, first in output_runs(outs):
        part = g.op("Slice", [t, g.i64([col]), g.i64([col + n]),
                              g.i64([2])])
        part = g.op("Pad", [part, g.i64([0, 0, first, 0, 0,
                                          V - first - n])],
                    mode="constant")
        total = part if total is None else g.op("Add", [total, part])
    return total


def tables_match(lm_head, prev, free):
    """[H, N]: inputs_embeds @ match = MATCH * one-hot of the input token
    (the designed rows are orthogonal with equal length)."""
    e = lm_head.T[prev]  # [N, H]
    r2 = float(np.mean(np.sum(e[:, :free] ** 2, axis=1)))
    m = np.zeros((lm_head.shape[0], len(prev)), dtype=np.float32)
    m[:free] = (e[:, :free].T / r2) * MATCH
    return m


def build_decoder(d, v, w, table):
    inits = dict(w)
    inits["lm_head.weight"] = np.ascontiguousarray(table.T)
    g = Graph("", inits)
    H, hd, nh, nkv = d.hidden, d.head_dim, d.heads, d.kv_heads
    half = hd // 2
    past_len = g.dim("past_key_values.0.key", 2)           # [1]
    total = g.scalar_dim("attention_mask", 1)
    # RoPE tables from position_ids: [B, 1, S, hd].
    inv = (1.0 / (float(d.rope_theta) ** (np.arange(0, hd, 2, dtype=np.float64)
                                    / hd))).astype(np.float32)
    inits["rope.inv_freq"] = inv
    pos = g.op("Unsqueeze", [g.op("Cast", ["position_ids"],
                                  to=TensorProto.FLOAT), g.i64([2])])
    freqs = g.op("Mul", [pos, "rope.inv_freq"])
    emb = g.op("Concat", [freqs, freqs], axis=-1)
    cos = g.op("Unsqueeze", [g.op("Cos", [emb]), g.i64([1])])
    sin = g.op("Unsqueeze", [g.op("Sin", [emb]), g.i64([1])])
    # Causal mask combined with attention_mask: [B, 1, S, T].
    kidx = g.op("Range", [g.i64(0), total, g.i64(1)])
    qidx = g.op("Range", [g.op("Squeeze", [past_len, g.i64([0])]), total,
                          g.i64(1)])
    causal = g.op("LessOrEqual", [g.op("Unsqueeze", [kidx, g.i64([0])]),
                                  g.op("Unsqueeze", [qidx, g.i64([1])])])
    am = g.op("Unsqueeze", [g.op("Cast", ["attention_mask"],
                                 to=TensorProto.BOOL), g.i64([1, 2])])
    add = g.op("Where", [g.op("And", [causal, am]), g.f32(0.0),
                         g.f32(F32_MIN)])
    x = "inputs_embeds"
    rep = nh // nkv
    for i in range(d.layers):
        p = "model.layers.%d." % i
        h = g.rmsnorm(x, p + "input_layernorm.weight", d.rms_eps)
        a = p + "self_attn."
        q = g.heads(g.op("MatMul", [h, a + "q_proj.weight"]), nh, hd)
        k = g.heads(g.op("MatMul", [h, a + "k_proj.weight"]), nkv, hd)
        vv = g.heads(g.op("MatMul", [h, a + "v_proj.weight"]), nkv, hd)
        q = rope(g, q, cos, sin, half)
        k = rope(g, k, cos, sin, half)
        k = g.op("Concat", ["past_key_values.%d.key" % i, k], axis=2,
                 out="present.%d.key" % i)
        vv = g.op("Concat", ["past_key_values.%d.value" % i, vv], axis=2,
                  out="present.%d.value" % i)

        def repeat(t):  # repeat_kv: head h reads KV head h // rep
            t = g.op("Expand", [g.op("Unsqueeze", [t, g.i64([2])]),
                                g.i64([1, 1, rep, 1, 1])])
            return g.op("Reshape", [t, g.i64([0, nh, -1, hd])])
        q = g.op("Mul", [q, g.f32(hd ** -0.5)])
        o = g.attention(q, repeat(k), repeat(vv), add, nh * hd)
        x = g.op("Add", [x, g.op("MatMul", [o, a + "o_proj.weight"])])
        h = g.rmsnorm(x, p + "post_attention_layernorm.weight", d.rms_eps)
        m = p + "mlp."
        gate = g.op("MatMul", [h, m + "gate_proj.weight"])
        gate = g.op("Mul", [gate, g.op("Sigmoid", [gate])])
        up = g.op("MatMul", [h, m + "up_proj.weight"])
        x = g.op("Add", [x, g.op("MatMul", [g.op("Mul", [gate, up]),
                                            m + "down_proj.weight"])])
    x = g.rmsnorm(x, "model.norm.weight", d.rms_eps)
    logits = g.op("MatMul", [x, "lm_head.weight"])
    if d.tiny:
        term = designed_term(g, d, v, "present.0.value", past_len,
                             design_tables(v))
        g.op("Add", [logits, term], out="logits")
    else:
        g.op("Identity", [logits], out="logits")
    inputs = [
        vi("inputs_embeds", TensorProto.FLOAT,
           ["batch_size", "sequence_length", H]),
        vi("attention_mask", TensorProto.INT64,
           ["batch_size", "total_sequence_length"]),
        vi("position_ids", TensorProto.INT64,
           ["batch_size", "sequence_length"]),
    ]
    outputs = [vi("logits", TensorProto.FLOAT,
                  ["batch_size", "sequence_length", len(v)])]
    for i in range(d.layers):
        for kv in ("key", "value"):
            inputs.append(vi("past_key_values.%d.%s" % (i, kv),
                             TensorProto.FLOAT,
                             ["batch_size", nkv, "past_sequence_length",
                              hd]))
            outputs.append(vi("present.%d.%s" % (i, kv), TensorProto.FLOAT,
                              ["batch_size", nkv, "total_sequence_length",
                               hd]))
    graph = helper.make_graph(g.nodes, "idefics3_decoder_model_merged",
                              inputs, outputs)
    return make_model(graph, inits, check=d.tiny)


# ------------------------------------------------------------------ images
# Flat colours and simple shapes; each has one clearly dominant colour.

IMAGES = [
    # name, size, tiles with splitting (transformers.js 4.3.1)
    ("wide_800x200.png", (800, 200)),       # 4:1   -> 1x4 + 1 = 5
    ("tall_300x600.png", (300, 600)),       # 1:2   -> 4x2 + 1 = 9
    ("screen_1920x1080.png", (1920, 1080)), # 16:9  -> 3x4 + 1 = 13
    ("photo_300x200.png", (300, 200)),      # 3:2   -> 3x4 + 1 = 13 (upscaled)
    ("square_400x400.png", (400, 400)),     # 1:1   -> 4x4 + 1 = 17
    ("banner_2600x400.png", (2600, 400)),   # 6.5:1 -> 1x4 + 1 = 5 (downscaled)
    ("blank_640x480.png", (640, 480)),      # 4:3   -> 3x4 + 1 = 13
]


def draw_image(name, size):
    from PIL import Image, ImageDraw
    w, h = size
    if name.startswith("wide"):  # red
        im = Image.new("RGB", size, (210, 40, 40))
        dr = ImageDraw.Draw(im)
        dr.rectangle([40, 50, 160, 150], fill=(250, 250, 250))
        dr.ellipse([600, 40, 720, 160], fill=(30, 30, 160))
        dr.line([(200, 100), (560, 100)], fill=(250, 220, 40), width=8)
        return im
    if name.startswith("tall"):  # blue
        im = Image.new("RGB", size, (40, 70, 200))
        dr = ImageDraw.Draw(im)
        dr.rectangle([60, 80, 240, 200], fill=(240, 240, 240))
        dr.ellipse([90, 300, 210, 420], fill=(230, 60, 60))
        dr.rectangle([0, 540, w, h], fill=(20, 30, 90))
        return im
    if name.startswith("screen"):  # dark theme: black
        im = Image.new("RGB", size, (28, 30, 36))
        dr = ImageDraw.Draw(im)
        dr.rectangle([0, 0, w, 40], fill=(50, 54, 64))
        dr.rectangle([0, 40, 260, h], fill=(38, 40, 48))
        for i in range(14):  # "text" lines
            y = 90 + 60 * i
            dr.rectangle([320, y, 320 + 900 - 70 * (i % 5), y + 18],
                         fill=(200, 204, 210))
            dr.rectangle([40, y, 200 - 20 * (i % 3), y + 14],
                         fill=(150, 154, 160))
        dr.rectangle([1500, 900, 1800, 980], fill=(60, 120, 220))
        return im
    if name.startswith("photo"):  # green
        im = Image.new("RGB", size, (60, 160, 60))
        dr = ImageDraw.Draw(im)
        dr.rectangle([0, 0, w, 60], fill=(140, 190, 240))
        dr.ellipse([220, 10, 270, 50], fill=(250, 230, 80))
        dr.rectangle([40, 110, 110, 170], fill=(170, 90, 50))
        dr.polygon([(30, 110), (75, 75), (120, 110)], fill=(150, 40, 40))
        return im
    if name.startswith("square"):  # yellow
        im = Image.new("RGB", size, (240, 210, 40))
        dr = ImageDraw.Draw(im)
        dr.polygon([(200, 40), (240, 160), (360, 160), (260, 230),
                    (300, 350), (200, 270), (100, 350), (140, 230),
                    (40, 160), (160, 160)], fill=(250, 140, 20))
        dr.rectangle([20, 20, 80, 80], fill=(30, 30, 30))
        return im
    if name.startswith("banner"):  # purple
        im = Image.new("RGB", size, (170, 70, 200))
        dr = ImageDraw.Draw(im)
        for i in range(5):
            x = 150 + 500 * i
            dr.ellipse([x, 100, x + 200, 300], fill=(240, 240, 240))
        dr.rectangle([0, 370, w, h], fill=(90, 40, 110))
        return im
    if name.startswith("blank"):  # white
        return Image.new("RGB", size, (255, 255, 255))
    raise ValueError(name)


def write_images(out):
    os.makedirs(out, exist_ok=True)
    for name, size in IMAGES:
        im = draw_image(name, size)
        assert im.size == size
        im.save(os.path.join(out, name), format="PNG", compress_level=9)


# ------------------------------------------------------------------ writing

def write_tokenizer(out, v):
    write_json(os.path.join(out, "tokenizer.json"), tokenizer_json(v))
    write_json(os.path.join(out, "tokenizer_config.json"),
               tokenizer_config(v), sort_keys=True)
    write_json(os.path.join(out, "special_tokens_map.json"),
               special_tokens_map(), sort_keys=True)
    write_json(os.path.join(out, "chat_template.json"),
               {"chat_template": CHAT_TEMPLATE})
    write_json(os.path.join(out, "vocab.json"),
               {t: i for i, t in enumerate(v.tokens[:v.base_len])})
    write_json(os.path.join(out, "added_tokens.json"),
               {v.tokens[i]: i for i in range(v.base_len, len(v))},
               sort_keys=True)
    with open(os.path.join(out, "merges.txt"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write("#version: 0.2\n")
        for a, b in v.merges:
            f.write("%s %s\n" % (a, b))


def write_folder(out, d, verbose=False):
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    v = Vocab(d)
    write_json(os.path.join(out, "config.json"), model_config(d, v),
               sort_keys=True)
    write_json(os.path.join(out, "generation_config.json"),
               generation_config(v), sort_keys=True)
    write_json(os.path.join(out, "preprocessor_config.json"),
               preprocessor_config(d), sort_keys=True)
    write_json(os.path.join(out, "processor_config.json"),
               processor_config(d), sort_keys=True)
    write_tokenizer(out, v)
    table = embed_table(d, v)
    builders = [
        ("vision_encoder", lambda: build_vision(d, vision_weights(d))),
        ("embed_tokens", lambda: build_embed(d, table)),
        ("decoder_model_merged",
         lambda: build_decoder(d, v, text_weights(d, v), table)),
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", metavar="OUTDIR",
                    help="write SmolVLM-256M-size random graphs to OUTDIR")
    args = ap.parse_args()
    if args.base:
        write_folder(args.base, base_dims(), verbose=True)
        return
    write_images(os.path.join(HERE, "images"))
    write_folder(os.path.join(HERE, "tiny"), tiny_dims())


if __name__ == "__main__":
    main()
