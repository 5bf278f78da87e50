// monk-bench: speed and memory goals, each measured against a baseline in the same run (STYLE.md §5).
//
//   monk-bench <scenario>|all [--json] [--rounds N]
//
// Prints `name  monk_s  baseline_s  ratio  goal  ok|MISS` per scenario plus throughput and monk's peak RSS;
// exits 1 when a goal is missed, 2 on a usage error.
import Glibc

let usage = """
    usage: monk-bench <scenario>|all [--json] [--rounds N]   (N: 3–5, default 5)
    scenarios:
    \(allScenarios.map { "  \($0.name.padding(16))\($0.summary)" }.joined(separator: "\n"))
    """

func scenario(named name: String) -> (any Scenario.Type)? {
    allScenarios.first { $0.name == name }
}

func writeError(_ text: String) {
    let bytes = Array((text + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--child" {
    guard arguments.count == 3, let type = scenario(named: arguments[1]), let side = Side(rawValue: arguments[2]) else {
        writeError("monk-bench: bad child arguments \(arguments)")
        exit(2)
    }
    do {
        print(try Harness.runChild(type, side: side))
        exit(0)
    } catch {
        writeError("monk-bench: \(error)")
        exit(1)
    }
}

var isJSON = false
var rounds = 5
var names: [String] = []
var index = 0
while index < arguments.count {
    switch arguments[index] {
    case "--json": isJSON = true
    case "--rounds":
        index += 1
        guard index < arguments.count, let value = Int(arguments[index]), (1...20).contains(value) else {
            writeError(usage)
            exit(2)
        }
        rounds = value
    case "-h", "--help":
        print(usage)
        exit(0)
    case let name: names.append(name)
    }
    index += 1
}
if names == ["all"] { names = allScenarios.map { $0.name } }
let selected = names.compactMap(scenario(named:))
guard !selected.isEmpty, selected.count == names.count else {
    writeError(usage)
    exit(2)
}

var measurements: [Measurement] = []
for type in selected {
    do {
        let measurement = try Harness(rounds: rounds).measure(type)
        measurements.append(measurement)
        if !isJSON { print(measurement.line) }
    } catch {
        writeError("monk-bench: \(error)")
        exit(1)
    }
}
TransferScenarios.emptyTrashAfterMeasuring()
if isJSON { print("[" + measurements.map(\.json).joined(separator: ",") + "]") }
exit(measurements.allSatisfy(\.isMet) ? 0 : 1)

extension String {
    /// The string padded with spaces to `width` characters.
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
