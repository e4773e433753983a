import Testing
@testable import CortexModels

@Suite("CortexModels module")
struct CortexModelsModuleTests {
    @Test("the module links") func links() { #expect(type(of: CortexModels.self) == CortexModels.Type.self) }
}
