/* A fake ONNX Runtime 1.16.3 for tests: it has OrtGetApiBase, but GetApi
 * returns NULL for every API version it does not know, as the real 1.16
 * does for version 24 (what Describer needs). */
#include <stddef.h>
#include <stdint.h>
typedef struct {
	const void *(*GetApi)(uint32_t version);
	const char *(*GetVersionString)(void);
} OrtApiBase;
static const void *get_api(uint32_t version) { (void) version; return NULL; }
static const char *get_version(void) { return "1.16.3"; }
static const OrtApiBase base = { get_api, get_version };
const OrtApiBase *OrtGetApiBase(void) { return &base; }
