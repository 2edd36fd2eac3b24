//go:build cgo

package ort

/*
#cgo linux LDFLAGS: -ldl
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <dlfcn.h>
#endif

// The first two members of OrtApiBase, stable across every ONNX Runtime.
typedef struct {
	const void *(*GetApi)(uint32_t version);
	const char *(*GetVersionString)(void);
} describer_api_base;

typedef const describer_api_base *(*describer_get_api_base)(void);

enum {
	DESCRIBER_OK = 0,
	DESCRIBER_NOT_LOADED = 1,
	DESCRIBER_NO_ENTRY = 2,
	DESCRIBER_NO_BASE = 3,
	DESCRIBER_NO_API = 4,
};

// describer_probe loads the library at path and asks it for C API version
// api. It copies the library's version string into version and any loader
// message into msg. On success the library stays loaded (onnxruntime_go
// loads it again next, which then costs nothing); on failure it is unloaded.
static int describer_probe(const char *path, uint32_t api, char *version,
		size_t version_len, char *msg, size_t msg_len) {
	void *entry = NULL;
#ifdef _WIN32
	int n = MultiByteToWideChar(CP_UTF8, 0, path, -1, NULL, 0);
	wchar_t *wide = (wchar_t *) malloc(sizeof(wchar_t) * (n > 0 ? n : 1));
	if (!wide) {
		snprintf(msg, msg_len, "out of memory");
		return DESCRIBER_NOT_LOADED;
	}
	MultiByteToWideChar(CP_UTF8, 0, path, -1, wide, n);
	HMODULE handle = LoadLibraryExW(wide, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
	free(wide);
	if (!handle) {
		snprintf(msg, msg_len, "Windows error %lu", (unsigned long) GetLastError());
		return DESCRIBER_NOT_LOADED;
	}
	entry = (void *) GetProcAddress(handle, "OrtGetApiBase");
#define DESCRIBER_UNLOAD() FreeLibrary(handle)
#else
	void *handle = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
	if (!handle) {
		const char *e = dlerror();
		snprintf(msg, msg_len, "%s", e ? e : "unknown loader error");
		return DESCRIBER_NOT_LOADED;
	}
	entry = dlsym(handle, "OrtGetApiBase");
#define DESCRIBER_UNLOAD() dlclose(handle)
#endif
	if (!entry) {
		DESCRIBER_UNLOAD();
		return DESCRIBER_NO_ENTRY;
	}
	const describer_api_base *base = ((describer_get_api_base) entry)();
	if (!base || !base->GetApi) {
		DESCRIBER_UNLOAD();
		return DESCRIBER_NO_BASE;
	}
	const char *v = base->GetVersionString ? base->GetVersionString() : NULL;
	if (v) {
		snprintf(version, version_len, "%s", v);
	}
	if (!base->GetApi(api)) {
		DESCRIBER_UNLOAD();
		return DESCRIBER_NO_API;
	}
	return DESCRIBER_OK;
#undef DESCRIBER_UNLOAD
}

// describer_load_error loads and unloads the library at path, copying the
// loader's message into msg if it cannot be loaded. It returns 0 on success.
static int describer_load_error(const char *path, char *msg, size_t msg_len) {
#ifdef _WIN32
	int n = MultiByteToWideChar(CP_UTF8, 0, path, -1, NULL, 0);
	wchar_t *wide = (wchar_t *) malloc(sizeof(wchar_t) * (n > 0 ? n : 1));
	if (!wide) {
		snprintf(msg, msg_len, "out of memory");
		return 1;
	}
	MultiByteToWideChar(CP_UTF8, 0, path, -1, wide, n);
	HMODULE handle = LoadLibraryExW(wide, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
	free(wide);
	if (!handle) {
		snprintf(msg, msg_len, "Windows error %lu", (unsigned long) GetLastError());
		return 1;
	}
	FreeLibrary(handle);
#else
	void *handle = dlopen(path, RTLD_LAZY | RTLD_LOCAL);
	if (!handle) {
		const char *e = dlerror();
		snprintf(msg, msg_len, "%s", e ? e : "unknown loader error");
		return 1;
	}
	dlclose(handle);
#endif
	return 0;
}
*/
import "C"

import (
	"strings"
	"unsafe"
)

// probeLibrary checks that path is an ONNX Runtime providing the C API this
// package needs, before onnxruntime_go touches it (onnxruntime_go keeps a
// pointer into a library it has already unloaded when the version is wrong).
// It returns the library's version string.
func probeLibrary(path string) (string, error) {
	cPath := C.CString(path)
	defer C.free(unsafe.Pointer(cPath))
	var version, msg [256]C.char
	rc := C.describer_probe(cPath, C.uint32_t(apiVersion),
		&version[0], C.size_t(len(version)), &msg[0], C.size_t(len(msg)))
	found := C.GoString(&version[0])
	detail := C.GoString(&msg[0])
	switch rc {
	case C.DESCRIBER_OK:
		return found, nil
	case C.DESCRIBER_NOT_LOADED:
		return "", notLoadable(path, detail)
	case C.DESCRIBER_NO_ENTRY, C.DESCRIBER_NO_BASE:
		return "", sentence(ErrLibraryLoad, nil,
			"ort: %s is a shared library but not ONNX Runtime (it has no usable OrtGetApiBase); "+
				"point --ort-lib at libonnxruntime %s", path, RequiredVersion)
	}
	if found == "" {
		found = "an unknown version"
	}
	return "", sentence(ErrLibraryVersion, nil,
		"ort: %s is ONNX Runtime %s, which lacks C API %d; Describer needs ONNX Runtime %s or newer "+
			"(run \"describer models pull runtime\" (make run does), or pass --ort-lib PATH)", path, found, apiVersion, RequiredVersion)
}

// loadError returns the dynamic loader's message for the library at path,
// or "" if it loads. ONNX Runtime only says "Failed to load shared library"
// when a provider's dependencies are missing; this names the missing one.
func loadError(path string) string {
	cPath := C.CString(path)
	defer C.free(unsafe.Pointer(cPath))
	var msg [512]C.char
	if C.describer_load_error(cPath, &msg[0], C.size_t(len(msg))) == 0 {
		return ""
	}
	return C.GoString(&msg[0])
}

// notLoadable explains a loader failure for path.
func notLoadable(path, detail string) error {
	short := detail
	if i := strings.LastIndex(short, ": "); i >= 0 && strings.HasPrefix(short, path) {
		short = short[i+2:]
	}
	for _, s := range []string{"invalid ELF header", "file too short", "not a mach-o", "Windows error 193"} {
		if strings.Contains(strings.ToLower(detail), strings.ToLower(s)) {
			return sentence(ErrLibraryLoad, nil, "ort: %s is not a shared library (%s)", path, short)
		}
	}
	return sentence(ErrLibraryLoad, nil, "ort: cannot load the ONNX Runtime library %s: %s", path, detail)
}
