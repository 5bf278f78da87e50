/// Words that cannot name a model or field because SQL reserves them.
///
/// The list is PostgreSQL's reserved key words, including those reserved except as function or type names.
/// Non-reserved words of either backend (`index`, `values`, `match`) stay usable: the stores quote identifiers.
package enum SQLReservedWords {
    /// Whether the lowercase `word` is reserved.
    package static func contains(_ word: String) -> Bool { words.contains(word) }

    /// The reserved words, lowercase.
    package static let words: Set<String> = [
        // PostgreSQL: reserved
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
        "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
        "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
        "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
        "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
        "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
        "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true", "union",
        "unique", "user", "using", "variadic", "when", "where", "window", "with",
        // PostgreSQL: reserved except as function or type names
        "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
        "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
        "right", "similar", "tablesample", "verbose",
    ]
}
