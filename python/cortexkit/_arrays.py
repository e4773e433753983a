"""numpy arrays as the C ABI's matrix views: (data pointer, rows, columns, strides in elements, dtype).

float64 and float32 arrays go to the library as they lie in memory — C order, Fortran order or any
view whose byte strides are whole elements (a slice ``x[::2]``, a transpose) — without a copy. Other
arrays (integers, other float widths, byte-swapped data, strides that are not whole elements) are
converted to float64 first, which copies.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

FLOAT64, FLOAT32 = 0, 1


@dataclass(frozen=True)
class MatrixView:
    """A 2-D array as the C functions receive it. ``array`` keeps the memory alive during the call."""

    array: np.ndarray
    data: int
    rows: int
    columns: int
    row_stride: int
    column_stride: int
    dtype: int
    copied: bool

    def arguments(self) -> tuple[Any, ...]:
        return (self.data, self.rows, self.columns, self.row_stride, self.column_stride, self.dtype)


def matrix_view(value: Any, name: str) -> MatrixView:
    """``value`` (frames × units) as a :class:`MatrixView`, copied only when the library cannot read it in place.

    A 1-D array is one column; an array of rank > 2 is flattened after its first axis (frames ×
    features), as ``cortex similarity`` reads layer outputs.
    """
    array = np.asarray(value)
    copied = array is not value and not isinstance(value, np.ndarray)
    if array.ndim == 1:
        array = array[:, None]
    elif array.ndim > 2:
        flat = array.reshape(array.shape[0], -1)            # a view when the trailing axes are contiguous
        copied = copied or not np.shares_memory(flat, array)
        array = flat
    elif array.ndim == 0:
        raise ValueError(f"{name}: expected a frames × units matrix, got a scalar")
    native = array.dtype.isnative
    if array.dtype in (np.float64, np.float32) and native and all(s % array.itemsize == 0 for s in array.strides):
        code = FLOAT64 if array.dtype == np.float64 else FLOAT32
    else:
        if array.dtype.kind not in "fiu":
            raise TypeError(f"{name}: expected numbers (float or integer), got dtype {array.dtype}")
        array = np.ascontiguousarray(array, dtype=np.float64)
        code, copied = FLOAT64, True
    row_stride, column_stride = (s // array.itemsize for s in array.strides)
    return MatrixView(array=array, data=array.ctypes.data, rows=array.shape[0], columns=array.shape[1],
                      row_stride=row_stride, column_stride=column_stride, dtype=code, copied=copied)
