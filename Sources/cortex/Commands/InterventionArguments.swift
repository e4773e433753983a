import ArgumentParser
import CortexKit

extension InterventionOptions.Layers: ExpressibleByArgument {}

/// `--intervention`, `--intervention-repeats`, `--intervention-layers` of `cortex compare`
/// (checkpoint models): the temporal interventions of ``Intervention``.
struct InterventionArguments: ParsableArguments {
    @Option(name: .customLong("intervention"),
            help: "Temporal intervention on the movie for --checkpoint models: shuffle:W, replace-noise:W, front:N or clips:LxK (repeat for several).")
    var spellings: [String] = []

    @Option(name: .customLong("intervention-repeats"), help: "Repeats of each intervention, averaged (each draws anew from --seed).")
    var repeats: Int = 1

    @Option(name: .customLong("intervention-layers"),
            help: "best: only each area's best layer of the unaltered run; all: every layer, best under the intervention.")
    var layers: InterventionOptions.Layers = .all

    func validate() throws {
        _ = try parsed()
        guard (1...InterventionOptions.maximumRepeats).contains(repeats) else {
            throw ValidationError("--intervention-repeats must be between 1 and \(InterventionOptions.maximumRepeats), got \(repeats)")
        }
    }

    /// The interventions asked for, read.
    func parsed() throws -> [Intervention] {
        do {
            return try spellings.map { text throws(InterventionError) in try Intervention(parsing: text) }
        } catch {
            throw ValidationError("--intervention: " + error.description)
        }
    }

    /// The options, nil when no intervention is asked for.
    var value: InterventionOptions? {
        guard let interventions = try? parsed(), !interventions.isEmpty else { return nil }
        return InterventionOptions(interventions: interventions, repeats: repeats, layers: layers)
    }
}
