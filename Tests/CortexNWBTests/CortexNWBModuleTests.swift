import Testing
@testable import CortexNWB

@Suite("CortexNWB module")
struct CortexNWBModuleTests {
    @Test("the module links") func links() { #expect(type(of: CortexNWB.self) == CortexNWB.Type.self) }
}
