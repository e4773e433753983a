import Foundation

/// Two response sets of a batch scored against each other under one metric — brain-to-brain
/// similarity, e.g. Neuropixels against 2-photon responses to the same movie. Every area of the
/// second set is scored against every area of the first (`scores[row][column]`: the second set's
/// area `row` against the first's area `column`); the areas both sets have are summarised in
/// ``sameArea``, with each set's noise ceiling when the batch computed them.
///
/// In results.json (`brain_to_brain`): `{ metric, metric_short_name, first, second (responses,
/// with their set "name"), first_areas, second_areas, scores (null for NaN), same_area: [{area,
/// score, first_ceiling, second_ceiling, percent_of_joint_ceiling}] }`. The joint ceiling of an
/// area is √(c₁ · c₂), the geometric mean of the two sets' ceilings: the similarity two noisy
/// measurements of one signal can reach, as model scores are read against one set's ceiling.
public struct ResponseSetComparison: Sendable, Codable, Equatable {
    public var metric: String
    public var metricShortName: String
    /// The first set (columns) and the second (rows), with their names.
    public var first: CompareResult.Responses
    public var second: CompareResult.Responses
    public var firstAreas: [String]
    public var secondAreas: [String]
    /// `scores[row][column]`: second set's area `row` against first set's area `column`; nil for NaN.
    public var scores: [[Double?]]
    /// The areas both sets have, in the first set's order.
    public var sameArea: [SameArea]

    /// One area both sets record.
    public struct SameArea: Sendable, Codable, Equatable {
        public var area: String
        public var score: Double?
        /// Each set's noise ceiling of the area (nil without ceilings).
        public var firstCeiling: Double?
        public var secondCeiling: Double?

        public init(area: String, score: Double?, firstCeiling: Double? = nil, secondCeiling: Double? = nil) {
            self.area = area
            self.score = score
            self.firstCeiling = firstCeiling
            self.secondCeiling = secondCeiling
        }

        /// √(c₁ · c₂) when both ceilings are positive.
        public var jointCeiling: Double? {
            guard let a = firstCeiling, let b = secondCeiling, a > 0, b > 0 else { return nil }
            return (a * b).squareRoot()
        }

        /// 100 × score / joint ceiling.
        public var percentOfJointCeiling: Double? {
            guard let score, let joint = jointCeiling else { return nil }
            return 100 * score / joint
        }

        enum CodingKeys: String, CodingKey {
            case area, score, firstCeiling = "first_ceiling", secondCeiling = "second_ceiling"
            case percentOfJointCeiling = "percent_of_joint_ceiling"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            area = try c.decode(String.self, forKey: .area)
            score = try c.decodeIfPresent(Double.self, forKey: .score)
            firstCeiling = try c.decodeIfPresent(Double.self, forKey: .firstCeiling)
            secondCeiling = try c.decodeIfPresent(Double.self, forKey: .secondCeiling)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(area, forKey: .area)
            try c.encode(score, forKey: .score)
            try c.encode(firstCeiling, forKey: .firstCeiling)
            try c.encode(secondCeiling, forKey: .secondCeiling)
            try c.encode(percentOfJointCeiling, forKey: .percentOfJointCeiling)
        }
    }

    public init(metric: String, metricShortName: String, first: CompareResult.Responses, second: CompareResult.Responses,
                firstAreas: [String], secondAreas: [String], scores: [[Double]]) {
        precondition(scores.count == secondAreas.count && scores.allSatisfy { $0.count == firstAreas.count },
                     "ResponseSetComparison: scores must be second areas × first areas")
        self.metric = metric
        self.metricShortName = metricShortName
        self.first = first
        self.second = second
        self.firstAreas = firstAreas
        self.secondAreas = secondAreas
        self.scores = scores.map { $0.map { $0.isNaN ? nil : $0 } }
        sameArea = firstAreas.enumerated().compactMap { column, area in
            secondAreas.firstIndex(of: area).map { SameArea(area: area, score: scores[$0][column].isNaN ? nil : scores[$0][column]) }
        }
    }

    /// Fills the same-area ceilings from each set's ceilings (by area).
    public mutating func attach(firstCeilings: [AreaCeiling]?, secondCeilings: [AreaCeiling]?) {
        for i in sameArea.indices {
            let area = sameArea[i].area
            sameArea[i].firstCeiling = firstCeilings?.first { $0.area == area }?.mean
            sameArea[i].secondCeiling = secondCeilings?.first { $0.area == area }?.mean
        }
    }

    enum CodingKeys: String, CodingKey {
        case metric, metricShortName = "metric_short_name", first, second, firstAreas = "first_areas"
        case secondAreas = "second_areas", scores, sameArea = "same_area"
    }
}
