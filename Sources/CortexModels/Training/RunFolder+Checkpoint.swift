import Foundation

extension RunFolder {
    /// The options of the run a checkpoint belongs to: `options.json` beside it (a run folder's
    /// `model.safetensors`) or two levels up (`epochs/epoch-000k/model.safetensors`); `nil` when
    /// neither exists or the file cannot be read as options.
    public static func options(besides checkpoint: URL) -> TrainingOptions? {
        let folder = checkpoint.deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent().deletingLastPathComponent()] {
            let url = RunFolder(candidate).options
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            return try? JSONDecoder().decode(TrainingOptions.self, from: data)
        }
        return nil
    }
}

extension RunFolder {
    /// `path` as a URL: absolute as it is, relative to `directory` otherwise.
    static func resolve(_ path: String, in directory: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path).standardizedFileURL
    }
}
