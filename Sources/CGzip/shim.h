#ifndef MONK_CGZIP_SHIM_H
#define MONK_CGZIP_SHIM_H
// The system zlib (zlib1g-dev). deflateInit2/inflateInit2 are macros, which Swift cannot call, so they are
// wrapped here for the one format monk speaks: gzip.
#include <zlib.h>

/// Starts a gzip (RFC 1952) compressor at `level`.
static inline int monk_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

/// Starts a gzip (RFC 1952) decompressor.
static inline int monk_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 16);
}
#endif
