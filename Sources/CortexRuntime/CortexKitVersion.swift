/// The version of CortexKit (semantic versioning; the CLI's `--version`).
public enum CortexKitVersion {
    public static let string = "0.1.0"
}
