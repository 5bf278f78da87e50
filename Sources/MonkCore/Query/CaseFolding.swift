/// Unicode simple case folding (CaseFolding.txt statuses C and S), the comparison rule of `$ilike`, `$find`,
/// `$text` and `$search` (API.md §3.3).
///
/// Each scalar maps to exactly one scalar, so folded text has the same number of code points and LIKE's `_`
/// still matches one character. SQLite custom functions call ``fold(_:)`` so both backends agree.
///
/// ```swift
/// CaseFolding.fold("Straße ΣΑΣ")   // "straße σασ"
/// CaseFolding.fold("ſ µ")          // "s μ"
/// ```
package enum CaseFolding {
    /// `text` with every scalar simple-case-folded.
    package static func fold(_ text: some StringProtocol) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { result.append(fold(scalar)) }
        return String(result)
    }

    /// The simple case folding of one scalar.
    ///
    /// Simple folding equals the simple lowercase mapping except for the scalars listed in ``exceptions``
    /// (final sigma, Greek symbol variants, long s, micro sign, Cherokee, which folds to uppercase); scalars
    /// whose lowercase mapping is several scalars (U+0130) have no simple folding and stay.
    package static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x80 {
            guard value >= 0x41, value <= 0x5A, let lower = Unicode.Scalar(value + 32) else { return scalar }
            return lower
        }
        if let mapped = exceptions[value], let folded = Unicode.Scalar(mapped) { return folded }
        // Cherokee small letters fold to the capital letters (the reverse of lowercasing).
        if (0xAB70...0xABBF).contains(value), let capital = Unicode.Scalar(value - 0xAB70 + 0x13A0) { return capital }
        if (0x13F8...0x13FD).contains(value), let capital = Unicode.Scalar(value - 8) { return capital }
        if (0x13A0...0x13F5).contains(value) { return scalar }
        let lowercase = scalar.properties.lowercaseMapping.unicodeScalars
        guard lowercase.count == 1, let single = lowercase.first else { return scalar }
        return single
    }

    /// Scalars whose simple case folding differs from their simple lowercase mapping.
    private static let exceptions: [UInt32: UInt32] = [
        0x00B5: 0x03BC,  // MICRO SIGN → GREEK SMALL LETTER MU
        0x017F: 0x0073,  // LATIN SMALL LETTER LONG S → s
        0x0345: 0x03B9,  // COMBINING GREEK YPOGEGRAMMENI → ι
        0x03C2: 0x03C3,  // GREEK SMALL LETTER FINAL SIGMA → σ
        0x03D0: 0x03B2,  // GREEK BETA SYMBOL → β
        0x03D1: 0x03B8,  // GREEK THETA SYMBOL → θ
        0x03D5: 0x03C6,  // GREEK PHI SYMBOL → φ
        0x03D6: 0x03C0,  // GREEK PI SYMBOL → π
        0x03F0: 0x03BA,  // GREEK KAPPA SYMBOL → κ
        0x03F1: 0x03C1,  // GREEK RHO SYMBOL → ρ
        0x03F5: 0x03B5,  // GREEK LUNATE EPSILON SYMBOL → ε
        0x1E9B: 0x1E61,  // LATIN SMALL LETTER LONG S WITH DOT ABOVE → ṡ
        0x1E9E: 0x00DF,  // LATIN CAPITAL LETTER SHARP S → ß
        0x1FBE: 0x03B9,  // GREEK PROSGEGRAMMENI → ι
        0x1C80: 0x0432, 0x1C81: 0x0434, 0x1C82: 0x043E, 0x1C83: 0x0441,  // Cyrillic small letter variants
        0x1C84: 0x0442, 0x1C85: 0x0442, 0x1C86: 0x044A, 0x1C87: 0x0463, 0x1C88: 0xA64B,
    ]
}
