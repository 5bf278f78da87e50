import MonkCore

extension ModelDefinition {
    /// Decodes a model whose definition was already accepted once: a stored one, or a built-in fixture's.
    ///
    /// It applies MonkCore's decoding to everything except field *names*, which are taken as stored. This is
    /// needed because API.md §12 gives the built-in `filters` model fields named `select`, `where` and `order`,
    /// which the Describe API's name rules (rightly) refuse for user models; such names can only come from the
    /// bundled `system` fixture, never from a request.
    ///
    /// - Throws: ``ModelError`` for anything else that does not decode.
    package init(decodingTrusted object: JSONObject) throws {
        var model = object
        let items: [(name: String?, body: JSONValue)]
        switch object["fields"] {
        case .array(let list)?: items = list.map { ($0["field_name"]?.stringValue, $0) }
        case .object(let map)?: items = map.map { ($0.key, $0.value) }
        default: items = []
        }
        model.removeValue(forKey: "fields")
        self = try ModelDefinition(decoding: .object(model))
        guard object.member("fields") != nil else { return }
        var fields: [FieldDefinition] = []
        for (name, body) in items {
            guard var fieldBody = body.objectValue, let name else {
                throw ModelError(code: .fieldNameRequired, message: "a field has no field_name")
            }
            fieldBody["field_name"] = "trusted_field"
            var field = try FieldDefinition(decoding: .object(fieldBody), modelName: modelName)
            field.fieldName = name
            fields.append(field)
        }
        self.fields = fields
    }
}
