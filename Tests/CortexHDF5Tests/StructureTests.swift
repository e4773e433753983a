import CortexHDF5
import CortexNumerics
import Testing

/// Groups, links, attributes, object references and compound columns (`structure.h5`).
@Suite struct StructureTests {
    let file: HDF5File
    let expected = Fixtures.expected.structure

    init() throws { file = try HDF5File.open(Fixtures.url("structure.h5")) }

    @Test func rootChildrenCarryTheirKindAndLinkTargets() throws {
        let children = try file.children()
        #expect(children.map(\.name) == ["a", "external", "general", "group_refs", "intervals", "named_type",
                                         "processing", "soft_values"])
        let byName = Dictionary(uniqueKeysWithValues: children.map { ($0.name, $0) })
        #expect(byName["a"]?.kind == .group)
        #expect(byName["group_refs"]?.kind == .dataset)
        #expect(byName["named_type"]?.kind == .namedType)
        #expect(byName["soft_values"] == HDF5Child(name: "soft_values", kind: .softLink, target: "/a/b/c/values"))
        #expect(byName["external"] == HDF5Child(name: "external", kind: .externalLink, target: "elsewhere.h5:/data"))
    }

    @Test func nestedGroupsOpenByAbsoluteAndRelativePaths() throws {
        let b = try file.group("/a/b")
        #expect(b.path == "/a/b")
        let values = try b.dataset("c/values")
        #expect(values.path == "/a/b/c/values")
        #expect(try values.readVector(as: Double.self) == expected.values)
        #expect(try file.group("a").group("b/c/").path == "/a/b/c")
        #expect(try b.dataset("/a/b/c/values").path == "/a/b/c/values")
        #expect(try file.group("/").path == "/")
        #expect(try b.children() == [HDF5Child(name: "c", kind: .group)])
    }

    @Test func softLinksAreFollowedWhenOpening() throws {
        #expect(try file.dataset("soft_values").readVector(as: Double.self) == expected.values)
        #expect(try file.root.kind(of: "soft_values") == .dataset)
    }

    @Test func existsFollowsLinksAndNeverThrows() throws {
        for path in ["/a", "/a/b/c/values", "a/b", "soft_values", "/", "general/extracellular_ephys/probeB"] {
            #expect(file.exists(path), "\(path) should exist")
        }
        for path in ["/missing", "/a/missing/x", "/a/b/c/values/x", "external", "a/b/c/nope"] {
            #expect(!file.exists(path), "\(path) should not exist")
        }
        #expect(try file.group("a").exists("b/c"))
    }

    @Test func openingTheWrongKindIsAnError() throws {
        let error = capturedError { try file.dataset("/a/b") }
        guard case .wrongKind(_, "/a/b", .dataset, .group) = error else {
            Issue.record("expected wrongKind, got \(String(describing: error))")
            return
        }
        let groupError = capturedError { try file.group("group_refs") }
        guard case .wrongKind(_, "/group_refs", .group, .dataset) = groupError else {
            Issue.record("expected wrongKind, got \(String(describing: groupError))")
            return
        }
    }

    @Test func missingPathsNameFileAndPath() throws {
        let error = capturedError { try file.group("a").dataset("b/nothing") }
        guard case .objectMissing(let path, "/a/b/nothing") = error else {
            Issue.record("expected objectMissing, got \(String(describing: error))")
            return
        }
        #expect(path == Fixtures.url("structure.h5").path)
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("/a/b/nothing") == true)
        let dangling = capturedError { try file.dataset("external") }
        guard case .objectMissing(_, "/external") = dangling else {
            Issue.record("expected objectMissing, got \(String(describing: dangling))")
            return
        }
    }

    @Test func rootAttributesOfEveryKind() throws {
        let attributes = file.attributes
        let root = expected.root_attributes
        #expect(try attributes.names() == ["big", "colnames", "counts", "fixed_ascii", "rate", "title"])
        #expect(try attributes.string("title") == root.title)
        #expect(try attributes.strings("colnames") == root.colnames)
        #expect(try attributes.string("fixed_ascii") == root.fixed_ascii)
        #expect(try attributes.scalar("rate", as: Double.self) == root.rate)
        #expect(try attributes.scalar("rate", as: Float.self) == Float(root.rate))
        #expect(try attributes.read("counts", as: Int64.self).scalars == root.counts.map(Int64.init))
        #expect(try attributes.read("counts", as: Int32.self) == NDArray(shape: [3], scalars: root.counts))
        #expect(try attributes.scalar("big", as: UInt64.self) == root.big)
        #expect(try attributes.open("title").dataType == .string(variable: true, encoding: .utf8, size: 0))
        #expect(try attributes.open("colnames").shape == [3])
        #expect(try attributes.open("rate").shape == [])
        #expect(attributes.contains("rate") && !attributes.contains("nope"))
    }

    @Test func groupAndDatasetAttributes() throws {
        #expect(try file.group("/a/b/c").attributes.string("unit") == "ünits")
        let values = try file.dataset("/a/b/c/values")
        #expect(try values.attributes.scalar("conversion", as: Double.self) == 0.5)
        #expect(try values.attributes.scalar("resolution", as: Double.self) == -1)
        let hint = try values.attributes.read("shape_hint", as: Int64.self)
        #expect(hint == NDArray(shape: [2, 2], scalars: [1, 2, 3, 4]))
        #expect(try file.group("general/extracellular_ephys/probeA").attributes.string("description")
                == "probeA description")
    }

    @Test func attributeErrorsNameTheAttribute() throws {
        let missing = capturedError { try file.attributes.string("nope") }
        guard case .objectMissing(_, "/@nope") = missing else {
            Issue.record("expected objectMissing, got \(String(describing: missing))")
            return
        }
        let mismatch = capturedError { try file.dataset("/a/b/c/values").attributes.strings("conversion") }
        guard case .typeMismatch(_, "/a/b/c/values@conversion", "strings", .float(bytes: 8)) = mismatch else {
            Issue.record("expected typeMismatch, got \(String(describing: mismatch))")
            return
        }
        let shape = capturedError { try file.attributes.string("colnames") }
        guard case .shapeMismatch(_, "/@colnames", _, let found) = shape, found == [3] else {
            Issue.record("expected shapeMismatch, got \(String(describing: shape))")
            return
        }
    }

    @Test func objectReferencesResolveToPaths() throws {
        let dataset = try file.dataset("group_refs")
        #expect(dataset.dataType == .reference(.object))
        #expect(try dataset.readReferencePaths() == expected.group_refs)
        let error = capturedError { try file.dataset("/a/b/c/values").readReferencePaths() }
        guard case .typeMismatch(_, "/a/b/c/values", "object references", _) = error else {
            Issue.record("expected typeMismatch, got \(String(describing: error))")
            return
        }
    }

    @Test func compoundTimeseriesColumnReadsFieldByField() throws {
        let column = try file.dataset("/intervals/natural_movie_one_presentations/timeseries")
        guard case .compound(let fields) = column.dataType else {
            Issue.record("timeseries stored as \(column.dataType)")
            return
        }
        #expect(fields.map(\.name) == ["idx_start", "count", "timeseries"])
        #expect(fields.map(\.type) == [.integer(bytes: 4, signed: true), .integer(bytes: 4, signed: true),
                                       .reference(.object)])
        #expect(fields.map(\.offset) == [0, 4, 8])
        let series = expected.timeseries
        #expect(try column.readCompoundField("idx_start", as: Int64.self).scalars == series.idx_start.map(Int64.init))
        #expect(try column.readCompoundField("count", as: Int32.self) == NDArray(shape: [4], scalars: series.count))
        #expect(try column.readCompoundField("count", as: Double.self).scalars == series.count.map(Double.init))
        #expect(try column.readCompoundReferencePaths("timeseries") == series.timeseries)
    }

    @Test func compoundFieldErrors() throws {
        let column = try file.dataset("/intervals/natural_movie_one_presentations/timeseries")
        let missing = capturedError { try column.readCompoundField("idx_stop", as: Int64.self) }
        guard case .fieldMissing(_, _, "idx_stop", let available) = missing,
              available == ["idx_start", "count", "timeseries"] else {
            Issue.record("expected fieldMissing, got \(String(describing: missing))")
            return
        }
        let wrongField = capturedError { try column.readCompoundField("timeseries", as: Int64.self) }
        guard case .typeMismatch(_, _, _, .reference(.object)) = wrongField else {
            Issue.record("expected typeMismatch, got \(String(describing: wrongField))")
            return
        }
        let notCompound = capturedError { try file.dataset("group_refs").readCompoundField("x", as: Int64.self) }
        guard case .typeMismatch = notCompound else {
            Issue.record("expected typeMismatch, got \(String(describing: notCompound))")
            return
        }
        let refsFromNumbers = capturedError { try column.readCompoundReferencePaths("count") }
        guard case .typeMismatch(_, _, _, .integer(bytes: 4, signed: true)) = refsFromNumbers else {
            Issue.record("expected typeMismatch, got \(String(describing: refsFromNumbers))")
            return
        }
    }
}
