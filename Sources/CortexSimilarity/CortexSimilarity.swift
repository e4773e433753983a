/// CortexSimilarity: representational similarity between response matrices (rows = frames or
/// conditions, columns = units): RDMs, time-series RSA, CKA and related metrics, noise ceilings and
/// statistics. Built on CortexNumerics.
public enum CortexSimilarity {}
