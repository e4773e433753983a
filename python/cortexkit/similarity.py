"""Similarity of two frames × units matrices, noise ceilings and RDMs, computed by CortexKit."""
from __future__ import annotations

import ctypes
import os
import tempfile
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping, Optional, Sequence, Union

import numpy as np

from . import _library
from ._arrays import matrix_view

Metric = Literal["tsrsa", "rsa", "cka-linear", "cka-rbf", "cka-debiased", "svcca", "pwcca", "procrustes", "ridge",
                 "ridge-study"]
Distance = Literal["correlation", "spearman", "euclidean", "sqeuclidean-per-channel", "cosine"]
PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Interval:
    """A bootstrap confidence interval."""

    lower: float
    upper: float
    level: float
    resamples: int
    resample: str
    method: str


@dataclass(frozen=True)
class SimilarityResult:
    """What :func:`similarity` returns: the score and whatever statistics were asked for.

    Attributes:
        metric: the metric's name, e.g. ``"tsrsa"``.
        score: the similarity (NaN when undefined).
        frames, units_a, units_b: the compared shapes (before the first-frame policy).
        p_value: permutation p-value, ``(1 + #{null ≥ observed}) / (1 + permutations)`` (with ``permutations``).
        interval: bootstrap confidence interval (with ``bootstrap``).
        lag_profile: TSRSA's score per lag ``{lag: score}`` (with ``lags="a...b"``); ``best_lag`` its argmax.
        control: CKA/SVCCA/PWCCA: the score with A's frames shuffled (seeded by ``seed``).
        cca: SVCCA/PWCCA: kept dimensions ``k_x``, ``k_y`` and frames ``n``; ``warning`` when the cap binds.
        metric_options: every option of the metric as CortexKit records it (results files' ``metric_options``).
        raw: the whole JSON object CortexKit returned (the keys of ``cortex similarity --json``).
    """

    metric: str
    score: float
    frames: int
    units_a: int
    units_b: int
    frame_policy: str
    p_value: Optional[float] = None
    permutations: Optional[int] = None
    interval: Optional[Interval] = None
    seed: Optional[int] = None
    lag_profile: Optional[dict[int, float]] = None
    best_lag: Optional[int] = None
    control: Optional[float] = None
    cca: Optional[dict[str, int]] = None
    warning: Optional[str] = None
    metric_options: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def __float__(self) -> float:
        return self.score


def _number(value: Optional[float]) -> float:
    return float("nan") if value is None else float(value)


def _lags(value: Any) -> Optional[str]:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    low, high = value
    return f"{int(low)}...{int(high)}"


def similarity(metric: Metric, a: Any, b: Any, **options: Any) -> SimilarityResult:
    """Scores how similarly two representations encode the same frames: ``cortex similarity METRIC A B``.

    Args:
        metric: ``tsrsa`` (the study's temporal RSA), ``rsa``, ``cka-linear``, ``cka-rbf``, ``cka-debiased``,
            ``svcca``, ``pwcca``, ``procrustes``, ``ridge`` (cross-validated) or ``ridge-study``.
        a: the model, frames × units (rows = frames). float64/float32 arrays in C or Fortran order, or strided
            views, are read in place; anything else is converted to float64. Rank > 2 is flattened per frame.
        b: the brain, frames × units, the same frames as ``a``.
        **options: the command's options in snake_case: ``ties`` ("ordinal" | "average"), ``keep_first_frame``
            (every metric drops frame 0 unless True), ``lags`` ("a...b", an int, or a pair: TSRSA lag profile),
            ``rdm`` (frame RDM distance), ``compare`` (RDM comparison), ``zero_variance``, ``rbf_threshold``,
            ``ridge_alpha``, ``ridge_folds``, ``pca_dims``; statistics ``permutations``, ``shuffle``
            ("circular" | "blocks"), ``min_shift``, ``block_length``, ``bootstrap``, ``resample``
            ("neurons" | "frames"), ``level``, ``ci_method``, ``seed``.

    Returns:
        A :class:`SimilarityResult`.

    Raises:
        CortexKitError: bad input or options, with CortexKit's message (e.g. a zero-variance frame,
            different frame counts, an unknown option).

    Example:
        >>> r = similarity("tsrsa", model_layer, brain_area, lags=(0, 3), permutations=199, seed=7)
        >>> r.score, r.p_value, r.lag_profile
    """
    x, y = matrix_view(a, "a"), matrix_view(b, "b")
    if "lags" in options:
        options["lags"] = _lags(options["lags"])
    raw = _library.call("ck_similarity", _library.encode(str(metric)), *x.arguments(), *y.arguments(),
                        _library.options_json(options))
    interval = None
    if raw.get("ci"):
        ci = raw["ci"]
        interval = Interval(lower=_number(ci["lower"]), upper=_number(ci["upper"]), level=ci["level"],
                            resamples=ci["resamples"], resample=ci["resample"], method=ci["method"])
    lags = {entry["lag"]: _number(entry["score"]) for entry in raw["lags"]} if raw.get("lags") else None
    return SimilarityResult(
        metric=raw["metric"], score=_number(raw.get("score")), frames=raw["frames"], units_a=raw["units_a"],
        units_b=raw["units_b"], frame_policy=raw["frame_policy"],
        p_value=None if "p_value" not in raw else _number(raw["p_value"]), permutations=raw.get("permutations"),
        interval=interval, seed=raw.get("seed"), lag_profile=lags, best_lag=raw.get("best_lag"),
        control=None if "control" not in raw else _number(raw["control"]), cca=raw.get("cca"),
        warning=raw.get("warning"), metric_options=raw.get("metric_options", {}), raw=raw)


def rdm(x: Any, distance: Distance = "correlation") -> np.ndarray:
    """The representational dissimilarity matrix of the rows (frames or conditions) of ``x``.

    Args:
        x: conditions × units (read in place when float64/float32; see :func:`similarity`).
        distance: ``correlation`` (1 − Pearson r), ``spearman`` (1 − Spearman ρ), ``euclidean``,
            ``sqeuclidean-per-channel`` (rsatoolbox's "euclidean") or ``cosine``.

    Returns:
        A symmetric conditions × conditions float64 array with a zero diagonal.

    Raises:
        CortexKitError: fewer than 2 conditions, non-finite values, a zero-variance row (correlation).
    """
    view = matrix_view(x, "x")
    out = np.empty((view.rows, view.rows), dtype=np.float64)
    _library.call("ck_rdm", *view.arguments(), _library.encode(str(distance)),
                  out.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), result=False)
    return out


def ceiling(responses: Union[PathLike, Mapping[str, Any]], metric: Metric = "tsrsa", *,
            method: Optional[Literal["trial-bounds", "trials", "neurons"]] = None, splits: Optional[int] = None,
            sem: Optional[Literal["ddof1", "ddof0"]] = None, seed: Optional[int] = None,
            areas: Optional[Sequence[str]] = None, signal: str = "spike_counts", **options: Any) -> dict[str, Any]:
    """Per-area noise ceilings: ``cortex ceiling RESPONSES --json`` (same loader, seeds and defaults).

    Args:
        responses: a response file (``cortexkit-responses/1``), or a mapping area → trials array
            (repeats × frames × units), written to a temporary response file first.
        metric: the metric whose ceiling is wanted (default ``tsrsa``); metric options as in :func:`similarity`.
        method: ``trial-bounds`` (default; split-half neurons when there are no trials), ``trials``
            (Spearman–Brown split-half repeats) or ``neurons`` (the study's split-half neurons).
        splits: random splits (default 100). sem: ``ddof1`` (default) or ``ddof0`` (the study's np.std).
        seed: statistics seed; each area's splits derive from it and the area's name.
        areas: which areas (default all). signal: for arrays: what they measure (``spike_counts``, ``dff``, …).

    Returns:
        ``{"metric", "method", "standard_error", "splits", "seed", "areas": [{"area", "units", "mean",
        "standard_error", "lower_bound", "upper_bound", …}]}`` as CortexKit writes ceilings.
    """
    from .files import write_responses

    settings = dict(options, method=method, splits=splits, sem=sem, seed=seed,
                    areas=",".join(areas) if areas is not None else None)
    if "lags" in settings:
        settings["lags"] = _lags(settings["lags"])
    if isinstance(responses, Mapping):
        with tempfile.TemporaryDirectory(prefix="cortexkit-") as folder:
            path = os.path.join(folder, "responses.h5")
            trials = {name: np.asarray(t) for name, t in responses.items()}
            write_responses(path, {name: t.mean(axis=0) for name, t in trials.items()}, trials=trials, signal=signal)
            result = _library.call("ck_ceiling", _library.encode(path), _library.encode(str(metric)),
                                   _library.options_json(settings))
    else:
        result = _library.call("ck_ceiling", _library.encode(os.fspath(responses)), _library.encode(str(metric)),
                               _library.options_json(settings))
    for area in result["areas"]:                            # non-finite numbers arrive spelled "nan", "inf"
        for key, value in area.items():
            if value in ("nan", "inf", "-inf") and key != "note":
                area[key] = float(value)
    return result
