import Testing
@testable import CortexSimilarity

@Suite("CortexSimilarity module")
struct CortexSimilarityModuleTests {
    @Test("the module links") func links() { #expect(type(of: CortexSimilarity.self) == CortexSimilarity.Type.self) }
}
