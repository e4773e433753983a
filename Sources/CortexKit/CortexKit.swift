// CortexKit: the umbrella module. `import CortexKit` gives the whole toolkit.
@_exported import CortexNumerics
@_exported import CortexHDF5
