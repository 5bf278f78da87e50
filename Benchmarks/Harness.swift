/// Runs scenarios: baseline and monk alternately in child processes, `rounds` times each, keeping the best time
/// of each side (STYLE.md §5).
struct Harness {
    var rounds: Int

    /// Measures `scenario` in child processes.
    func measure(_ scenario: any Scenario.Type) throws -> Measurement {
        var best: [Side: Double] = [:]
        var checksums: [Side: String] = [:]
        var bytes = 0
        var peakRSS = 0
        for _ in 0..<rounds {
            for side in [Side.baseline, .monk] {
                let outcome = try ChildProcess.run(["--child", scenario.name, side.rawValue])
                let fields = outcome.output.split(separator: " ").map(String.init)
                guard outcome.status == 0, fields.count == 3, let seconds = Double(fields[0]),
                    let count = Int(fields[1])
                else {
                    throw ChildProcess.Failure(
                        description: "\(scenario.name) \(side.rawValue): child failed (status \(outcome.status)): "
                            + outcome.output
                    )
                }
                let checksum = fields[2].trimmingSuffix()
                if let previous = checksums[side], previous != checksum {
                    throw ChildProcess.Failure(
                        description: "\(scenario.name) \(side.rawValue): results differ between runs"
                    )
                }
                checksums[side] = checksum
                best[side] = min(best[side] ?? .infinity, seconds)
                bytes = count
                if side == .monk { peakRSS = max(peakRSS, outcome.peakRSS) }
            }
        }
        var measurement = Measurement(
            name: scenario.name,
            monkSeconds: best[.monk] ?? 0,
            baselineSeconds: best[.baseline] ?? 0,
            bytes: bytes,
            monkPeakRSS: peakRSS,
            goal: scenario.goalDescription
        )
        measurement.isMet = scenario.meetsGoal(measurement)
        return measurement
    }

    /// The child's side: generate the data, run once to warm up, run once timed, print `seconds bytes checksum`.
    static func runChild(_ scenario: any Scenario.Type, side: Side) throws -> String {
        let instance = scenario.init()
        _ = try instance.run(side)
        let clock = ContinuousClock()
        let start = clock.now
        let work = try instance.run(side)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return "\(seconds) \(work.bytes) \(work.checksum)"
    }
}

extension String {
    /// The string without trailing whitespace and newlines.
    fileprivate func trimmingSuffix() -> String {
        var text = self
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
