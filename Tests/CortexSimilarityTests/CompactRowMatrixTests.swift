import CortexNumerics
import Foundation
import Testing
@testable import CortexSimilarity

@Suite("Compact row matrices (lossless kept layer outputs)")
struct CompactRowMatrixTests {
    /// Appends `values` (rows × columns) in chunks of `chunk` rows.
    static func filled(_ values: [Float], columns: Int, chunk: Int) -> CompactRowMatrix {
        let rows = values.count / columns
        var m = CompactRowMatrix(columns: columns, expectedRows: rows)
        var start = 0
        while start < rows {
            let end = min(rows, start + chunk)
            m.append(rows: end - start, contentsOf: Array(values[(start * columns)..<(end * columns)]))
            start = end
        }
        return m
    }

    @Test("every encoding reads back bit for bit: spikes, small counts, k/T means, ±0, >256 values (fallback)",
          arguments: [(2, 1), (3, 2), (5, 4), (16, 4), (17, 8), (256, 8), (300, 32)])
    func roundTrip(_ distinct: Int, _ bits: Int) throws {
        var rng = SplittableRandom(seed: UInt64(distinct))
        let (rows, columns) = (37, 301)              // odd sizes: rows straddle words
        let palette: [Float] = (0..<distinct).map { $0 == 1 ? -0.0 : Float($0) * (1 / Float(3)) }
        // Two values first, every value in the second half: the width grows while rows are stored
        // (repacking), or the matrix falls back to Float32 half-way.
        let total = rows * columns
        let values: [Float] = (0..<total).map { k in
            k < total / 2 ? palette[Int(rng.next() % 2)] : palette[(k + Int(rng.next() % 2)) % distinct]
        }
        let m = Self.filled(values, columns: columns, chunk: 5)
        #expect(m.rowCount == rows && m.bitsPerEntry == bits)
        let back = m.decoded(as: Float.self).scalars
        #expect(back.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(m.decoded(as: Double.self).scalars == values.map(Double.init))
    }

    @Test("a column block equals the same columns of the matrix")
    func columnBlocks() throws {
        var rng = SplittableRandom(seed: 4)
        let values: [Float] = (0..<(20 * 150)).map { _ in Float(rng.next() % 3) }
        let m = Self.filled(values, columns: 150, chunk: 6)
        let block = try m.columns(as: Float.self).withColumns(63..<129) { (b) throws(SimilarityError) -> [Float] in
            (0..<b.rows).flatMap { i in (0..<b.columns).map { b.base[i * b.rowStride + $0] } }
        }
        let expected: [Float] = (0..<20).flatMap { i in (63..<129).map { values[i * 150 + $0] } }
        #expect(block == expected)
    }

    @Test("Gram-based preparations of the compact source equal those of the matrix")
    func gramEquality() throws {
        var rng = SplittableRandom(seed: 9)
        let (rows, columns) = (30, 5000)              // > one 2048-column block
        let values: [Float] = (0..<(rows * columns)).map { _ in rng.next() % 4 == 0 ? 1 : 0 }
        let m = Self.filled(values, columns: columns, chunk: 7)
        let floats = NDArray(shape: [rows, columns], scalars: values)
        // TSRSA reads Float32 blocks in both paths: identical bits.
        let tsrsa = TSRSAMetric()
        #expect(try tsrsa.prepare(source: m.columns(as: Float.self)) == tsrsa.prepare(source: floats))
        let doubles = floats.map(Double.init)
        for cka in [CKAMetric(kernel: .linear), CKAMetric(kernel: .rbf(threshold: 1)), CKAMetric(estimator: .unbiased)] {
            let a = try cka.prepare(source: m.columns(as: Double.self)), b = try cka.prepare(doubles)
            #expect(zip(a.scalars, b.scalars).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }, "\(cka.name)")
        }
        let rsa = RSAMetric(distance: .correlation)
        let a = try rsa.prepare(source: m.columns(as: Double.self)), b = try rsa.prepare(doubles)
        #expect(zip(a.dissimilarities, b.dissimilarities).allSatisfy { abs($0 - $1) <= 1e-12 })
    }

    @Test("spikes are stored in 1 bit per unit; 257 distinct values switch to Float32")
    func sizes() {
        var m = CompactRowMatrix(columns: 1024, expectedRows: 100)
        for _ in 0..<10 { m.append(rows: 10, contentsOf: (0..<10_240).map { Float($0 % 2) }) }
        #expect(m.storage == .codes(bitsPerEntry: 1, distinctValues: 2))
        #expect(m.byteCount < 100 * 1024 / 8 + 8192)
        m.append(rows: 1, contentsOf: (0..<1024).map { Float($0) })
        #expect(m.storage == .float32 && m.rowCount == 101)
        #expect(m.decoded(as: Float.self).scalars.prefix(4) == [0, 1, 0, 1])
    }
}
