import Crypto

#if canImport(CCryptoBoringSSL)
    import CCryptoBoringSSL
#endif

/// SHA-256 fed in pieces, finished as a ``RecordHash`` (its first 16 bytes): how a record whose selected
/// members lie in runs of its canonical bytes is hashed without copying them together first.
///
/// ```swift
/// var hasher = RecordHasher()
/// hasher.update(UnsafeRawBufferPointer(start: bytes, count: 10))
/// let hash = hasher.finalize()
/// ```
struct RecordHasher {
    #if canImport(CCryptoBoringSSL)
        // swift-crypto's `SHA256` allocates a context object per hash and zeroes its copies; a diff hashes every
        // record of both sides, so this calls the same BoringSSL functions on a context held inline.
        private var context = SHA256_CTX()

        init() {
            CCryptoBoringSSL_SHA256_Init(&context)
        }

        /// Adds `bytes`.
        @inline(__always)
        mutating func update(_ bytes: UnsafeRawBufferPointer) {
            CCryptoBoringSSL_SHA256_Update(&context, bytes.baseAddress, bytes.count)
        }

        /// The hash of everything added.
        mutating func finalize() -> RecordHash {
            var digest: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &digest) { raw in
                _ = CCryptoBoringSSL_SHA256_Final(raw.baseAddress?.assumingMemoryBound(to: UInt8.self), &context)
            }
            return RecordHash(high: UInt64(bigEndian: digest.0), low: UInt64(bigEndian: digest.1))
        }
    #else
        private var hasher = SHA256()

        init() {}

        /// Adds `bytes`.
        mutating func update(_ bytes: UnsafeRawBufferPointer) {
            hasher.update(bufferPointer: bytes)
        }

        /// The hash of everything added.
        mutating func finalize() -> RecordHash {
            hasher.finalize().withUnsafeBytes { raw in
                var halves: (UInt64, UInt64) = (0, 0)
                withUnsafeMutableBytes(of: &halves) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[0..<16]))
                }
                return RecordHash(high: UInt64(bigEndian: halves.0), low: UInt64(bigEndian: halves.1))
            }
        }
    #endif
}
