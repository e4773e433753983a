import CortexKit
import Foundation

/// One reader under fuzzing: it must turn any bytes into a value or a thrown error — a trap, abort
/// or crash is a finding.
///
/// Each target writes the input to a scratch file when its reader takes a path, then reads it as
/// the commands do (whole arrays, every dataset and attribute, the units table and responses).
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `.npy` arrays: `NPYFile.read` and `readRows`.
    case npy
    /// safetensors checkpoints: `SafetensorsFile(bytes:)`, then the recorded configuration.
    case safetensors
    /// YAML batch specs: `BatchSpec(yaml:file:directory:)`.
    case spec
    /// HDF5 files: every object's datasets and attributes read (at most `readLimit` bytes each).
    case hdf5
    /// NWB sessions: units table, stimuli and responses of natural_movie_one.
    case nwb

    /// The most memory one fuzzed HDF5 read may take.
    public static let readLimit = 64 << 20

    /// The seed corpus: files of the repository's test fixtures (paths relative to `root`).
    public func seedFiles(root: URL) -> [URL] {
        func files(_ folder: String, _ extensions: Set<String>) -> [URL] {
            let url = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.sorted().filter { extensions.contains(($0 as NSString).pathExtension) }
                .map { url.appendingPathComponent($0) }
        }
        switch self {
        case .npy: return files("Tests/CortexIOTests/Fixtures/npy", ["npy"])
        case .safetensors: return files("Fuzz/Corpus/safetensors", ["safetensors"])
        case .spec: return files("Fuzz/Corpus/spec", ["yaml"])
        case .hdf5: return files("Tests/CortexHDF5Tests/Fixtures", ["h5"])
        case .nwb: return files("Tests/CortexNWBTests/Fixtures", ["nwb"])
        }
    }

    /// Runs the reader on `bytes`; `scratch` is a file path the target may overwrite.
    /// Returns normally whether the reader succeeded or threw.
    public func run(_ bytes: [UInt8], scratch: URL) {
        switch self {
        case .npy:
            guard write(bytes, to: scratch) else { return }
            _ = try? NPYFile.read(from: scratch)
            _ = try? NPYFile.readRows(0..<1, from: scratch)
        case .safetensors:
            guard let file = try? SafetensorsFile(bytes: bytes, path: "fuzz.safetensors") else { return }
            _ = try? CheckpointMetadata<ModelConfiguration>.read(from: file.metadata)
            _ = ModelConfiguration(metadata: file.metadata)
        case .spec:
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? BatchSpec(yaml: text, file: "fuzz.yaml", directory: scratch.deletingLastPathComponent())
        case .hdf5:
            guard write(bytes, to: scratch), let file = try? HDF5File.open(scratch) else { return }
            Self.readEverything(in: file.root, depth: 0)
        case .nwb:
            guard write(bytes, to: scratch), let file = try? HDF5File.open(scratch) else { return }
            let session = NWBSession(file: file)
            _ = try? session.units()
            _ = try? session.stimuli()
            _ = try? StimulusResponses(session: session, options: ResponseOptions())
        }
    }

    private func write(_ bytes: [UInt8], to url: URL) -> Bool {
        (try? Data(bytes).write(to: url)) != nil
    }

    /// Reads every dataset (numbers, else strings) and attribute below `group`, a few levels deep.
    static func readEverything(in group: HDF5Group, depth: Int) {
        guard depth < 8, let children = try? group.children() else { return }
        readAttributes(group.attributes)
        for child in children.prefix(64) {
            switch child.kind {
            case .group:
                if let sub = try? group.group(child.name) { readEverything(in: sub, depth: depth + 1) }
            case .dataset:
                guard let dataset = try? group.dataset(child.name) else { continue }
                readAttributes(dataset.attributes)
                if (try? dataset.read(as: Double.self, memoryLimit: readLimit)) == nil {
                    _ = try? dataset.readStrings()
                    _ = try? dataset.readReferencePaths()
                }
                if dataset.rank >= 1, dataset.shape[0] > 0 {
                    _ = try? dataset.readRows(0..<1, as: Float.self, memoryLimit: readLimit)
                }
            default:
                continue
            }
        }
    }

    static func readAttributes(_ attributes: HDF5Attributes) {
        guard let names = try? attributes.names() else { return }
        for name in names.prefix(32) {
            guard let attribute = try? attributes.open(name) else { continue }
            if (try? attribute.read(as: Double.self)) == nil { _ = try? attribute.readStrings() }
        }
    }
}
