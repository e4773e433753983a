import ArgumentParser
import CortexKit
import Foundation

extension TrainCommand {
    /// `--prune`: a lottery-ticket search (new, or resumed from `resuming`), then its table of rounds.
    func runLottery<N: RecordableNetwork>(options: TrainingOptions, task: any TrainingTask, resuming: URL?,
                                          network builder: @escaping LotteryTicketSearch<N>.NetworkBuilder) throws {
        let search = try CommandLineFailure.wrapping {
            if let resuming { return try LotteryTicketSearch(resuming: resuming, task: task, network: builder) }
            return try LotteryTicketSearch(directory: URL(fileURLWithPath: output!), options: options, task: task,
                                           replacing: force, network: builder)
        }
        let settings = options.pruning!
        let perRound = options.epochs * options.batchesPerEpoch
        let progress = ProgressDisplay(label: "lottery ticket")
        do {
            try search.run { round, p in
                let message = String(format: "round %d/%d epoch %d/%d loss %.4f acc %.1f%%", round, settings.rounds,
                                     p.epoch + 1, p.epochs, p.loss, 100 * p.accuracy)
                progress.show(ProgressUpdate(completed: round * perRound + p.epoch * p.batches + p.batch,
                                             total: (settings.rounds + 1) * perRound, message: message))
            }
        } catch {
            progress.close()
            throw CommandLineFailure(String(describing: error))
        }
        progress.close()
        let rows = try CommandLineFailure.wrapping { try search.summary() }
        print("round  T  epochs  sparsity  test accuracy")
        for row in rows {
            let accuracy = row.testAccuracy.map { String(format: "%.1f %%", 100 * $0) } ?? "—"
            let epochs = row.earlyBirdEpoch.map { "\($0) (early bird)" } ?? "\(row.epochs)"
            print(String(format: "%5d %2d  %@  %7.1f %%  %@", row.round, row.steps, epochs.padding(toLength: 6, withPad: " ", startingAt: 0),
                         100 * row.sparsity.total.sparsity, accuracy))
        }
        if let ticket = rows.last, ticket.round == settings.rounds {
            print("ticket: \(RunFolder(search.directory).model.path) (\(ticket.sparsity.total.pruned) of \(ticket.sparsity.total.weights) weights pruned)")
            for layer in ticket.sparsity.layers {
                print(String(format: "  %@ %.1f %% of %d", layer.name.padding(toLength: 34, withPad: " ", startingAt: 0),
                             100 * layer.sparsity, layer.weights))
            }
        }
    }
}
