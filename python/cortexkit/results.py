"""Reading CortexKit results (``results.json`` of ``cortex report``, ``result.json`` of ``cortex compare -o``)
into one long-format pandas DataFrame.

This module is the one place that knows the results schema (docs/formats.md, "Results"); when the schema
changes, only :func:`read_results` and :data:`COLUMNS` change.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Optional, Union

from ._library import CortexKitError

#: The DataFrame's columns, in order: one row per metric × model × layer × area.
COLUMNS = [
    "metric", "metric_name", "model", "layer", "depth", "area", "score", "best",
    "p_value", "permutations", "ci_lower", "ci_upper", "ci_level", "ci_method",
    "ceiling", "ceiling_method", "ceiling_standard_error", "ceiling_lower", "ceiling_upper",
    "percent_of_ceiling", "above_ceiling", "signal", "response_set",
]

_READABLE = {"cortexkit-report": 1, "cortexkit-comparison": 1}


def _check_format(data: dict[str, Any], path: Path) -> str:
    recorded = data.get("format") if isinstance(data, dict) else None
    name, _, major = (recorded or "").rpartition("/")
    if name not in _READABLE or not major.isdigit():
        raise CortexKitError(f"{path}: not a CortexKit results file (format {recorded!r}; expected "
                             "cortexkit-report/1 or cortexkit-comparison/1; the formats are in docs/formats.md)")
    if int(major) > _READABLE[name]:
        raise CortexKitError(f"{path}: written in format {recorded}, newer than this cortexkit reads "
                             f"(up to {name}/{_READABLE[name]}): update cortexkit")
    return name


def _value(x: Optional[float]) -> float:
    return float("nan") if x is None else float(x)


def read_results(report: Union[str, "os.PathLike[str]"]):
    """Reads a batch report folder (its ``results.json``) or a results file into a long-format DataFrame.

    Args:
        report: a ``cortex report`` output folder, or a path to ``results.json`` / ``result.json``.

    Returns:
        pandas.DataFrame with :data:`COLUMNS`: one row per metric × model × layer × area with its score
        (NaN when undefined); ``best`` marks each area's best layer, which carries the statistics
        (``p_value``, ``ci_*``) when they were computed; the area's noise ceiling and the score as % of it
        are on every row of the area (NaN without ceilings).

    Raises:
        CortexKitError: not a results file, or a newer format.
    """
    import pandas as pd

    path = Path(report)
    if path.is_dir():
        path = path / "results.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CortexKitError(f"{path}: no such file (a report folder holds results.json)") from None
    except json.JSONDecodeError as error:
        raise CortexKitError(f"{path}: not JSON ({error})") from None
    kind = _check_format(data, path)
    comparisons = data["comparisons"] if kind == "cortexkit-report" else [data]
    rows = []
    for c in comparisons:
        ceilings = {a["area"]: a for a in c.get("ceilings") or []}
        signal = (c.get("responses") or {}).get("signal") or "spike_counts"
        response_set = (c.get("responses") or {}).get("name")
        for m in c["models"]:
            best = {b["area"]: b.get("layer") for b in m.get("best", [])}
            statistics = {(s["area"], s["layer"]): s for s in m.get("statistics") or []}
            for l, layer in enumerate(m["layers"]):
                for a, area in enumerate(m["areas"]):
                    score = _value(m["scores"][l][a])
                    s = statistics.get((area, layer["name"]), {})
                    ceiling = ceilings.get(area, {})
                    mean = _value(ceiling.get("mean"))
                    percent = 100 * score / mean if mean == mean and mean > 0 and score == score else float("nan")
                    rows.append({
                        "metric": c.get("metric_short_name"), "metric_name": c.get("metric"), "model": m["model"],
                        "layer": layer["name"], "depth": layer["depth"], "area": area, "score": score,
                        "best": best.get(area) == layer["name"],
                        "p_value": _value(s.get("p_value")), "permutations": s.get("permutations"),
                        "ci_lower": _value(s.get("ci_lower")), "ci_upper": _value(s.get("ci_upper")),
                        "ci_level": _value(s.get("level")), "ci_method": s.get("ci_method"),
                        "ceiling": mean, "ceiling_method": ceiling.get("method"),
                        "ceiling_standard_error": _value(ceiling.get("standard_error")),
                        "ceiling_lower": _value(ceiling.get("lower_bound")),
                        "ceiling_upper": _value(ceiling.get("upper_bound")),
                        "percent_of_ceiling": percent,
                        "above_ceiling": (percent > 100) if percent == percent else None,
                        "signal": signal, "response_set": response_set,
                    })
    return pd.DataFrame(rows, columns=COLUMNS)
