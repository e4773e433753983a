import CortexSimilarity
import Yams

extension BatchSpec {
    /// The selection and paired-comparison keys of `statistics:` (`held-out`, `held-out-block`,
    /// `paired-blocks`, `correction`), spelled as the command line's options.
    static func readSelection(_ m: [String: Node], reader: SpecReader, file: String,
                              into statistics: inout StatisticsOptions) throws {
        if let node = m["held-out"] {
            let text = try reader.string(node, key: "statistics.held-out")
            guard let split = HeldOutSplit(label: text) else {
                throw reader.fail(node, "statistics.held-out", "expected frame-blocks, frame-blocks:L, repeats or off, got \"\(text)\"")
            }
            statistics.heldOut = split
        }
        if let node = m["held-out-block"] {
            let length = try reader.integer(node, key: "statistics.held-out-block", minimum: 1)
            switch statistics.heldOut {
            case nil, .frameBlocks?: statistics.heldOut = .frameBlocks(length: length)
            default: throw reader.fail(node, "statistics.held-out-block", "only with held-out: frame-blocks")
            }
        }
        if let node = m["paired-blocks"] {
            let blocks = try reader.integer(node, key: "statistics.paired-blocks", minimum: 2)
            guard blocks <= StatisticsOptions.maximumPairedBlocks else {
                throw reader.fail(node, "statistics.paired-blocks", "expected an integer from 2 to \(StatisticsOptions.maximumPairedBlocks), got \(blocks)")
            }
            statistics.pairedBlocks = blocks
        }
        if let node = m["correction"] {
            let text = try reader.string(node, key: "statistics.correction")
            guard let value = MultipleComparisonCorrection(rawValue: text) else {
                throw reader.fail(node, "statistics.correction", "expected holm or bh, got \"\(text)\"")
            }
            statistics.correction = value
        }
    }
}
