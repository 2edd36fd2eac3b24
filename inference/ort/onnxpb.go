package ort

import "google.golang.org/protobuf/encoding/protowire"

// A few ONNX protobuf builders: enough for the tiny model the device probe
// runs, and for tests that need model files with unusual contents.

// pbBytes appends field num holding b.
func pbBytes(b []byte, num protowire.Number, v []byte) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendBytes(b, v)
}

// pbVarint appends varint field num.
func pbVarint(b []byte, num protowire.Number, v uint64) []byte {
	b = protowire.AppendTag(b, num, protowire.VarintType)
	return protowire.AppendVarint(b, v)
}

// onnxValueInfo encodes a ValueInfoProto for a tensor. Each dim is an int
// (a fixed size) or a string (a named dynamic size); nil dims means no
// shape at all.
func onnxValueInfo(name string, elem int32, dims []any) []byte {
	tensor := pbVarint(nil, tensorElem, uint64(elem))
	if dims != nil {
		var shape []byte
		for _, d := range dims {
			var dim []byte
			switch d := d.(type) {
			case int:
				dim = pbVarint(nil, dimValue, uint64(d))
			case string:
				dim = pbBytes(nil, dimParam, []byte(d))
			}
			shape = pbBytes(shape, shapeDim, dim)
		}
		tensor = pbBytes(tensor, tensorShape, shape)
	}
	typ := pbBytes(nil, typeTensor, tensor)
	vi := pbBytes(nil, valueInfoName, []byte(name))
	return pbBytes(vi, valueInfoType, typ)
}

// onnxNode encodes a NodeProto with no attributes.
func onnxNode(op string, inputs, outputs []string) []byte {
	var n []byte
	for _, in := range inputs {
		n = pbBytes(n, 1, []byte(in)) // NodeProto.input
	}
	for _, out := range outputs {
		n = pbBytes(n, 2, []byte(out)) // NodeProto.output
	}
	return pbBytes(n, 4, []byte(op)) // NodeProto.op_type
}

// onnxModel wraps an encoded GraphProto in a ModelProto (IR version 8,
// default-domain opset 17).
func onnxModel(graph []byte) []byte {
	m := pbVarint(nil, 1, 8) // ModelProto.ir_version
	m = pbBytes(m, modelGraph, graph)
	opset := pbVarint(nil, 2, 17) // OperatorSetIdProto.version
	return pbBytes(m, 8, opset)   // ModelProto.opset_import
}

// probeModel returns a one-node model (y = Identity(x), float32 [1]) used to
// check that an execution provider can really create a session.
func probeModel() []byte {
	g := pbBytes(nil, 1, onnxNode("Identity", []string{"x"}, []string{"y"})) // GraphProto.node
	g = pbBytes(g, 2, []byte("describer_probe"))                             // GraphProto.name
	g = pbBytes(g, graphInput, onnxValueInfo("x", onnxFloat, []any{1}))
	g = pbBytes(g, graphOutput, onnxValueInfo("y", onnxFloat, []any{1}))
	return onnxModel(g)
}
