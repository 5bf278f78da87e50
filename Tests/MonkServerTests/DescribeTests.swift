import HTTPTypes
import MonkCore
import Testing

@Suite struct DescribeTests {
    @Test func multiModelDescribeIsAtomicAndUsable() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme", template: "system")
            let yaml = """
                models:
                  - model_name: project
                    fields:
                      - { field_name: name, type: text, required: true }
                  - model_name: task
                    fields:
                      - { field_name: title, type: text, required: true }
                      - { field_name: project_id, type: uuid, relationship_type: owned, related_model: project, relationship_name: tasks }
                """
            let created = try await server.send(
                .post,
                "/api/describe",
                raw: yaml,
                token: token,
                headers: [.contentType: "application/yaml"]
            )
            #expect(created.status == 200, "\(created.text)")
            #expect(created.data["created"]?.arrayValue?.count == 2)
            let names = try await server.send(.get, "/api/describe", token: token)
            #expect(names.data.arrayValue?.contains("task") == true)
            let again = try await server.send(
                .post,
                "/api/describe",
                json: ["models": [["model_name": "other"], ["model_name": "task"]]],
                token: token
            )
            #expect(again.status == 409)
            #expect(again.errorCode == "MODEL_EXISTS")
            #expect(again.data["model_index"] == 1)
            let list = try await server.send(.get, "/api/describe", token: token)
            #expect(list.data.arrayValue?.contains("other") == false)
            let model = try await server.send(.get, "/api/describe/task?include=fields", token: token)
            #expect(model.data["fields"]?.arrayValue?.count == 2)
            let yamlOut = try await server.send(.get, "/api/describe/task?format=yaml", token: token)
            #expect(yamlOut.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(yamlOut.text.contains("model_name: task"))
        }
    }

    @Test func fieldsCanBeAddedChangedAndRemoved() async throws {
        try await TestServer.run { server in
            let token = try await server.register(tenant: "acme")
            let added = try await server.send(
                .post,
                "/api/describe/contact/fields/score",
                json: ["type": "integer", "default_value": 3],
                token: token
            )
            #expect(added.status == 200, "\(added.text)")
            let contact = try await server.send(
                .get,
                "/api/data/contact/20000000-0000-4000-8000-000000000001",
                token: token
            )
            #expect(contact.data["score"] == 3)
            let bad = try await server.send(
                .post,
                "/api/describe/contact/fields/id",
                json: ["type": "text"],
                token: token
            )
            #expect(bad.status == 400)
            let removed = try await server.send(.delete, "/api/describe/contact/fields/score", token: token)
            #expect(removed.status == 200)
            let after = try await server.send(
                .get,
                "/api/data/contact/20000000-0000-4000-8000-000000000001",
                token: token
            )
            #expect(after.data.objectValue?.member("score") == nil)
            let protected = try await server.send(.delete, "/api/describe/users", token: token)
            #expect(protected.errorCode == "MODEL_PROTECTED")
        }
    }
}
