import Foundation

/// Settings of an evolutionary architecture search (``ArchitectureSearch``), stored as the
/// search folder's `search.json`.
///
/// Fitness of a candidate with test accuracy a and energy E (pJ per test example, all T steps,
/// from the ``CortexEngine/SynapticOperationMonitor``; 0.9 pJ per accumulate, 4.6 pJ per MAC):
///
///     F = a · (E / E₀)^(−w),   E₀ = 1 μJ = 10⁶ pJ,   w = ``energyWeight``
///
/// (w = 0 ranks by accuracy alone, as Auto-Spikformer's stored code does; E₀ only scales F,
/// the ranking does not depend on it).
public struct SearchOptions: Sendable, Hashable, Codable {
    /// Every candidate trains with these options (its T, width, depth and neuron constants replaced).
    public var base: TrainingOptions
    public var space: SearchSpace
    /// Candidates per generation.
    public var population: Int
    public var generations: Int
    /// w of the fitness.
    public var energyWeight: Double
    /// Probability that mutation redraws each gene (Auto-Spikformer: 0.2).
    public var mutationProbability: Double = 0.2
    /// Test examples the energy is measured on (the first ones).
    public var energyExamples: Int = 32

    public init(base: TrainingOptions, space: SearchSpace = SearchSpace(), population: Int = 8, generations: Int = 3,
                energyWeight: Double = 0.1) {
        self.base = base
        self.space = space
        self.population = population
        self.generations = generations
        self.energyWeight = energyWeight
    }

    /// E₀ of the fitness, pJ.
    public static let energyReference = 1e6

    /// F = a·(E/E₀)^(−w).
    public func fitness(accuracy: Double, energy: Double) -> Double {
        guard energy > 0 else { return accuracy }
        return accuracy * Foundation.pow(energy / Self.energyReference, -energyWeight)
    }

    enum CodingKeys: String, CodingKey {
        case base, space, population, generations
        case energyWeight = "energy_weight", mutationProbability = "mutation_probability", energyExamples = "energy_examples"
    }
}
