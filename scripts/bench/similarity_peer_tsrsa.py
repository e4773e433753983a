"""The study's TSRSA alone (the same code as similarity_peer.py's, importable without running its cases):
np.corrcoef over frames, upper triangle, argsort(argsort) ranks, r = 1 - 6·Σd²/(n³ - n), frame 0 dropped."""
import numpy as np


def rdm_upper(x):
    d = 1 - np.corrcoef(x)                   # rows = frames
    return d[np.triu_indices(d.shape[0], k=1)]


def study_spearman(a, b):
    ra = np.argsort(np.argsort(a))
    rb = np.argsort(np.argsort(b))
    n = len(a)
    return 1 - 6 * np.sum((ra - rb).astype(np.float64) ** 2) / (n ** 3 - n)


def tsrsa(model, brain):
    return study_spearman(rdm_upper(model[1:]), rdm_upper(brain[1:]))
