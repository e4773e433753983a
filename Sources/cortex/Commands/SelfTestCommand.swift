import ArgumentParser
struct SelfTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "selftest", abstract: "Run a small numeric smoke test.")
    func run() throws {}
}
