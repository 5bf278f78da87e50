import MonkArchive
import MonkClient
import MonkCore
import MonkStore
import MonkSync

extension ExitStatus {
    /// The exit status for an error a command threw (DESIGN.md §12); unknown errors count as rejected work.
    package static func of(_ error: any Error) -> ExitStatus {
        switch error {
        case is JSONError:
            return .badInput
        case let error as ArchiveError:
            switch error.code {
            case .notFound: return .notFound
            case .invalidData, .unsafeEntryName: return .badInput
            default: return .rejected
            }
        case let error as TransportError:
            switch error.code {
            case .network: return .network
            default: return error.status.map(status(forHTTP:)) ?? .rejected
            }
        case let error as SyncError:
            switch error.code {
            case .notFound: return .notFound
            case .invalidData: return .badInput
            case .destinationChanged: return .guardStopped
            case .unsupported, .invalidArgument: return .usage
            default: return .rejected
            }
        case is CancellationError:
            return .interrupted
        default:
            return .rejected
        }
    }

    /// The exit status for an HTTP error status: 401/403 → 4, 404 → 3, 429/503 → 5, others → 6.
    package static func status(forHTTP code: Int) -> ExitStatus {
        switch code {
        case 401, 403: .permission
        case 404: .notFound
        case 429, 503: .network
        default: .rejected
        }
    }

    /// A one-line message for an error, safe to show (the error types' descriptions never carry secrets).
    package static func message(for error: any Error) -> String {
        switch error {
        case let error as any CustomStringConvertible: error.description
        default: "\(type(of: error))"
        }
    }
}
