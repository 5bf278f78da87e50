import MonkCore
import MonkSync
import Testing

/// The pieces of `sync pull/push/copy` that decide what is applied: strategies, `--max-delete`, the guards.
@Suite struct TransferGuardTests {
    @Test(arguments: [
        (TransferStrategy.replace, [true, true, true]),
        (.merge, [true, true, false]),
        (.skipExisting, [true, false, false]),
    ])
    func strategyAdmitsOperations(strategy: TransferStrategy, expected: [Bool]) {
        #expect([PatchOperation.Kind.insert, .update, .delete].map(strategy.admits) == expected)
    }

    @Test(arguments: [
        ("10", 1000, 10), ("0", 50, 0), ("10%", 250, 25), ("50%", 3, 1), ("100%", 7, 7), ("12.5%", 80, 10),
    ])
    func deleteLimitParsesCountsAndPercentages(text: String, destination: Int, allowed: Int) throws {
        #expect(try DeleteLimit(parsing: text).allowedDeletes(destinationCount: destination) == allowed)
    }

    @Test(arguments: ["", "-1", "abc", "101%", "5%%", "1.5"])
    func deleteLimitRejectsMalformedValues(text: String) {
        #expect(throws: SyncError.self) { try DeleteLimit(parsing: text) }
    }

    @Test func defaultLimitIsHalfTheDestination() {
        #expect(DeleteLimit.standard.description == "50%")
        #expect(DeleteLimit.standard.allowedDeletes(destinationCount: 10) == 5)
    }

    @Test func tooManyDeletesStopTheRun() {
        var plan = TransferPlan()
        plan.sourceCount = 4
        plan.destinationCount = 10
        plan.deletes = 6
        let error = #expect(throws: SyncError.self) { try SafetyGuard().check(plan, destination: "dst") }
        #expect(error?.code == .guardStopped && error?.message.contains("--max-delete 50%") == true)
        #expect(throws: Never.self) { try SafetyGuard(deleteLimit: .count(6)).check(plan, destination: "dst") }
    }

    @Test func emptySourceStopsTheRunUnlessAllowed() {
        var plan = TransferPlan()
        plan.destinationCount = 3
        plan.deletes = 3
        let error = #expect(throws: SyncError.self) {
            try SafetyGuard(deleteLimit: .percent(100)).check(plan, destination: "dst")
        }
        #expect(error?.code == .guardStopped && error?.message.contains("--allow-empty-source") == true)
        let allowed = SafetyGuard(deleteLimit: .percent(100), allowsEmptySource: true)
        #expect(throws: Never.self) { try allowed.check(plan, destination: "dst") }
        #expect(throws: Never.self) { try SafetyGuard().check(TransferPlan(), destination: "dst") }
    }
}
