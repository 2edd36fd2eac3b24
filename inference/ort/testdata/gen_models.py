#!/usr/bin/env python3
"""Writes the tiny ONNX models the inference/ort tests use.

Run from anywhere: python3 inference/ort/testdata/gen_models.py
Needs the onnx and numpy Python packages (Debian: python3-onnx python3-numpy).
The output is reproducible: the same bytes on every run.

add.onnx      sum = a + b + bias; a, b float32 [batch, 3]. bias is an
              initializer that is also listed as a graph input (old-style),
              so it must not be reported as an input.
types.onnx    int64 and bool inputs [1, seq]: doubled = ids + ids,
              inverted = not mask, count = sum(mask) as an int64 scalar.
kvcache.onnx  present = concat(past, key, axis=2) on [1, 12, *, 64], like a
              decoder's key/value cache; past may have length 0.
slow.onnx     y = x @ x @ x ... (64 MatMuls) on x float32 [n, n]; takes
              long enough at n = 512 to test cancelling a run.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = [helper.make_opsetid("", 17)]


def save(graph, name):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="describer-testdata")
    model.ir_version = 8
    onnx.checker.check_model(model)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(model.SerializeToString())


def add_model():
    bias = helper.make_tensor("bias", TensorProto.FLOAT, [3], np.array([0.5, 1.5, 2.5], np.float32))
    nodes = [
        helper.make_node("Add", ["a", "b"], ["ab"]),
        helper.make_node("Add", ["ab", "bias"], ["sum"]),
    ]
    inputs = [
        helper.make_tensor_value_info("a", TensorProto.FLOAT, ["batch", 3]),
        helper.make_tensor_value_info("b", TensorProto.FLOAT, ["batch", 3]),
        helper.make_tensor_value_info("bias", TensorProto.FLOAT, [3]),
    ]
    outputs = [helper.make_tensor_value_info("sum", TensorProto.FLOAT, ["batch", 3])]
    save(helper.make_graph(nodes, "add", inputs, outputs, [bias]), "add.onnx")


def types_model():
    nodes = [
        helper.make_node("Add", ["ids", "ids"], ["doubled"]),
        helper.make_node("Not", ["mask"], ["inverted"]),
        helper.make_node("Cast", ["mask"], ["mask_i64"], to=TensorProto.INT64),
        helper.make_node("ReduceSum", ["mask_i64"], ["count"], keepdims=0),
    ]
    inputs = [
        helper.make_tensor_value_info("ids", TensorProto.INT64, [1, "seq"]),
        helper.make_tensor_value_info("mask", TensorProto.BOOL, [1, "seq"]),
    ]
    outputs = [
        helper.make_tensor_value_info("doubled", TensorProto.INT64, [1, "seq"]),
        helper.make_tensor_value_info("inverted", TensorProto.BOOL, [1, "seq"]),
        helper.make_tensor_value_info("count", TensorProto.INT64, []),
    ]
    save(helper.make_graph(nodes, "types", inputs, outputs), "types.onnx")


def kvcache_model():
    nodes = [helper.make_node("Concat", ["past", "key"], ["present"], axis=2)]
    inputs = [
        helper.make_tensor_value_info("past", TensorProto.FLOAT, [1, 12, "past_seq", 64]),
        helper.make_tensor_value_info("key", TensorProto.FLOAT, [1, 12, "seq", 64]),
    ]
    outputs = [helper.make_tensor_value_info("present", TensorProto.FLOAT, [1, 12, "total_seq", 64])]
    save(helper.make_graph(nodes, "kvcache", inputs, outputs), "kvcache.onnx")


def slow_model(steps=64):
    nodes, prev = [], "x"
    for i in range(steps):
        out = "y" if i == steps - 1 else f"h{i}"
        nodes.append(helper.make_node("MatMul", [prev, "x"], [out]))
        prev = out
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", "n"])]
    outputs = [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", "n"])]
    save(helper.make_graph(nodes, "slow", inputs, outputs), "slow.onnx")


if __name__ == "__main__":
    add_model()
    types_model()
    kvcache_model()
    slow_model()
