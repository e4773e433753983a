"""CortexKit from Python.

Similarity of numpy arrays (TSRSA, RSA, CKA, SVCCA/PWCCA, Procrustes, ridge), noise ceilings and RDMs,
computed by CortexKit's Swift library through its C ABI (libCortexKitC.so, loaded with ctypes), and
CortexKit's files: response files (any lab's recordings, calcium imaging), feature files (any model's
activations) and batch results as pandas DataFrames. The file layouts are in docs/formats.md.

    >>> import cortexkit, numpy as np
    >>> r = cortexkit.similarity("tsrsa", model_layer, brain_area, permutations=199, seed=7)
    >>> r.score, r.p_value
"""
from ._library import CortexKitError, version
from .files import AreaResponses, Responses, read_responses, write_features, write_responses
from .results import read_results
from .similarity import Interval, SimilarityResult, ceiling, rdm, similarity

__all__ = [
    "CortexKitError", "version", "similarity", "SimilarityResult", "Interval", "ceiling", "rdm",
    "read_responses", "write_responses", "write_features", "Responses", "AreaResponses", "read_results",
]
__version__ = "0.1.0"
