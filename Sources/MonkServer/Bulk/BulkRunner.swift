import MonkCore
import MonkStore

/// Runs a validated bulk request inside one transaction in its mode (API.md §6.4) and builds the response
/// elements of §6.5.
struct BulkRunner {
    let request: BulkRequest
    let caller: Caller
    let now: String
    /// The records of operations whose `data` ``BulkBody`` kept as bytes, by operation index.
    var deferred: [Int: DeferredRecords] = [:]

    /// What happened to one operation.
    private enum Outcome {
        case completed(JSONValue)
        case failed(APIError)
        case skipped(String)
    }

    /// The per-operation response elements in request order.
    ///
    /// - Throws: in atomic mode, the failing operation's error with `operation_index`, `op_id`, `operation`,
    ///   `model` (and, with `continueOnError`, `operations`); the caller's transaction then rolls back.
    func run(in tx: TenantTransaction) throws -> [JSONValue] {
        var executor = BulkExecutor(tx: tx, caller: caller, now: now, options: request.options)
        let options = request.options
        var outcomes = [Outcome?](repeating: nil, count: request.operations.count)
        var echoed = [JSONObject](repeating: [:], count: request.operations.count)
        var echoes: [String: JSONValue] = [:]
        var failedIndexes = Set<Int>()
        for index in request.order {
            let operation = request.operations[index]
            echoed[index] = operation.raw
            if !options.continueOnError, !failedIndexes.isEmpty {
                outcomes[index] = .skipped("previous operation failed")
                continue
            }
            if !operation.dependencies.isDisjoint(with: failedIndexes) {
                outcomes[index] = .skipped("dependency failed")
                failedIndexes.insert(index)
                continue
            }
            executor.keepsResults = !options.returnsStatusOnly || operation.opID != nil
            do {
                let resolved = try resolve(operation, echoes: echoes)
                echoed[index] = resolved
                let records = deferred[index]
                func perform() throws -> JSONValue {
                    guard let records else {
                        return try executor.run(operation.name, model: operation.model, raw: resolved)
                    }
                    return try executor.createDeferred(
                        operation.name,
                        model: operation.model,
                        raw: resolved,
                        records: records
                    )
                }
                let result: JSONValue
                if options.atomic && !options.continueOnError {
                    result = try perform()
                } else {
                    result = try tx.savepoint { try perform() }
                }
                outcomes[index] = .completed(result)
                if let opID = operation.opID { echoes[opID] = .object(element(echoed[index], .completed(result))) }
            } catch {
                let apiError = BulkRunner.apiError(error, operation: operation)
                if options.atomic && !options.continueOnError { throw apiError }
                outcomes[index] = .failed(apiError)
                failedIndexes.insert(index)
            }
        }
        let elements = request.operations.indices.map { index in
            JSONValue.object(
                element(echoed[index], outcomes[index] ?? .skipped("previous operation failed"), index: index)
            )
        }
        if options.atomic,
            let first = request.order.first(where: { if case .failed = outcomes[$0] { true } else { false } }),
            case .failed(var error) = outcomes[first]
        {
            error.details["operations"] = .array(elements)
            throw error
        }
        return elements
    }

    private func resolve(_ operation: BulkRequest.Operation, echoes: [String: JSONValue]) throws -> JSONObject {
        guard request.options.refs else { return operation.raw }
        var raw = operation.raw
        for key in ["data", "id", "filter"] {
            if let value = raw.member(key) { raw[key] = try BulkReferences.resolve(value, echoes: echoes) }
        }
        return raw
    }

    /// The response element for an operation: the echoed op plus `status` and `result` (or the status form).
    private func element(_ echoed: JSONObject, _ outcome: Outcome, index: Int? = nil) -> JSONObject {
        var element = echoed
        let status: String
        switch outcome {
        case .completed(let result):
            status = "completed"
            element["result"] = result
        case .failed(let error):
            status = "failed"
            element["result"] = .null
            element["error"] = .string(error.message)
            element["error_code"] = .string(error.code)
            element["error_data"] = .object(error.details)
        case .skipped(let reason):
            status = "skipped"
            element["result"] = .null
            element["reason"] = .string(reason)
        }
        element["status"] = .string(status)
        guard request.options.returnsStatusOnly, let index else { return element }
        var brief: JSONObject = [
            "index": .number(JSONNumber(index)), "operation": echoed["operation"] ?? .null,
            "model": echoed["model"] ?? .null, "status": .string(status),
        ]
        if let opID = echoed.member("op_id") { brief["op_id"] = opID }
        let count: Int
        switch element["result"] {
        case .array(let items)?: count = items.count
        case .null?, nil: count = 0
        case .number(let number)? where echoed["operation"] == "count": count = Int(number.int64Value ?? 0)
        default: count = 1
        }
        brief["count"] = .number(JSONNumber(count))
        for key in ["error", "error_code", "reason"] { if let value = element.member(key) { brief[key] = value } }
        return brief
    }

    /// `error` as the API error of a failed operation, with the operation's position in `data`.
    static func apiError(_ error: any Error, operation: BulkRequest.Operation) -> APIError {
        var apiError: APIError
        switch error {
        case let error as APIError: apiError = error
        case let error as StoreError: apiError = APIError(error)
        default: apiError = .internalError
        }
        apiError.details["operation_index"] = .number(JSONNumber(operation.index))
        if let opID = operation.opID { apiError.details["op_id"] = .string(opID) }
        apiError.details["operation"] = operation.raw["operation"] ?? .null
        apiError.details["model"] = .string(operation.model)
        return apiError
    }
}
