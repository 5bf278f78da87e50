import MonkArchive
import MonkClient
import MonkCore
import MonkStore
import MonkSync

extension ExitStatus {
    /// The exit status for an error a command threw (DESIGN.md §12); unknown errors count as rejected work.
    package static func of(_ error: any Error) -> ExitStatus {
        switch error {
        case is JSONError, is RecordError:
            return .badInput
        case is EndpointError:
            return .usage
        case let error as ArchiveError:
            switch error.code {
            case .notFound: return .notFound
            case .invalidData, .unsafeEntryName: return .badInput
            default: return .rejected
            }
        case let error as TransportError:
            return of(error.category)
        case let error as ConfigError:
            return of(error.category)
        case let error as SyncError:
            switch error.code {
            case .notFound: return .notFound
            case .invalidData: return .badInput
            case .destinationChanged, .guardStopped: return .guardStopped
            case .unsupported, .invalidArgument: return .usage
            default: return .rejected
            }
        case is CancellationError:
            return .interrupted
        default:
            return .rejected
        }
    }

    /// The exit status of a client failure category.
    package static func of(_ category: FailureCategory) -> ExitStatus {
        switch category {
        case .notFound: .notFound
        case .permission: .permission
        case .network: .network
        case .rejected: .rejected
        case .badInput: .badInput
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
