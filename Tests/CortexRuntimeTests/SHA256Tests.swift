import Foundation
import Testing
@testable import CortexRuntime

@Suite("SHA-256")
struct SHA256Tests {
    /// FIPS 180-4 / NIST example vectors.
    @Test("NIST test vectors", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func vectors(message: String, digest: String) {
        let hash = SHA256()
        hash.update(Array(message.utf8))
        #expect(hash.hexDigest() == digest)
        var reference = SHA256Reference()
        reference.update(Array(message.utf8))
        #expect(reference.hexDigest() == digest)
    }

    @Test("OpenSSL and the portable reference agree on random messages of every length up to 300 bytes")
    func opensslMatchesReference() {
        var state: UInt64 = 11    // a linear congruential stream (Knuth's MMIX constants): any fixed bytes do
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        for length in 0...300 {
            let bytes = (0..<length).map { _ in next() }
            let fast = SHA256()
            fast.update(bytes)
            var slow = SHA256Reference()
            slow.update(bytes)
            #expect(fast.digest() == slow.digest(), "length \(length)")
        }
    }

    @Test("one million 'a' fed in uneven pieces")
    func million() {
        let hash = SHA256()
        var remaining = 1_000_000
        var piece = 1
        while remaining > 0 {
            let n = min(piece, remaining)
            hash.update([UInt8](repeating: 0x61, count: n))
            remaining -= n
            piece = piece * 3 % 997 + 1
        }
        #expect(hash.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a file's digest equals hashlib's digest of its bytes")
    func file() throws {
        // 5 MiB of 'a' (one read); python3 -c "import hashlib; print(hashlib.sha256(b'a' * (5 << 20)).hexdigest())"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cortexkit-sha256-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(repeating: 0x61, count: 5 << 20).write(to: url)
        #expect(try SHA256.hexDigest(ofFile: url) == "a29968fad2e782aa9f2040a35f05adb97ed8979eb1f572c8c8ea78637e275f3c")
    }

    @Test("a file longer than the read buffer (three reads, a partial last one) and a missing file")
    func longFile() throws {
        // 17 MiB + 123 bytes of 'a'; python3 -c "import hashlib; print(hashlib.sha256(b'a' * ((17 << 20) | 123)).hexdigest())"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cortexkit-sha256-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(repeating: 0x61, count: (17 << 20) | 123).write(to: url)
        #expect(try SHA256.hexDigest(ofFile: url) == "8b15f56cfaf487e1ae17ec214184db0fc11985645ae7a6e18f517284067c8732")
        #expect(throws: (any Error).self) { try SHA256.hexDigest(ofFile: url.appendingPathExtension("missing")) }
    }

    @Test("a file of several 32 MiB windows and a partial one, an empty file, and a special file that is read, not mapped")
    func mappedWindows() throws {
        // 70 MiB + 5 bytes of 'a'; python3 -c "import hashlib; print(hashlib.sha256(b'a' * ((70 << 20) | 5)).hexdigest())"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cortexkit-sha256-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(repeating: 0x61, count: (70 << 20) | 5).write(to: url)
        #expect(try SHA256.hexDigest(ofFile: url) == "9785b6faaf63954676fedb70d4621064efde86465c8475537c9617134f73af19")
        try Data().write(to: url)
        #expect(try SHA256.hexDigest(ofFile: url) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(try SHA256.hexDigest(ofFile: URL(fileURLWithPath: "/dev/null"))
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("a file that grows or shrinks while it is hashed is an error naming it, not a digest")
    func changedWhileHashed() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cortexkit-sha256-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        for change in [(33 << 20), (40 << 20)] {          // cut inside the second window; grow by 6 MiB
            try Data(repeating: 0x61, count: 34 << 20).write(to: url)
            var changed = false
            do {
                _ = try SHA256.hexDigest(ofFile: url, afterWindow: { _ in
                    guard !changed else { return }
                    changed = true
                    let handle = try FileHandle(forWritingTo: url)
                    try handle.truncate(atOffset: UInt64(change))
                    try handle.close()
                })
                Issue.record("no error for a file resized to \(change) bytes while hashed")
            } catch {
                #expect(changed)
                #expect(error.localizedDescription.contains(url.path))
                #expect(error.localizedDescription.contains("changed size"))
            }
        }
        // Unchanged between windows: the same digest as without the hook.
        try Data(repeating: 0x61, count: (70 << 20) | 5).write(to: url)
        var windows: [Int] = []
        #expect(try SHA256.hexDigest(ofFile: url, afterWindow: { windows.append($0) })
            == "9785b6faaf63954676fedb70d4621064efde86465c8475537c9617134f73af19")
        #expect(windows == [32 << 20, 64 << 20, (70 << 20) | 5])
    }
}
