import Foundation
import Testing
@testable import CortexNumerics

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
        var rng = SplittableRandom(seed: 11)
        for length in 0...300 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
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

    @Test("a file's digest, streamed, equals Python's hashlib on the same file")
    func file() throws {
        // python3 -c "import hashlib; print(hashlib.sha256(open('Tests/CortexNumericsTests/Fixtures/linalg/reference.json','rb').read()).hexdigest())"
        let url = Fixtures.url("linalg/reference.json")
        #expect(try SHA256.hexDigest(ofFile: url) == "68a0ed82bd3c8bbfba6900f4d215fdba1778aa0117543a40aaef908a65b44dcc")
    }
}
