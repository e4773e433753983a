import ArgumentParser
import CortexKit

/// The `cortex` command: similarity analysis between mouse visual cortex and spiking networks.
struct Cortex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cortex",
        abstract: "Compare how deep spiking networks and mouse visual cortex represent a natural movie.",
        version: CortexKitVersion.string,
        subcommands: [DoctorCommand.self, SelfTestCommand.self, InspectCommand.self, ResponsesCommand.self,
                      CompareCommand.self, ReportCommand.self, SimilarityCommand.self, CeilingCommand.self,
                      ModelsCommand.self, FeaturesCommand.self, TrainCommand.self, EvaluateCommand.self, SearchCommand.self]
    )
}

AllocatorPolicy.keepLargeBlocks()
CrashLine.install(arguments: CommandLine.arguments)
CommandLineRunner.main(Cortex.self)
