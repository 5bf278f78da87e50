import Glibc

/// Runs scenarios: baseline and monk alternately in child processes, `rounds` times each, keeping the best time
/// of each side (STYLE.md §5).
///
/// CPU time (`CLOCK_PROCESS_CPUTIME_ID`) of the timed run is the primary measure: the benchmark machines are
/// shared, and other jobs stretch wall time without changing the work done. Wall time is reported beside it.
struct Harness {
    var rounds: Int

    /// One child's report.
    private struct Report {
        var cpuSeconds: Double
        var wallSeconds: Double
        var bytes: Int
        var checksum: String
        var peakRSS: Int
    }

    /// Measures `scenario` in child processes.
    func measure(_ scenario: any Scenario.Type) throws -> Measurement {
        var best: [Side: (cpu: Double, wall: Double)] = [:]
        var checksums: [Side: String] = [:]
        var bytes = 0
        var peakRSS = 0
        for _ in 0..<rounds {
            for side in [Side.baseline, .monk] {
                let report = try runChild(scenario, side: side)
                if let previous = checksums[side], previous != report.checksum {
                    throw ChildProcess.Failure(
                        description: "\(scenario.name) \(side.rawValue): results differ between runs"
                    )
                }
                checksums[side] = report.checksum
                let previous = best[side] ?? (.infinity, .infinity)
                best[side] = (min(previous.cpu, report.cpuSeconds), min(previous.wall, report.wallSeconds))
                bytes = report.bytes
                if side == .monk { peakRSS = max(peakRSS, report.peakRSS) }
            }
        }
        var measurement = Measurement(
            name: scenario.name,
            monkSeconds: best[.monk]?.cpu ?? 0,
            baselineSeconds: best[.baseline]?.cpu ?? 0,
            monkWallSeconds: best[.monk]?.wall ?? 0,
            baselineWallSeconds: best[.baseline]?.wall ?? 0,
            bytes: bytes,
            monkPeakRSS: peakRSS,
            goal: scenario.goalDescription
        )
        measurement.isMet = scenario.meetsGoal(measurement)
        return measurement
    }

    private func runChild(_ scenario: any Scenario.Type, side: Side) throws -> Report {
        let outcome = try ChildProcess.run(["--child", scenario.name, side.rawValue])
        let fields = outcome.output.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        guard outcome.status == 0, fields.count == 4, let cpu = Double(fields[0]), let wall = Double(fields[1]),
            let bytes = Int(fields[2])
        else {
            throw ChildProcess.Failure(
                description: "\(scenario.name) \(side.rawValue): child failed (status \(outcome.status)): "
                    + outcome.output
            )
        }
        return Report(cpuSeconds: cpu, wallSeconds: wall, bytes: bytes, checksum: fields[3], peakRSS: outcome.peakRSS)
    }

    /// The child's side: generate the data, run once to warm up, run once timed, and return
    /// `cpu_seconds wall_seconds bytes checksum`.
    static func runChild(_ scenario: any Scenario.Type, side: Side) throws -> String {
        let instance = scenario.init()
        _ = try instance.run(side)
        // CPU time includes the children a scenario runs (e.g. `monk sync diff`, `sqldiff`) and waits for.
        let (cpuStart, wallStart) = (cpuSeconds(), seconds(CLOCK_MONOTONIC))
        let work = try instance.run(side)
        let (cpu, wall) = (cpuSeconds() - cpuStart, seconds(CLOCK_MONOTONIC) - wallStart)
        return "\(cpu) \(wall) \(work.bytes) \(work.checksum)"
    }

    /// CPU seconds of this process plus those of its children that have been waited for.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        let children = [usage.ru_utime, usage.ru_stime].reduce(0) {
            $0 + Double($1.tv_sec) + Double($1.tv_usec) / 1e6
        }
        return seconds(CLOCK_PROCESS_CPUTIME_ID) + children
    }

    private static func seconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
