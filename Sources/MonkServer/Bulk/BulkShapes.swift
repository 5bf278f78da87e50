import MonkCore
import MonkStore

/// The shape rules of each bulk operation (API.md §6.2), checked before anything runs.
enum BulkShapes {
    /// Checks `raw` for operation `name`.
    ///
    /// - Throws: 400 `OPERATION_MISSING_ID`, `OPERATION_MISSING_DATA`, `OPERATION_INVALID_DATA`,
    ///   `OPERATION_MISSING_FILTER`, `OPERATION_INVALID_FILTER`, `OPERATION_MISSING_AGGREGATE`,
    ///   `OPERATION_INVALID_GROUP_BY`.
    static func check(name: String, raw: JSONObject, details: JSONObject) throws {
        func fail(_ code: String, _ message: String) -> APIError { APIError(400, code, message, details: details) }
        let hasID = raw["id"].map { !$0.isNull } ?? false
        let hasFilter = raw["filter"].map { !$0.isNull } ?? false
        if hasFilter, raw["filter"]?.objectValue == nil {
            throw fail("OPERATION_INVALID_FILTER", "filter must be an object")
        }
        let data = raw.member("data")
        func needsObject() throws {
            guard let data, !data.isNull else { throw fail("OPERATION_MISSING_DATA", "\(name) needs data") }
            guard data.objectValue != nil else { throw fail("OPERATION_INVALID_DATA", "\(name) needs a data object") }
        }
        func needsArray(ids: Bool) throws {
            guard let data, !data.isNull else { throw fail("OPERATION_MISSING_DATA", "\(name) needs data") }
            guard let items = data.arrayValue,
                items.allSatisfy({ $0.objectValue != nil || (ids && $0.stringValue != nil) })
            else { throw fail("OPERATION_INVALID_DATA", "\(name) needs a data array of objects") }
            if hasFilter { throw fail("OPERATION_INVALID_FILTER", "\(name) takes no filter") }
        }
        switch name {
        case "select", "count":
            break
        case "select-one", "select-404", "delete-404":
            if !hasID && !hasFilter { throw fail("OPERATION_MISSING_ID", "\(name) needs an id or a filter") }
        case "update-404", "access-404":
            if !hasID && !hasFilter { throw fail("OPERATION_MISSING_ID", "\(name) needs an id or a filter") }
            try needsObject()
        case "aggregate":
            guard raw["aggregate"]?.objectValue != nil else {
                throw fail("OPERATION_MISSING_AGGREGATE", "aggregate needs an aggregate object")
            }
            if data != nil { throw fail("OPERATION_INVALID_DATA", "aggregate takes no data") }
            if let groupBy = raw["groupBy"], !groupBy.isNull, groupBy.stringValue == nil,
                !(groupBy.arrayValue?.allSatisfy { $0.stringValue != nil } ?? false)
            {
                throw fail("OPERATION_INVALID_GROUP_BY", "groupBy must be a field name or an array of them")
            }
        case "create-one", "upsert-one":
            try needsObject()
        case "create-all", "upsert-all", "update-all", "access-all":
            try needsArray(ids: false)
            if name == "update-all" || name == "access-all",
                !(data?.arrayValue?.allSatisfy { $0["id"]?.stringValue != nil } ?? false)
            {
                throw fail("OPERATION_MISSING_ID", "every \(name) item needs an id")
            }
        case "delete-all":
            try needsArray(ids: true)
        case "update-one", "access-one":
            if !hasID { throw fail("OPERATION_MISSING_ID", "\(name) needs an id") }
            try needsObject()
        case "delete-one":
            if !hasID { throw fail("OPERATION_MISSING_ID", "\(name) needs an id") }
        case "update-any", "access-any":
            if !hasFilter { throw fail("OPERATION_MISSING_FILTER", "\(name) needs a filter") }
            try needsObject()
        case "delete-any":
            if !hasFilter { throw fail("OPERATION_MISSING_FILTER", "\(name) needs a filter") }
        default:
            break
        }
        if let expect = raw["expect_hash"], !expect.isNull {
            guard let text = expect.stringValue, text.utf8.count == 32, HexEncoding.decode(text) != nil else {
                throw fail("OPERATION_INVALID_DATA", "expect_hash must be 32 lowercase hex digits or null")
            }
        }
    }
}
