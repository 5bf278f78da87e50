/// The best timings of both sides of one scenario, and monk's peak memory.
struct Measurement {
    var name: String
    /// Best CPU seconds of monk's side.
    var monkSeconds: Double
    /// Best CPU seconds of the baseline.
    var baselineSeconds: Double
    /// Best wall-clock seconds of each side (shown beside; other jobs on the machine inflate them).
    var monkWallSeconds: Double
    var baselineWallSeconds: Double
    /// Input bytes each run processed.
    var bytes: Int
    /// Largest resident set of monk's child processes, in bytes.
    var monkPeakRSS: Int
    var goal: String
    var isMet = false

    /// How many times faster monk is than the baseline.
    var ratio: Double { monkSeconds > 0 ? baselineSeconds / monkSeconds : 0 }

    /// ``ratio`` on wall-clock time: for scenarios where monk overlaps its work on two threads, so that what a
    /// user waits for is shorter than the CPU time spent.
    var wallRatio: Double { monkWallSeconds > 0 ? baselineWallSeconds / monkWallSeconds : 0 }

    /// Monk's throughput in MB/s (10^6 bytes).
    var monkMegabytesPerSecond: Double { monkSeconds > 0 ? Double(bytes) / monkSeconds / 1e6 : 0 }

    /// Baseline throughput in MB/s.
    var baselineMegabytesPerSecond: Double { baselineSeconds > 0 ? Double(bytes) / baselineSeconds / 1e6 : 0 }

    /// `name  monk_s  baseline_s  ratio  goal  ok|MISS` followed by throughput and peak RSS.
    var line: String {
        [
            name, fixed(monkSeconds, 4), fixed(baselineSeconds, 4), fixed(ratio, 1) + "x", goal, isMet ? "ok" : "MISS",
            "monk=\(fixed(monkMegabytesPerSecond, 1))MB/s", "baseline=\(fixed(baselineMegabytesPerSecond, 1))MB/s",
            "peak_rss=\(fixed(Double(monkPeakRSS) / 1_048_576, 1))MiB",
            "wall_s=\(fixed(monkWallSeconds, 4))/\(fixed(baselineWallSeconds, 4))",
        ].joined(separator: "  ")
    }

    /// One JSON object for `--json`.
    var json: String {
        """
        {"name":"\(name)","monk_s":\(monkSeconds),"baseline_s":\(baselineSeconds),"ratio":\(fixed(ratio, 3)),\
        "goal":"\(goal)","ok":\(isMet),"bytes":\(bytes),"monk_mb_s":\(fixed(monkMegabytesPerSecond, 1)),\
        "baseline_mb_s":\(fixed(baselineMegabytesPerSecond, 1)),"monk_peak_rss_bytes":\(monkPeakRSS),\
        "monk_wall_s":\(monkWallSeconds),"baseline_wall_s":\(baselineWallSeconds)}
        """
    }
}

/// `value` with `digits` fractional digits.
func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if !text.contains("e") {
        let fraction = text.split(separator: ".").dropFirst().first?.count ?? 0
        if fraction < digits { text += String(repeating: "0", count: digits - fraction) }
    }
    return text
}
