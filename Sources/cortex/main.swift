import CortexKit
print(HDF5Library.version)
