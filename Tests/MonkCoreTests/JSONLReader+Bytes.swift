import MonkCore

extension JSONLReader {
    /// A reader over `text` that hands out at most `chunk` bytes per read, so tests reach every way a line can
    /// straddle reads.
    static func over(
        _ text: [UInt8],
        chunk: Int,
        maximumLineLength: Int = JSONLReader.defaultMaximumLineLength
    ) -> JSONLReader {
        var offset = 0
        return JSONLReader(chunkSize: chunk, maximumLineLength: maximumLineLength) { buffer in
            let count = min(buffer.count, text.count - offset)
            text.withUnsafeBytes { bytes in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]))
            }
            offset += count
            return count
        }
    }
}
