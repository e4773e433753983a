import Testing
@testable import CortexReports

@Suite("CortexReports module")
struct CortexReportsModuleTests {
    @Test("the module links") func links() { #expect(type(of: CortexReports.self) == CortexReports.Type.self) }
}
