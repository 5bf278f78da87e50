/// Fresh `X-Request-Id` values (API.md §0.1): random version 4 UUIDs in lowercase, written straight from two
/// random words rather than through Foundation's `UUID` and a lowercasing copy on every response.
enum RequestIDs {
    private static let digits = Array("0123456789abcdef".utf8)

    /// A random lowercase version 4 UUID, `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() & 0xffff_ffff_ffff_0fff | 0x4000
        let low = generator.next() & 0x3fff_ffff_ffff_ffff | 0x8000_0000_0000_0000
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var index = 0
            func put(_ word: UInt64, nibbles: Range<Int>) {
                for nibble in nibbles {
                    if index == 8 || index == 13 || index == 18 || index == 23 {
                        buffer[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    buffer[index] = digits[Int(word >> UInt64(60 - 4 * nibble) & 0xf)]
                    index += 1
                }
            }
            put(high, nibbles: 0..<16)
            put(low, nibbles: 0..<16)
            return index
        }
    }
}
