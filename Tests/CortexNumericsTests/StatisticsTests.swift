import Foundation
import Testing
@testable import CortexNumerics

extension Fixtures {
    /// Decodes a fixture written by `scripts/reference/stats_reference.py` (snake_case keys,
    /// non-finite numbers as the strings "NaN", "Infinity", "-Infinity").
    static func statsJSON<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(T.self, from: Data(contentsOf: url("stats/" + name)))
    }
}

/// Quantile and moment references come from NumPy via `scripts/reference/stats_reference.py`
/// (fixtures `Fixtures/stats/quantile.json` and `matrix_moments.json`).
@Suite("Statistics")
struct StatisticsTests {
    struct QuantileCase: Decodable {
        let name: String
        let values: [Double]
        let q: [Double]
        let quantiles: [String: [Double]]
        let median: Double
    }
    struct NaNQuantileCase: Decodable {
        let values: [Double]
        let q: [Double]
        let nanquantileLinear: [Double]
        let nanmedian: Double
    }
    struct QuantileFixture: Decodable {
        let cases: [QuantileCase]
        let nanCase: NaNQuantileCase
    }
    struct MatrixFixture: Decodable {
        let rows: Int
        let columns: Int
        let scalars: [Double]
        let columnMeans: [Double]
        let rowMeans: [Double]
        let columnCentred: [Double]
        let rowCentred: [Double]
        let columnSumsOfSquares: [Double]
        let rowSumsOfSquares: [Double]
        let columnNorms: [Double]
        let rowNorms: [Double]
        let frobeniusNorm: Double
        let mean: Double
        let varianceDdof0: Double
        let varianceDdof1: Double
    }

    static func method(named name: String) -> QuantileMethod? {
        switch name {
        case "linear": return .linear
        case "lower": return .lower
        case "higher": return .higher
        case "nearest": return .nearest
        case "midpoint": return .midpoint
        default: return nil
        }
    }

    // MARK: Quantiles

    @Test("every quantile method matches numpy.quantile bit for bit, odd and even n")
    func quantilesMatchNumPy() throws {
        let fixture = try Fixtures.statsJSON("quantile.json", as: QuantileFixture.self)
        #expect(fixture.cases.count >= 6)
        for item in fixture.cases {
            #expect(Set(item.quantiles.keys) == ["linear", "lower", "higher", "nearest", "midpoint"])
            for (name, expected) in item.quantiles {
                let method = try #require(Self.method(named: name))
                #expect(try Statistics.quantiles(item.values, item.q, method: method) == expected, "\(item.name) \(name)")
                for (q, value) in zip(item.q, expected) {
                    #expect(try Statistics.quantile(item.values, q, method: method) == value, "\(item.name) \(name) q=\(q)")
                }
            }
            #expect(try Statistics.median(item.values) == item.median, "\(item.name)")
            #expect(try Statistics.quantile(item.values, 0.5) == item.median, "\(item.name)")
        }
    }

    @Test("Float input gives the Double result rounded to Float")
    func floatQuantiles() throws {
        let fixture = try Fixtures.statsJSON("quantile.json", as: QuantileFixture.self)
        let item = try #require(fixture.cases.first { $0.name == "even_8" })
        let floats = item.values.map { Float($0) }   // exact: the values are short binary fractions
        for (name, expected) in item.quantiles {
            let method = try #require(Self.method(named: name))
            #expect(try Statistics.quantiles(floats, item.q, method: method) == expected.map { Float($0) }, "\(name)")
        }
        #expect(try Statistics.median(floats) == Float(item.median))
    }

    @Test("NaN policies for quantiles: .omit is nanquantile, .propagate is NaN, .error throws")
    func quantileNaNPolicies() throws {
        let item = try Fixtures.statsJSON("quantile.json", as: QuantileFixture.self).nanCase
        #expect(try Statistics.quantiles(item.values, item.q, nans: .omit) == item.nanquantileLinear)
        #expect(try Statistics.median(item.values, nans: .omit) == item.nanmedian)
        #expect(try Statistics.quantile(item.values, 0.3, nans: .propagate).isNaN)
        #expect(try Statistics.median(item.values, nans: .propagate).isNaN)
        #expect(throws: StatisticsError.nanEncountered(index: 1)) { try Statistics.quantile(item.values, 0.5) }
        #expect(throws: StatisticsError.noValues) { try Statistics.quantile([Double](), 0.5) }
        #expect(throws: StatisticsError.noValues) { try Statistics.median([Double.nan, .nan], nans: .omit) }
    }

    @Test("quantiles run from the minimum to the maximum and never decrease in q")
    func quantileMonotone() throws {
        var rng = SplittableRandom(seed: 31)
        let values = (0..<257).map { _ in rng.normal(mean: 3, standardDeviation: 2) }
        let qs = (0...200).map { Double($0) / 200 }
        for method in QuantileMethod.allCases {
            let result = try Statistics.quantiles(values, qs, method: method)
            #expect(result.first == values.min() && result.last == values.max(), "\(method)")
            #expect(zip(result, result.dropFirst()).allSatisfy { $0 <= $1 }, "\(method)")
        }
    }

    @Test("interpolation with weight 0 next to an infinity returns the finite value; median avoids overflow")
    func quantileEdges() throws {
        #expect(try Statistics.quantile([1, 2, .infinity], 0.5) == 2)
        #expect(try Statistics.median([Double.greatestFiniteMagnitude, .greatestFiniteMagnitude]) == .greatestFiniteMagnitude)
        #expect(try Statistics.median([5.0]) == 5)
        #expect(try Statistics.quantile([5.0], 0.7, method: .midpoint) == 5)
    }

    // MARK: Matrix moments and norms

    @Test("the fixture matrix is sin(7i + 3j) + 0.1j")
    func fixtureFormula() throws {
        let f = try Fixtures.statsJSON("matrix_moments.json", as: MatrixFixture.self)
        for i in 0..<f.rows {
            for j in 0..<f.columns {
                let value = sin(Double(7 * i + 3 * j)) + 0.1 * Double(j)
                #expect(abs(value - f.scalars[i * f.columns + j]) < 1e-15)
            }
        }
    }

    @Test("matrix means, centring, sums of squares and norms match NumPy (Double)")
    func matrixMatchesNumPy() throws {
        let f = try Fixtures.statsJSON("matrix_moments.json", as: MatrixFixture.self)
        let x = NDArray<Double>(rows: f.rows, columns: f.columns, scalars: f.scalars)
        expectClose(x.columnMeans(), f.columnMeans)
        expectClose(x.rowMeans(), f.rowMeans)
        #expect(x.columnCentred().shape == [f.rows, f.columns])
        expectClose(x.columnCentred().scalars, f.columnCentred)
        expectClose(x.rowCentred().scalars, f.rowCentred)
        expectClose(x.columnSumsOfSquares(), f.columnSumsOfSquares)
        expectClose(x.rowSumsOfSquares(), f.rowSumsOfSquares)
        expectClose(x.columnNorms(), f.columnNorms)
        expectClose(x.rowNorms(), f.rowNorms)
        expectClose([x.frobeniusNorm(), x.mean(), x.variance(), x.variance(ddof: 1)],
                    [f.frobeniusNorm, f.mean, f.varianceDdof0, f.varianceDdof1])
        expectClose([Statistics.mean(f.scalars), Statistics.variance(f.scalars), Statistics.variance(f.scalars, ddof: 1)],
                    [f.mean, f.varianceDdof0, f.varianceDdof1])
    }

    @Test("Float matrices give the Double results to Float precision")
    func matrixFloat() throws {
        let f = try Fixtures.statsJSON("matrix_moments.json", as: MatrixFixture.self)
        let x = NDArray<Float>(rows: f.rows, columns: f.columns, scalars: f.scalars.map { Float($0) })
        let tolerance = 1e-6
        expectClose(x.columnMeans().map(Double.init), f.columnMeans, tolerance: tolerance)
        expectClose(x.rowMeans().map(Double.init), f.rowMeans, tolerance: tolerance)
        expectClose(x.columnCentred().scalars.map(Double.init), f.columnCentred, tolerance: tolerance)
        expectClose(x.rowCentred().scalars.map(Double.init), f.rowCentred, tolerance: tolerance)
        expectClose(x.columnNorms().map(Double.init), f.columnNorms, tolerance: tolerance)
        expectClose(x.rowSumsOfSquares().map(Double.init), f.rowSumsOfSquares, tolerance: tolerance)
        expectClose([Double(x.frobeniusNorm()), Double(x.variance(ddof: 1))],
                    [f.frobeniusNorm, f.varianceDdof1], tolerance: tolerance)
    }

    @Test("centred columns and rows have zero mean; norms agree with sums of squares")
    func centringProperties() {
        var rng = SplittableRandom(seed: 32)
        let x = NDArray<Double>.normal(shape: [300, 40], mean: 50, standardDeviation: 3, using: &rng)
        let columnCentred = x.columnCentred()
        #expect(columnCentred.columnMeans().allSatisfy { abs($0) < 1e-12 })
        #expect(x.rowCentred().rowMeans().allSatisfy { abs($0) < 1e-12 })
        // Centring changes the data (the means were about 50).
        #expect(x.columnMeans().allSatisfy { abs($0 - 50) < 1 })
        let frobeniusSquared = x.frobeniusNorm() * x.frobeniusNorm()
        expectClose([x.columnSumsOfSquares().reduce(0, +), x.rowSumsOfSquares().reduce(0, +)],
                    [frobeniusSquared, frobeniusSquared])
        expectClose(x.columnNorms().map { $0 * $0 }, x.columnSumsOfSquares())
        expectClose(x.rowNorms().map { $0 * $0 }, x.rowSumsOfSquares())
        // Column variance (ddof 1) from the centred sums of squares.
        let n = Double(x.rows)
        let column0 = x.column(0)
        expectClose([columnCentred.columnSumsOfSquares()[0] / (n - 1)], [Statistics.variance(column0, ddof: 1)])
    }

    @Test("norms survive squares that overflow or underflow")
    func robustNorms() {
        let big = NDArray<Double>(rowArrays: [[1e200, 1e200], [3e200, 4e200]])
        expectClose(big.rowNorms(), [2.squareRoot() * 1e200, 5e200])
        expectClose(big.columnNorms(), [10.squareRoot() * 1e200, 17.squareRoot() * 1e200])
        expectClose([big.frobeniusNorm()], [27.squareRoot() * 1e200])
        let tiny = NDArray<Double>(rowArrays: [[3e-170, 4e-170]])
        expectClose(tiny.rowNorms(), [5e-170])
        #expect(NDArray<Double>(rowArrays: [[0, 0]]).rowNorms() == [0])
        #expect(NDArray<Double>(rowArrays: [[1, .infinity]]).frobeniusNorm() == .infinity)
        #expect(NDArray<Double>(rowArrays: [[1, .nan]]).frobeniusNorm().isNaN)
    }

    @Test("Float sums accumulate in Double: the mean of 10⁶ copies of 0.1 is Float(0.1)")
    func floatAccumulation() {
        let values = [Float](repeating: 0.1, count: 1_000_000)
        #expect(Statistics.mean(values) == Float(0.1))
        let x = NDArray<Float>(rows: 1_000_000, columns: 1, scalars: values)
        #expect(x.columnMeans() == [Float(0.1)])
        #expect(Statistics.variance(values) == 0)
        // A naive Float running sum drifts far from 100 000.
        #expect(abs(values.reduce(Float(0), +) - 100_000) > 1)
    }

    @Test("variance follows ddof; n ≤ ddof and empty inputs give NaN like NumPy")
    func varianceDdof() {
        let values: [Double] = [1, 2, 3, 4]
        #expect(Statistics.variance(values) == 1.25)
        #expect(Statistics.variance(values, ddof: 1) == 5.0 / 3)
        #expect(Statistics.variance(values, ddof: 4).isNaN)
        #expect(Statistics.mean([Double]()).isNaN)
        // The corrected two-pass algorithm is exact for a large offset.
        let offset: [Double] = [1_000_000_001, 1_000_000_002, 1_000_000_003]
        #expect(Statistics.variance(offset, ddof: 1) == 1)
    }
}

/// Element-wise |a − b| ≤ tolerance · max(1, |b|).
private func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-13,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (index, (a, b)) in zip(actual, expected).enumerated() {
        #expect(abs(a - b) <= tolerance * max(1, abs(b)), "[\(index)] \(a) vs \(b)", sourceLocation: sourceLocation)
    }
}
