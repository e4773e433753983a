"""CortexKit's response and feature files (docs/formats.md), read and written by CortexKit itself."""
from __future__ import annotations

import ctypes
import json
import os
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Sequence, Union

import numpy as np

from . import _library

PathLike = Union[str, "os.PathLike[str]"]

_COUNTS, _TRIALS, _UNIT_IDS, _SESSION_INDEX = 0, 1, 2, 3


@dataclass
class AreaResponses:
    """One area of a response file.

    Attributes:
        responses: bins × units float64 (trial-averaged; rows = frames when one bin per frame).
        unit_ids: one int64 id per unit. session_index: which source file each unit came from.
        trials: repeats × bins × units float64, when the file keeps trials.
    """

    name: str
    responses: np.ndarray
    unit_ids: np.ndarray
    session_index: np.ndarray
    trials: Optional[np.ndarray] = None


@dataclass
class Responses:
    """A response file's contents: areas (in file order) and how they were made."""

    areas: dict[str, AreaResponses]
    stimulus: str
    frames: int
    repeats: int
    bins_per_frame: int
    signal: str
    filter: str
    min_rate: Optional[float]
    smoothing: str
    sources: list[dict[str, str]] = field(default_factory=list)
    cortexkit_version: str = ""

    def __getitem__(self, area: str) -> np.ndarray:
        """The bins × units responses of ``area``."""
        return self.areas[area].responses


def read_responses(path: PathLike) -> Responses:
    """Reads a response file (``cortexkit-responses/1``) written by ``cortex responses`` or :func:`write_responses`.

    Returns:
        :class:`Responses`: per area bins × units responses (frames × units with one bin per frame), unit ids,
        session indices and, when kept, trials (repeats × bins × units).

    Raises:
        CortexKitError: not a response file (the message names the first missing piece), a newer format, …
    """
    arrays: dict[str, dict[int, np.ndarray]] = {}
    failure: list[BaseException] = []

    def allocate(_context: Any, area: bytes, which: int, d0: int, d1: int, d2: int) -> Optional[int]:
        try:
            shape = {_COUNTS: (d0, d1), _TRIALS: (d0, d1, d2), _UNIT_IDS: (d0,), _SESSION_INDEX: (d0,)}[which]
            dtype = np.int64 if which in (_UNIT_IDS, _SESSION_INDEX) else np.float64
            array = np.empty(shape, dtype=dtype)
            arrays.setdefault(area.decode("utf-8"), {})[which] = array
            return array.ctypes.data
        except BaseException as error:                     # e.g. MemoryError: stop the read
            failure.append(error)
            return None

    callback = _library.ALLOCATE(allocate)
    try:
        header = _library.call("ck_responses_read", _library.encode(os.fspath(path)), callback, None)
    except _library.CortexKitError:
        if failure:
            raise failure[0] from None
        raise
    areas = {}
    for entry in header["areas"]:
        name = entry["name"]
        got = arrays[name]
        areas[name] = AreaResponses(name=name, responses=got[_COUNTS], unit_ids=got[_UNIT_IDS],
                                    session_index=got[_SESSION_INDEX], trials=got.get(_TRIALS))
    return Responses(areas=areas, stimulus=header["stimulus"], frames=header["frames"], repeats=header["repeats"],
                     bins_per_frame=header["bins_per_frame"], signal=header["signal"], filter=header["filter"],
                     min_rate=header.get("min_rate"), smoothing=header["smoothing"], sources=header["sources"],
                     cortexkit_version=header["cortexkit_version"])


def _pointer_array(arrays: Sequence[Optional[np.ndarray]]) -> Any:
    pointers = (ctypes.c_void_p * len(arrays))(*[None if a is None else a.ctypes.data for a in arrays])
    return ctypes.cast(pointers, ctypes.POINTER(ctypes.c_void_p))


def write_responses(path: PathLike, areas: Mapping[str, Any], *, trials: Optional[Mapping[str, Any]] = None,
                    unit_ids: Optional[Mapping[str, Any]] = None, session_index: Optional[Mapping[str, Any]] = None,
                    signal: str = "spike_counts", stimulus: str = "natural_movie_one", repeats: Optional[int] = None,
                    bins_per_frame: int = 1, filter: str = "none", min_rate: Optional[float] = None,
                    smoothing: str = "none", sources: Sequence[Union[str, tuple[str, str]]] = (),
                    producer: str = "cortexkit (Python)") -> None:
    """Writes a response file (``cortexkit-responses/1``, atomically) that every ``cortex`` command reads.

    Calcium imaging, other labs' recordings or simulated data enter ``cortex compare``, ``cortex ceiling`` and
    batch reports this way.

    Args:
        path: the file to write (replaced atomically).
        areas: area name → responses, bins × units (frames × units with one bin per frame), trial-averaged.
        trials: area name → repeats × bins × units single-repeat responses (whole numbers for spike counts);
            needed for the trial-bound ceilings and held-out repeats.
        unit_ids: area name → one integer id per unit (default 0, 1, …). session_index: area → source index per
            unit (default 0).
        signal: ``spike_counts``, ``dff``, ``events`` or ``fluorescence``.
        stimulus, repeats (default: trials' repeats, else 1), bins_per_frame, filter, min_rate, smoothing: as
            docs/formats.md describes the attributes. sources: source file paths, or (path, sha256) pairs.
        producer: the ``cortexkit_version`` attribute: what wrote the file.

    Raises:
        CortexKitError: inconsistent shapes, unknown signal, non-integer spike-count trials, a write failure.
    """
    names = list(areas)
    responses = [np.ascontiguousarray(areas[n], dtype=np.float64) for n in names]
    for name, matrix in zip(names, responses):
        if matrix.ndim != 2:
            raise ValueError(f"{name}: responses must be bins × units, got shape {matrix.shape}")
    bins = responses[0].shape[0] if responses else 0
    if any(m.shape[0] != bins for m in responses):
        raise ValueError("areas: every area needs the same number of bins (rows)")
    if bins % bins_per_frame:
        raise ValueError(f"{bins} bins are not a whole number of frames of {bins_per_frame} bins")
    trial_arrays: list[Optional[np.ndarray]] = []
    for name, matrix in zip(names, responses):
        t = None if trials is None or name not in trials else np.ascontiguousarray(trials[name], dtype=np.float64)
        if t is not None and (t.ndim != 3 or t.shape[1:] != matrix.shape):
            raise ValueError(f"{name}: trials must be repeats × {matrix.shape[0]} bins × {matrix.shape[1]} units, "
                             f"got shape {t.shape}")
        trial_arrays.append(t)
    kept = [t for t in trial_arrays if t is not None]
    if repeats is None:
        repeats = kept[0].shape[0] if kept else 1
    if any(t.shape[0] != repeats for t in kept):
        raise ValueError(f"trials: every area needs {repeats} repeats")
    ids = [np.ascontiguousarray((unit_ids or {}).get(n, np.arange(m.shape[1])), dtype=np.int64)
           for n, m in zip(names, responses)]
    sessions = [np.ascontiguousarray((session_index or {}).get(n, np.zeros(m.shape[1])), dtype=np.int64)
                for n, m in zip(names, responses)]
    for name, matrix, i, s in zip(names, responses, ids, sessions):
        if i.shape != (matrix.shape[1],) or s.shape != (matrix.shape[1],):
            raise ValueError(f"{name}: unit_ids and session_index need one entry per unit ({matrix.shape[1]})")
    header = {
        "stimulus": stimulus, "repeats": repeats, "frames": bins // bins_per_frame, "bins_per_frame": bins_per_frame,
        "filter": filter, "min_rate": min_rate, "smoothing": smoothing, "signal": signal,
        "sources": [{"path": s, "sha256": ""} if isinstance(s, str) else {"path": s[0], "sha256": s[1]} for s in sources],
        "cortexkit_version": producer,
        "areas": [{"name": n, "units": int(m.shape[1])} for n, m in zip(names, responses)],
    }
    _library.call("ck_responses_write", _library.encode(os.fspath(path)), json.dumps(header).encode("utf-8"),
                  len(names), _pointer_array(responses), _pointer_array(ids), _pointer_array(sessions),
                  _pointer_array(trial_arrays), result=False)


def write_features(path: PathLike, layers: Mapping[str, Any], *, model: str = "model", movie: str = "",
                   movie_sha256: str = "", protocol: str = "", depths: Optional[Mapping[str, int]] = None) -> None:
    """Writes a feature file (``cortexkit-features/1``, atomically): any model's activations for ``cortex compare``.

    Args:
        path: the file to write.
        layers: layer name → activations, frames × … (e.g. a PyTorch hook's ``output.detach().numpy()``, frames ×
            C × H × W); stored as frames × units float32 with the per-frame shape recorded. In network order.
        model: the model's name (the default label in results). movie, movie_sha256, protocol: provenance.
        depths: layer name → depth (default: the position in ``layers``).

    Raises:
        CortexKitError: inconsistent frames, bad names; ValueError for arrays with fewer than 2 dimensions.
    """
    names = list(layers)
    arrays, shapes = [], []
    for name in names:
        array = np.asarray(layers[name])
        if array.ndim < 2:
            raise ValueError(f"{name}: activations must be frames × units (or frames × C × H × W), got shape {array.shape}")
        shapes.append([int(d) for d in array.shape[1:]])
        arrays.append(np.ascontiguousarray(array.reshape(array.shape[0], -1), dtype=np.float32))
    frames = arrays[0].shape[0] if arrays else 0
    if any(a.shape[0] != frames for a in arrays):
        raise ValueError("layers: every layer needs the same number of frames (first axis)")
    header = {"model": model, "frames": frames, "movie": movie, "movie_sha256": movie_sha256, "protocol": protocol,
              "layers": [{"name": n, "depth": int((depths or {}).get(n, k)), "shape": s}
                         for k, (n, s) in enumerate(zip(names, shapes))]}
    _library.call("ck_features_write", _library.encode(os.fspath(path)), json.dumps(header).encode("utf-8"),
                  len(names), _pointer_array(arrays), result=False)
