import MonkCore
import MonkStore

/// Applies fixtures inside one tenant transaction through the same code as `POST /api/describe` and
/// `POST /api/data/:model` (API.md §12).
enum FixtureApplier {
    /// Applies `fixtures` in order: each one's models, then its data files.
    ///
    /// - Throws: the Describe/Data errors of the first failing entry (`MODEL_EXISTS` when two fixtures define
    ///   one model).
    static func apply(_ fixtures: [FixtureCatalog.Fixture], in tx: TenantTransaction, now: String) throws {
        for fixture in fixtures {
            _ = try DescribeOperations.createModels(
                fixture.models,
                skipExisting: false,
                trusted: fixture.isBuiltIn,
                in: tx,
                now: now
            )
            for (model, records) in fixture.data {
                guard let info = try tx.model(named: model) else {
                    throw StoreError(
                        code: "MODEL_NOT_FOUND",
                        message: "fixture \(fixture.name) has data for unknown model \(model)",
                        details: ["model_name": .string(model)]
                    )
                }
                for (index, record) in records.enumerated() {
                    _ = try tx.createRecord(record, in: info, caller: .system, now: now, index: index)
                }
            }
        }
    }
}
