package inference

import (
	"fmt"
	"slices"
	"strings"
)

// Device names: where models run. The settings, the command line and the
// ONNX Runtime adapter all take these.
const (
	// DeviceAuto is the platform's GPU when it works, else the CPU.
	DeviceAuto = "auto"
	// DeviceCPU is the processor.
	DeviceCPU = "cpu"
	// DeviceCUDA is an NVIDIA GPU (Linux and Windows).
	DeviceCUDA = "cuda"
	// DeviceDirectML is any DirectX 12 GPU (Windows).
	DeviceDirectML = "directml"
	// DeviceCoreML is Apple's Neural Engine and GPU (macOS).
	DeviceCoreML = "coreml"
)

// deviceNames lists every device, in the order settings offer them: the
// one list of device names (the settings word them in the user's
// language).
var deviceNames = []string{DeviceAuto, DeviceCPU, DeviceCUDA, DeviceDirectML, DeviceCoreML}

// DeviceNames returns the device names, in order.
func DeviceNames() []string { return slices.Clone(deviceNames) }

// DeviceList renders the names for a sentence: "auto, cpu, cuda, directml
// or coreml".
func DeviceList() string { return orList(DeviceNames()) }

// orList renders names for a sentence: "a, b or c".
func orList(n []string) string { return strings.Join(n[:len(n)-1], ", ") + " or " + n[len(n)-1] }

// CheckDevice returns nil for a known device name, else an error that
// says which names there are.
func CheckDevice(name string) error {
	if slices.Contains(deviceNames, name) {
		return nil
	}
	return fmt.Errorf("unknown device %q; use %s", name, DeviceList())
}
