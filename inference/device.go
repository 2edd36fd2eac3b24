package inference

import (
	"fmt"
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

// DeviceChoice is one device a user can choose, with the words a person
// hears for it.
type DeviceChoice struct {
	// Name is one of the Device constants.
	Name string
	// Label is what a settings dialog shows and speaks.
	Label string
}

// Devices lists every device, in the order settings offer them: the one
// list of device names.
var Devices = []DeviceChoice{
	{DeviceAuto, "Automatic"},
	{DeviceCPU, "Processor (CPU)"},
	{DeviceCUDA, "NVIDIA graphics (CUDA)"},
	{DeviceDirectML, "Windows graphics (DirectML)"},
	{DeviceCoreML, "Apple Neural Engine (Core ML)"},
}

// DeviceNames returns the names of Devices, in order.
func DeviceNames() []string {
	names := make([]string, len(Devices))
	for i, d := range Devices {
		names[i] = d.Name
	}
	return names
}

// DeviceList renders the names for a sentence: "auto, cpu, cuda, directml
// or coreml".
func DeviceList() string { return orList(DeviceNames()) }

// orList renders names for a sentence: "a, b or c".
func orList(n []string) string { return strings.Join(n[:len(n)-1], ", ") + " or " + n[len(n)-1] }

// CheckDevice returns nil for a known device name, else an error that
// says which names there are.
func CheckDevice(name string) error {
	for _, d := range Devices {
		if d.Name == name {
			return nil
		}
	}
	return fmt.Errorf("unknown device %q; use %s", name, DeviceList())
}
