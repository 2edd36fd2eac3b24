#!/usr/bin/python3
"""Writes fixture Piper voices: ONNX models with Piper's exact signature whose
waveform spells out the phoneme ids it was given.

Contract (the same as a real Piper export, see REFERENCE.md section 2):

    input          int64   [1, N]   phoneme ids
    input_lengths  int64   [1]      N
    scales         float32 [3]      noise_scale, length_scale, noise_w
    sid            int64   [1]      speaker (multi-speaker voices only)
    output         float32 [1, 1, 1, T]

What the fixture does, so that tests can decode the audio again:

  * only the first input_lengths ids are used;
  * every id becomes one burst of L = 256 * max(1, round(2 * length_scale))
    samples (512 at length_scale 1) of a sine tone at 200 + 20 * id Hz,
    starting at phase 0; so T = N * L and a Goertzel filter per burst
    recovers the id. noise_scale and noise_w are ignored: a test that put
    them in the wrong slot of "scales" sees the wrong burst length;
  * single-speaker voices play every burst at amplitude 0.5;
  * multi-speaker voices (3 speakers) play the first burst at 0.8 and the
    rest at 0.8 * (sid + 1) / 3, so the ratio of a later burst's level to the
    first one's says which speaker was used even after peak normalisation.

Usage:

    gen_voice.py              rewrite the committed fixtures beside this file:
                              tone.onnx(.json) and tone-3spk.onnx(.json)
    gen_voice.py --medium P   write a benchmark voice P (+ P.json, about 50 MB,
                              never committed): the same tones plus, mixed in
                              at -60 dB, a random-weight network sized like a
                              Piper medium voice (6-layer text encoder,
                              convolutional flow, HiFi-GAN decoder with
                              upsampling 8*8*4 and 256 initial channels)

The output is reproducible: the same bytes every time. The phoneme_id_map is
Piper's own (taken from piper-test-voice/ beside this script, which is
Piper's export of its standard en_US map).
"""

import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE_RATE = 22050
OPSET = 17

# Piper's standard phoneme_id_map (piper1-gpl DEFAULT_PHONEME_ID_MAP as
# exported with its test voice).
PIPER_TEST_VOICE = os.path.join(
    HERE, "piper-test-voice", "test_voice.onnx.json"
)


def standard_map():
    with open(PIPER_TEST_VOICE, encoding="utf-8") as f:
        return json.load(f)["phoneme_id_map"]


class Graph:
    """A tiny builder for ONNX graphs with automatically named values."""

    def __init__(self):
        self.nodes, self.inits, self.n = [], [], 0

    def name(self, hint):
        self.n += 1
        return f"{hint}_{self.n}"

    def const(self, value, dtype=np.float32, hint="c"):
        name = self.name(hint)
        self.inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def op(self, op_type, *inputs, hint=None, **attrs):
        out = self.name(hint or op_type.lower())
        self.nodes.append(helper.make_node(op_type, list(inputs), [out], **attrs))
        return out


def tone_path(g, multi):
    """Builds the id-spelling tone generator; returns (output value, ids, k)."""
    ids = g.op("Slice", "input", g.const([0], np.int64), "input_lengths", g.const([1], np.int64), hint="ids")
    freq = g.op("Add", g.op("Mul", g.op("Cast", ids, to=TensorProto.FLOAT), g.const(20.0)), g.const(200.0), hint="freq")
    length_scale = g.op("Gather", "scales", g.const(1, np.int64), axis=0, hint="length_scale")
    k = g.op("Max", g.op("Round", g.op("Mul", length_scale, g.const(2.0))), g.const(1.0), hint="k")
    burst = g.op("Mul", k, g.const(256.0), hint="burst")
    n = g.op("Range", g.const(0.0), burst, g.const(1.0), hint="n")  # [L]
    omega = g.op("Mul", g.op("Unsqueeze", freq, g.const([2], np.int64)), g.const(2 * np.pi / SAMPLE_RATE))
    wave = g.op("Sin", g.op("Mul", omega, n), hint="wave")  # [1, N, L]

    if multi:
        count = g.op("Gather", g.op("Shape", ids), g.const(1, np.int64), axis=0, hint="count")
        pos = g.op("Range", g.const(0, np.int64), count, g.const(1, np.int64), hint="pos")
        level = g.op("Mul", g.op("Add", g.op("Cast", "sid", to=TensorProto.FLOAT), g.const(1.0)), g.const(0.8 / 3))
        amp = g.op("Where", g.op("Equal", pos, g.const(0, np.int64)), g.const(0.8), level, hint="amp")
        wave = g.op("Mul", wave, g.op("Reshape", amp, g.const([1, -1, 1], np.int64)))
    else:
        wave = g.op("Mul", wave, g.const(0.5))
    out = g.op("Reshape", wave, g.const([1, 1, 1, -1], np.int64), hint="tones")
    return out, ids, k


def conv(g, rng, x, cin, cout, kernel, dilation=1, hint="conv"):
    w = rng.standard_normal((cout, cin, kernel)).astype(np.float32) * np.float32(1 / np.sqrt(cin * kernel))
    pad = dilation * (kernel - 1) // 2
    return g.op("Conv", x, g.const(w), g.const(np.zeros(cout)), kernel_shape=[kernel], dilations=[dilation],
                pads=[pad, pad], hint=hint)


def conv_transpose(g, rng, x, cin, cout, kernel, stride):
    w = rng.standard_normal((cin, cout, kernel)).astype(np.float32) * np.float32(1 / np.sqrt(cin * kernel / stride))
    pad = (kernel - stride) // 2
    return g.op("ConvTranspose", x, g.const(w), g.const(np.zeros(cout)), kernel_shape=[kernel], strides=[stride],
                pads=[pad, pad], hint="up")


def lrelu(g, x):
    return g.op("LeakyRelu", x, alpha=0.1)


def heavy_path(g, rng, ids, k):
    """A random-weight network sized like a Piper medium voice."""
    hidden, filt = 192, 768
    emb = rng.standard_normal((256, hidden)).astype(np.float32) * np.float32(0.1)
    x = g.op("Transpose", g.op("Gather", g.const(emb), ids, axis=0), perm=[0, 2, 1], hint="emb")  # [1,192,N]
    # Text encoder: six layers of self-attention and a convolutional FFN.
    for _ in range(6):
        q, kk, v = (conv(g, rng, x, hidden, hidden, 1, hint=h) for h in ("q", "k", "v"))
        att = g.op("Softmax", g.op("Mul", g.op("MatMul", g.op("Transpose", q, perm=[0, 2, 1]), kk),
                                   g.const(1 / np.sqrt(hidden))), axis=-1)
        a = g.op("MatMul", v, g.op("Transpose", att, perm=[0, 2, 1]))
        x = g.op("Add", x, conv(g, rng, a, hidden, hidden, 1, hint="o"))
        f = conv(g, rng, g.op("Relu", conv(g, rng, x, hidden, filt, 3)), filt, hidden, 3)
        x = g.op("Add", x, f)
    # Expand to frames (k per phoneme id, hop 256 samples).
    frames = g.op("Reshape", g.op("Cast", k, to=TensorProto.INT64), g.const([1], np.int64))
    shape = g.op("Concat", g.const([1, hidden], np.int64), g.op("Reshape", g.op("Gather", g.op("Shape", ids),
                 g.const(1, np.int64), axis=0), g.const([1], np.int64)), frames, axis=0)
    x = g.op("Expand", g.op("Unsqueeze", x, g.const([3], np.int64)), shape)
    x = g.op("Reshape", x, g.const([1, hidden, -1], np.int64), hint="frames")
    # Flow-like stack: three blocks of four dilated gated convolutions.
    for _ in range(3):
        h = x
        for d in (1, 2, 4, 1):
            t = conv(g, rng, h, hidden, 2 * hidden, 5, dilation=d)
            gate = g.op("Mul", g.op("Tanh", t), g.op("Sigmoid", t))
            h = g.op("Add", h, conv(g, rng, gate, 2 * hidden, hidden, 1))
        x = g.op("Add", x, g.op("Mul", h, g.const(0.1)))
    # HiFi-GAN decoder as Piper medium voices have it: resblock type 2.
    ch = 256
    x = conv(g, rng, x, hidden, ch, 7, hint="conv_pre")
    for rate, kernel in ((8, 16), (8, 16), (4, 8)):
        x = conv_transpose(g, rng, lrelu(g, x), ch, ch // 2, kernel, rate)
        ch //= 2
        total = None
        for rk, dils in ((3, (1, 2)), (5, (2, 6)), (7, (3, 12))):
            h = x
            for d in dils:
                h = g.op("Add", h, conv(g, rng, lrelu(g, h), ch, ch, rk, dilation=d))
            total = h if total is None else g.op("Add", total, h)
        x = g.op("Mul", total, g.const(1 / 3))
    x = g.op("Tanh", conv(g, rng, lrelu(g, x), ch, 1, 7, hint="conv_post"))
    return g.op("Reshape", x, g.const([1, 1, 1, -1], np.int64), hint="decoded")


def build(multi=False, medium=False):
    g = Graph()
    tones, ids, k = tone_path(g, multi)
    if medium:
        decoded = heavy_path(g, np.random.default_rng(20240601), ids, k)
        tones = g.op("Add", tones, g.op("Mul", decoded, g.const(0.001)))
    g.nodes.append(helper.make_node("Identity", [tones], ["output"]))
    inputs = [
        helper.make_tensor_value_info("input", TensorProto.INT64, [1, "phonemes"]),
        helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
        helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
    ]
    if multi:
        inputs.append(helper.make_tensor_value_info("sid", TensorProto.INT64, [1]))
    outputs = [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, 1, "time"])]
    graph = helper.make_graph(g.nodes, "piper_fixture", inputs, outputs, initializer=g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="describer gen_voice.py", producer_version="1")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def config(multi, quality):
    cfg = {
        "audio": {"sample_rate": SAMPLE_RATE, "quality": quality},
        "espeak": {"voice": "en-us"},
        "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
        "phoneme_type": "espeak",
        "phoneme_map": {},
        "phoneme_id_map": standard_map(),
        "num_symbols": 256,
        "num_speakers": 1,
        "speaker_id_map": {},
        "piper_version": "1.0.0",
        "language": {"code": "en_US", "family": "en", "region": "US", "name_native": "English",
                     "name_english": "English", "country_english": "United States"},
        "dataset": "describer-tone-fixture",
    }
    if multi:
        cfg["num_speakers"] = 3
        cfg["speaker_id_map"] = {"alice": 0, "bob": 1, "carol": 2}
    return cfg


def write(path, model, cfg):
    with open(path, "wb") as f:
        f.write(model.SerializeToString())
    with open(path + ".json", "w", encoding="utf-8") as f:
        json.dump(cfg, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path):,} bytes) and {path}.json")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--medium", metavar="PATH", help="write the benchmark voice to PATH instead")
    args = p.parse_args()
    if args.medium:
        os.makedirs(os.path.dirname(os.path.abspath(args.medium)), exist_ok=True)
        write(args.medium, build(medium=True), config(False, "medium"))
        return
    write(os.path.join(HERE, "tone.onnx"), build(), config(False, "x_low"))
    write(os.path.join(HERE, "tone-3spk.onnx"), build(multi=True), config(True, "x_low"))


if __name__ == "__main__":
    sys.exit(main())
