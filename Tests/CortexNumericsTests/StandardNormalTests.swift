import Testing
@testable import CortexNumerics

@Suite("Standard normal CDF and quantile")
struct StandardNormalTests {
    /// Python's `statistics.NormalDist().inv_cdf(p)` (stdlib, independent of CortexKit):
    ///     python3 -c "from statistics import NormalDist as N; print(repr(N().inv_cdf(p)))"
    static let quantiles: [(Double, Double)] = [
        (1e-300, -37.0470962993612), (1e-20, -9.262340089798405), (1e-8, -5.61200124417479),
        (0.001, -3.090232306167813), (0.025, -1.9599639845400538), (0.1, -1.2815515655446008),
        (0.3, -0.5244005127080407), (0.5, 0), (0.7, 0.5244005127080407), (0.975, 1.9599639845400536),
        (0.999999, 4.753424308817089),
    ]

    @Test("quantiles equal Python's NormalDist.inv_cdf to 1e-13 relative")
    func quantilesMatchPython() {
        for (p, expected) in Self.quantiles {
            let x = StandardNormal.quantile(p)
            #expect(abs(x - expected) <= 1e-13 * max(1, abs(expected)), "p \(p): \(x) vs \(expected)")
        }
        #expect(StandardNormal.quantile(0) == -.infinity && StandardNormal.quantile(1) == .infinity)
        #expect(StandardNormal.quantile(-0.1).isNaN && StandardNormal.quantile(1.5).isNaN)
    }

    @Test("CDF equals NormalDist.cdf; Φ(Φ⁻¹(p)) = p; symmetry")
    func cdf() {
        // NormalDist().cdf(-3.5), NormalDist().cdf(1.2)
        #expect(abs(StandardNormal.cdf(-3.5) - 0.0002326290790355401) <= 1e-15)
        #expect(abs(StandardNormal.cdf(1.2) - 0.8849303297782917) <= 1e-15)
        for p in stride(from: 0.001, to: 1, by: 0.0137) {
            #expect(abs(StandardNormal.cdf(StandardNormal.quantile(p)) - p) <= 1e-14)
            #expect(StandardNormal.quantile(p) == -StandardNormal.quantile(1 - p) || abs(StandardNormal.quantile(p) + StandardNormal.quantile(1 - p)) <= 1e-14)
        }
    }
}
