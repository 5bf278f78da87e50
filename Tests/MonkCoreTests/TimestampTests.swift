import MonkCore
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2025-11-22T18:13:42.123Z", "2025-11-22T18:13:42.123Z"),
        ("2025-11-22T18:13:42Z", "2025-11-22T18:13:42.000Z"),
        ("2025-11-22T18:13:42.1Z", "2025-11-22T18:13:42.100Z"),
        ("2025-11-22T18:13:42.123456789Z", "2025-11-22T18:13:42.123Z"),
        ("2025-11-22T18:13:42.999999Z", "2025-11-22T18:13:42.999Z"),
        ("2025-11-22T19:13:42+01:00", "2025-11-22T18:13:42.000Z"),
        ("2025-11-22T12:43:42-0530", "2025-11-22T18:13:42.000Z"),
        ("2025-11-22T20:13:42+02", "2025-11-22T18:13:42.000Z"),
        ("2025-11-22T18:13:42", "2025-11-22T18:13:42.000Z"),
        ("2025-11-22t18:13z", "2025-11-22T18:13:00.000Z"),
        ("2025-11-22 18:13:42.5", "2025-11-22T18:13:42.500Z"),
        ("2025-11-22", "2025-11-22T00:00:00.000Z"),
        ("2025-01-01T00:30:00+01:00", "2024-12-31T23:30:00.000Z"),
        ("2024-02-29T23:59:59.999-00:01", "2024-03-01T00:00:59.999Z"),
        ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),
        ("0000-01-01T00:00:00Z", "0000-01-01T00:00:00.000Z"),
        ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
        ("1600-03-01", "1600-03-01T00:00:00.000Z"),
    ])
    func normalizesToUTCMilliseconds(input: String, expected: String) throws {
        #expect(try #require(Timestamp(input)).text == expected)
    }

    @Test(arguments: [
        "", "2025", "2025-11", "2025-13-01", "2025-02-29", "2025-11-31", "2025-11-22T24:00:00Z", "2025-11-22T18:60Z",
        "2025-11-22T18:13:60Z", "2025-11-22T18:13:42.Z", "2025-11-22T18:13:42.1234567890Z", "2025-11-22T18",
        "2025-11-22T18:13:42+1", "2025-11-22T18:13:42+01:60", "2025-11-22T18:13:42 Z", "2025-11-22X18:13",
        "0000-01-01T00:00:00+00:01", "9999-12-31T23:59:59-00:01", "25-11-22", "２０２５-11-22", "2025-11-22T18:13:42ZZ",
    ])
    func rejectsMalformedOrOutOfRange(input: String) {
        #expect(Timestamp(input) == nil)
    }

    @Test func ordersAsInstants() throws {
        let a = try #require(Timestamp("2025-01-01T01:00:00+01:00"))
        let b = try #require(Timestamp("2025-01-01T00:00:00.001Z"))
        #expect(a < b)
        #expect(a.millisecondsSinceEpoch == 1_735_689_600_000)
        #expect(Timestamp(millisecondsSinceEpoch: 0)?.text == "1970-01-01T00:00:00.000Z")
    }

    @Test(arguments: [-800_000, -1, 0, 1, 59, 365, 11_016, 2_932_896])
    func calendarDaysRoundTrip(days: Int) throws {
        let date = CalendarDate(daysSinceEpoch: days)
        #expect(date.daysSinceEpoch == days)
        if (0...9999).contains(date.year) { #expect(CalendarDate(date.text) == date) }
    }

    @Test(arguments: [
        ("2024-02-29", true), ("2023-02-29", false), ("1900-02-29", false), ("2000-02-29", true),
        ("2025-1-01", false), ("2025-01-01T00:00:00Z", false),
    ])
    func calendarDates(text: String, valid: Bool) {
        #expect((CalendarDate(text) != nil) == valid)
    }
}
