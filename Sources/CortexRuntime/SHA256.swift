import CCrypto
import Foundation

/// SHA-256 (FIPS 180-4) through OpenSSL's libcrypto, for provenance: response files and reports
/// record the digest of every input. OpenSSL uses the CPU's SHA extensions when present
/// (~2 GB/s here), so hashing a 1 GB session costs about half a second.
///
/// A hasher is a reference type (it owns an OpenSSL context); use one from one thread at a time.
///
/// ```swift
/// let hash = SHA256()
/// hash.update(Array("abc".utf8))
/// hash.hexDigest()    // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// try SHA256.hexDigest(ofFile: url)   // streams the file in 8 MiB reads
/// ```
public final class SHA256 {
    private let context: OpaquePointer

    /// A new hasher. Traps only if OpenSSL cannot allocate a context (out of memory).
    public init() {
        guard let context = ck_sha256_new() else { fatalError("SHA256: OpenSSL could not create a digest context") }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds bytes to the message.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Adds bytes to the message.
    public func update<Bytes: ContiguousBytes>(_ bytes: Bytes) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 32-byte digest of everything added so far (the hasher can keep accepting bytes).
    public func digest() -> [UInt8] {
        let copy = EVP_MD_CTX_new()!
        defer { EVP_MD_CTX_free(copy) }
        EVP_MD_CTX_copy_ex(copy, context)
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(copy, &out, &length)
        return Array(out.prefix(Int(length)))
    }

    /// The digest as 64 lowercase hexadecimal digits.
    public func hexDigest() -> String {
        digest().map { String(format: "%02x", $0) }.joined()
    }

    /// The hex digest of a file, read in 8 MiB pieces into one buffer allocated once (a fresh
    /// buffer per piece cost a page fault and a page clearing per 4 KiB: a quarter of the CPU time
    /// of hashing a 1 GB session). Not memory-mapped: a file truncated while being hashed gives a
    /// read error, never a crash.
    public static func hexDigest(ofFile url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let fd = handle.fileDescriptor
        let hash = SHA256()
        let capacity = 8 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer, capacity)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path,
                    NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(errno))])
            }
            hash.update(UnsafeRawBufferPointer(start: buffer, count: count))
        }
        return hash.hexDigest()
    }
}
