// CortexKit: the umbrella module. `import CortexKit` gives the whole toolkit.
@_exported import CortexRuntime
@_exported import CortexNumerics
@_exported import CortexHDF5
@_exported import CortexIO
@_exported import CortexNWB
@_exported import CortexSimilarity
@_exported import CortexEngine
@_exported import CortexModels
@_exported import CortexReports
@_exported import CortexPipeline
