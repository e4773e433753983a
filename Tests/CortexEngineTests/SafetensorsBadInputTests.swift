import Foundation
import Testing
@testable import CortexEngine

/// Crafted safetensors files are typed errors naming the problem — never a trap or a huge allocation.
@Suite("Safetensors: bad input")
struct SafetensorsBadInputTests {
    /// A file of `header` JSON followed by `data` bytes.
    static func file(_ header: String, data: [UInt8]) -> [UInt8] {
        var json = Array(header.utf8)
        while json.count % 8 != 0 { json.append(0x20) }
        return withUnsafeBytes(of: UInt64(json.count).littleEndian, Array.init) + json + data
    }

    static func reason(_ bytes: [UInt8]) -> String? {
        do {
            _ = try SafetensorsFile(bytes: bytes, path: "crafted.safetensors")
            return nil
        } catch {
            guard case .malformed(let path, let reason) = error, path == "crafted.safetensors" else { return "\(error)" }
            return reason
        }
    }

    @Test("a shape whose byte count overflows is an error, not a trap")
    func overflowingShape() throws {
        let bytes = Self.file(#"{"w":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])
        let reason = try #require(Self.reason(bytes))
        #expect(reason.contains("'w'") && reason.contains("overflows"))
    }

    @Test("overlapping tensor byte ranges are refused")
    func overlappingRanges() throws {
        let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        let reason = try #require(Self.reason(Self.file(header, data: Array(repeating: 0, count: 12))))
        #expect(reason == "'a' [0, 8) and 'b' [4, 12) overlap")
        // adjacent ranges are fine
        let adjacent = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        #expect(Self.reason(Self.file(adjacent, data: Array(repeating: 0, count: 12))) == nil)
    }

    @Test("offsets beyond the file, negative, fractional or huge numbers are refused")
    func outOfFileOffsets() throws {
        for offsets in ["[0,1e30]", "[-8,0]", "[0.5,4]", "[0,9223372036854775807]", "[0,18446744073709551615]"] {
            let header = "{\"a\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":\(offsets)}}"
            let header2 = header.replacingOccurrences(of: "U8", with: "F32")
            #expect(Self.reason(Self.file(header2, data: [0, 0, 0, 0])) != nil, "\(offsets)")
        }
        for shape in ["[1e30]", "[-1]", "[\"4\"]", "[2.5]"] {
            let header = "{\"a\":{\"dtype\":\"F32\",\"shape\":\(shape),\"data_offsets\":[0,4]}}"
            #expect(Self.reason(Self.file(header, data: [0, 0, 0, 0])) != nil, "\(shape)")
        }
    }

    @Test("a PyTorch checkpoint given as safetensors names the converter")
    func pytorchCheckpoint() throws {
        let zip: [UInt8] = Array("PK\u{3}\u{4}".utf8) + Array(repeating: 0, count: 60)
        let pickle: [UInt8] = [0x80, 0x02, 0x7D, 0x71, 0x00, 0x28] + Array(repeating: 0x2E, count: 20)
        for bytes in [zip, pickle] {
            let reason = try #require(Self.reason(bytes))
            #expect(reason.contains("PyTorch checkpoint") && reason.contains("scripts/convert_pth_to_safetensors.py"))
        }
    }

    @Test("a checkpoint that misfits every tensor is summarised in one short line")
    func mismatchSummary() {
        let list = (0..<40).map { CheckpointMismatch.shape(name: "layer\($0).weight", expected: [8, 8, 3, 3], found: [16, 16, 3, 3]) }
            + [.missing(name: "fc.bias")]
        let text = CheckpointError.mismatches(list).description
        #expect(text.count < 400 && !text.contains("\n"), "\(text.count) characters")
        #expect(text.contains("41 tensors differ (1 missing, 40 shape)"))
        #expect(text.contains("(38 more)"))
        let two = CheckpointError.mismatches(Array(list.prefix(2))).description
        #expect(two.contains("layer0.weight") && two.contains("layer1.weight") && !two.contains("more"))
    }
}
