import CHDF5

/// Facts about the HDF5 C library this build links against.
public enum HDF5Library {
    /// The linked libhdf5 version as "major.minor.release".
    public static var version: String {
        initialise()
        var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
        ck_h5_version(&major, &minor, &release)
        return "\(major).\(minor).\(release)"
    }
}
