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
/// try SHA256.hexDigest(ofFile: url)   // streams the file from the page cache
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

    /// The hex digest of a file, hashed straight from the page cache: 32 MiB windows mapped
    /// read-only with `MAP_POPULATE` (no copy into a buffer: a tenth of the CPU time of hashing a
    /// 1 GB session went to that copy). The file's size is checked before each window, so only
    /// bytes that exist are mapped, and again at the end: a file whose size changed while it was
    /// hashed is an error (pages cut off while mapped may read as zeros, or raise SIGBUS, for
    /// which `cortex` prints one error line). Where mapping fails (e.g. a
    /// pipe or a special file) the file is read in 8 MiB pieces into one buffer instead.
    public static func hexDigest(ofFile url: URL) throws -> String {
        try hexDigest(ofFile: url, afterWindow: nil)
    }

    /// ``hexDigest(ofFile:)`` calling `afterWindow` with the bytes hashed so far after each mapped
    /// window (the tests change the file there).
    static func hexDigest(ofFile url: URL, afterWindow: ((Int) throws -> Void)?) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let fd = handle.fileDescriptor
        let hash = SHA256()
        let window = 32 << 20
        var offset = 0
        var firstSize: Int?
        while true {
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { break }
            let size = Int(info.st_size)
            if firstSize == nil { firstSize = size }
            // A file that changed size while hashed: its pages may have read as zeros.
            guard size == firstSize else { throw changedError(url) }
            if offset >= size { return hash.hexDigest() }
            let length = min(window, size - offset)
            guard let mapping = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, off_t(offset)),
                  mapping != MAP_FAILED else { break }
            hash.update(UnsafeRawBufferPointer(start: mapping, count: length))
            munmap(mapping, length)
            offset += length
            try afterWindow?(offset)
        }
        // Not mappable: read from `offset` on.
        guard lseek(fd, off_t(offset), SEEK_SET) == off_t(offset) else { throw readError(url) }
        let capacity = 8 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer, capacity)
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw readError(url)
            }
            hash.update(UnsafeRawBufferPointer(start: buffer, count: count))
        }
        return hash.hexDigest()
    }

    private static func changedError(_ url: URL) -> CocoaError {
        CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path,
            NSLocalizedDescriptionKey: "\(url.path) changed size while it was being hashed; hash it again once it is complete"])
    }

    private static func readError(_ url: URL) -> CocoaError {
        CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path,
            NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(errno))])
    }
}
