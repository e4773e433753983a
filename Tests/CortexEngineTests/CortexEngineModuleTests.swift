import Testing
@testable import CortexEngine

@Suite("CortexEngine module")
struct CortexEngineModuleTests {
    @Test("the module links") func links() { #expect(type(of: CortexEngine.self) == CortexEngine.Type.self) }
}
