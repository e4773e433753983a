import CortexNumerics
import Foundation
import Testing

@Suite("File format versions and renamed keys")
struct FormatTests {
    @Test("a reader reads its own and older major versions, refuses newer ones, and tells other formats apart")
    func compatibility() {
        let v = FormatVersion("cortexkit-features", major: 2)
        #expect(v.description == "cortexkit-features/2")
        #expect(v.compatibility(of: "cortexkit-features/2") == .readable(major: 2))
        #expect(v.compatibility(of: "cortexkit-features/1") == .readable(major: 1))
        #expect(v.compatibility(of: "cortexkit-features/3") == .newer(major: 3))
        for other in ["cortexkit-responses/1", "cortexkit-features", "cortexkit-features/x", "cortexkit-features/0", ""] {
            #expect(v.compatibility(of: other) == .otherFormat, "\(other)")
        }
    }

    struct Renamed: Decodable, Equatable {
        var standardError: Double?
        var unitShape: [Int]
        enum CodingKeys: String, CodingKey { case standardError = "standard_error", unitShape = "unit_shape" }
        init(standardError: Double?, unitShape: [Int]) { self.standardError = standardError; self.unitShape = unitShape }
        init(from decoder: any Decoder) throws {
            let c = try RenamedKeys(decoder, CodingKeys.self, renamed: [.standardError: "standardError", .unitShape: "unitShape"])
            standardError = try c.decodeIfPresent(Double.self, forKey: .standardError)
            unitShape = try c.decode([Int].self, forKey: .unitShape)
        }
    }

    @Test("renamed keys decode under the new name, the old name, or neither (optional); the new name wins")
    func renamedKeys() throws {
        func decode(_ json: String) throws -> Renamed { try JSONDecoder().decode(Renamed.self, from: Data(json.utf8)) }
        #expect(try decode(#"{"standard_error": 0.5, "unit_shape": [1, 2]}"#) == Renamed(standardError: 0.5, unitShape: [1, 2]))
        #expect(try decode(#"{"standardError": 0.5, "unitShape": [1, 2]}"#) == Renamed(standardError: 0.5, unitShape: [1, 2]))
        #expect(try decode(#"{"unit_shape": [3]}"#) == Renamed(standardError: nil, unitShape: [3]))
        #expect(try decode(#"{"unit_shape": [3], "unitShape": [4]}"#).unitShape == [3])
        #expect(throws: DecodingError.self) { try decode(#"{"standard_error": 1}"#) }
    }

    @Test("the algorithm version is a positive integer")
    func algorithmVersion() { #expect(CortexAlgorithms.version >= 1) }
}
