import CortexNumerics
import Testing
@testable import CortexSimilarity

/// The Gram of wide blocks, cut into one part per core (each scanned or shifted and multiplied by
/// its own single-threaded syrk), against the plain Double computation.
@Suite struct GramPartsTests {
    /// rows × columns Float data with a per-row offset (so `.rows` centring matters) and two identical rows.
    static func data(rows: Int, columns: Int) -> NDArray<Float> {
        let g = gaussian(rows, columns, seed: 91)
        var x = NDArray<Float>(shape: [rows, columns]) { Float(g.scalars[$0]) + Float($0 / columns % 5) }
        for j in 0..<columns { x[rows - 1, j] = x[0, j] }
        return x
    }

    /// Σⱼ (xᵢⱼ − x̄ᵢ)(xₖⱼ − x̄ₖ) (`.rows`) or Σⱼ xᵢⱼxₖⱼ (`.none`) in Double.
    static func reference(_ x: NDArray<Float>, centred: Bool) -> [Double] {
        let (n, p) = (x.rows, x.columns)
        let means = (0..<n).map { i in centred ? (0..<p).reduce(0.0) { $0 + Double(x[i, $1]) } / Double(p) : 0 }
        var g = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for k in 0..<n {
            var s = 0.0
            for j in 0..<p { s += (Double(x[i, j]) - means[i]) * (Double(x[k, j]) - means[k]) }
            g[i * n + k] = s
        } }
        return g
    }

    @Test(arguments: [GramCentring.none, .rows])
    func widePartsEqualThePlainGram(centring: GramCentring) throws {
        let x = Self.data(rows: 12, columns: 5000)
        // One block of 5,000 columns (two parts) and blocks of 1,100 + a remainder (parts of 550).
        for width in [5000, 1100] {
            let g = try GramAccumulator<Float>.gram(of: x, centring: centring, blockColumns: width)
            let want = Self.reference(x, centred: centring == .rows)
            let scale = want.map(abs).max()!
            for (a, b) in zip(g.scalars, want) { #expect(abs(a - b) <= 2e-5 * scale, "width \(width)") }
            #expect(g[0, 0] == g[11, 11], "identical rows, identical diagonals (width \(width))")
            #expect(g[0, 5] == g[5, 0])
        }
    }

    @Test(arguments: [GramCentring.none, .rows])
    func aNonFiniteEntryInTheSecondPartIsNamed(centring: GramCentring) {
        var x = Self.data(rows: 12, columns: 5000)
        x[7, 4321] = .nan
        x[9, 4000] = .infinity
        #expect(throws: SimilarityError.nonFiniteEntry(operand: .first, row: 7, column: 4321)) {
            try GramAccumulator<Float>.gram(of: x, centring: centring, blockColumns: 5000)
        }
        x[3, 10] = -.infinity      // now the first part holds the first bad entry in row order
        #expect(throws: SimilarityError.nonFiniteEntry(operand: .first, row: 3, column: 10)) {
            try GramAccumulator<Float>.gram(of: x, centring: centring, blockColumns: 5000)
        }
    }

    @Test func defaultWidthFollowsTheRowCount() {
        #expect(GramAccumulator<Float>.blockWidth(rows: 899) == 9216)
        #expect(GramAccumulator<Float>.blockWidth(rows: 3599) == 2304)
        #expect(GramAccumulator<Float>.blockWidth(rows: 10) == 16384)
        #expect(GramAccumulator<Double>.blockWidth(rows: 100_000) == 2048)
    }
}
