import Foundation
import MonkSync

/// The directory a `sync pull` writes, or for `--dry-run` what it is compared with: the real directory, or
/// a scratch copy of its empty layout that ``cleanUp()`` removes.
final class PullTarget {
    let directory: PullDirectory
    private var scratch: String?

    init(directory: PullDirectory) {
        self.directory = directory
    }

    /// Checks and lays out the directory (see ``PullDirectory/prepare(models:isMultiModel:overwrite:)``);
    /// a dry run creates nothing in it.
    func prepare(models: [String], isMultiModel: Bool, overwrite: Bool, isDryRun: Bool) throws -> LocalEndpoint {
        guard isDryRun else {
            return try directory.prepare(models: models, isMultiModel: isMultiModel, overwrite: overwrite)
        }
        let (endpoint, scratch) = try directory.prepareDryRun(
            models: models,
            isMultiModel: isMultiModel,
            overwrite: overwrite
        )
        self.scratch = scratch
        return endpoint
    }

    /// Removes the dry run's scratch directory.
    func cleanUp() {
        guard let scratch else { return }
        // A scratch directory that cannot be removed stays in the temporary directory; the run's result stands.
        try? FileManager.default.removeItem(atPath: scratch)
    }
}
