/// Remembers how the last few object shapes sort, so that records from one source (which share their key
/// order) are not sorted again and again.
///
/// A shape is the sequence of key prefixes in input order. Only shapes whose prefixes are all distinct are
/// kept: then the prefixes alone decide the order, and equal prefix sequences sort the same way.
struct ShapeCache {
    private static let capacity = 4
    /// Prefixes of each remembered shape in input order, concatenated.
    private var prefixes: [UInt64] = []
    /// The sorted order of each shape (positions relative to the object's first member), concatenated.
    private var orders: [Int] = []
    /// Where each shape lies in `prefixes` and `orders`.
    private var ranges: [Range<Int>] = []
    private var nextVictim = 0

    /// Writes the remembered order for these input-order prefixes into `order` (as `offset + position`);
    /// `false` when the shape is not remembered. `order` must already hold `inputPrefixes.count` elements.
    mutating func lookUp(_ inputPrefixes: [UInt64], into order: inout [Int], offset: Int) -> Bool {
        let found = prefixes.withUnsafeBufferPointer { prefixes in
            inputPrefixes.withUnsafeBufferPointer { input in
                ranges.first { range in
                    guard range.count == input.count else { return false }
                    var position = 0
                    while position < input.count && prefixes[range.lowerBound + position] == input[position] {
                        position += 1
                    }
                    return position == input.count
                }
            }
        }
        guard let range = found else { return false }
        order.withUnsafeMutableBufferPointer { order in
            orders.withUnsafeBufferPointer { orders in
                for position in 0..<range.count { order[position] = offset + orders[range.lowerBound + position] }
            }
        }
        return true
    }

    /// Remembers a freshly sorted shape, if its prefixes are distinct.
    ///
    /// - Parameters:
    ///   - sortedPrefixes: the prefixes in sorted order.
    ///   - order: the sorted order (as `offset + input position`).
    mutating func remember(sortedPrefixes: [UInt64], order: [Int], offset: Int) {
        guard sortedPrefixes.count > 1, zip(sortedPrefixes, sortedPrefixes.dropFirst()).allSatisfy({ $0 < $1 }) else {
            return
        }
        var inputPrefixes = [UInt64](repeating: 0, count: order.count)
        for (sortedPosition, index) in order.enumerated() {
            inputPrefixes[index - offset] = sortedPrefixes[sortedPosition]
        }
        let relative = order.map { $0 - offset }
        if ranges.count < Self.capacity {
            ranges.append(prefixes.count..<(prefixes.count + order.count))
            prefixes.append(contentsOf: inputPrefixes)
            orders.append(contentsOf: relative)
            return
        }
        // Full: rebuild without the oldest-replaced entry (a handful of small arrays).
        var kept: [(prefixes: ArraySlice<UInt64>, order: ArraySlice<Int>)] = ranges.map { (prefixes[$0], orders[$0]) }
        kept[nextVictim] = (inputPrefixes[...], relative[...])
        nextVictim = (nextVictim + 1) % Self.capacity
        prefixes.removeAll(keepingCapacity: true)
        orders.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        for entry in kept {
            ranges.append(prefixes.count..<(prefixes.count + entry.prefixes.count))
            prefixes.append(contentsOf: entry.prefixes)
            orders.append(contentsOf: entry.order)
        }
    }
}
