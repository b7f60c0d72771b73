#pragma once

// Symbols of the public API are exported from the shared library; everything else is hidden.
#if defined(_WIN32)
#define CITE_EXPORT
#else
#define CITE_EXPORT __attribute__((visibility("default")))
#endif
