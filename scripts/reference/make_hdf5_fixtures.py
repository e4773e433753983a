#!/usr/bin/env python3
"""HDF5 fixtures for CortexKit's HDF5 layer (Tests/CortexHDF5Tests), written by h5py.

h5py is independent software (its own bundled HDF5), so these files check that CortexHDF5 reads
what the Python ecosystem (pynwb, AllenSDK) writes. Run from the repository root:
    python3 -m pip install -r scripts/reference/requirements.txt   # h5py==3.16.0, numpy==2.4.6
    python3 scripts/reference/make_hdf5_fixtures.py

Writes into Tests/CortexHDF5Tests/Fixtures/:
    numeric.h5      every integer width (signed and unsigned), float32/64, big-endian, bool, 2-D, 3-D,
                    chunked+gzip, empty (0 rows), scalars
    strings.h5      variable-length UTF-8 and ASCII, fixed-length null-padded and space-padded ASCII,
                    fixed-length UTF-8, scalar strings
    structure.h5    nested groups, soft and external links, a named type, object references,
                    an NWB-like compound `timeseries` column, attributes of every kind
    ragged.h5       spike_times (float64) + spike_times_index in uint16, uint32 and int64
    latest.h5       libver='latest' with a chunked+gzip dataset (HDF5 1.10 cannot open it)
    expected.json   every value written above, for the Swift tests to compare against

Values use the default libver (earliest) except latest.h5. Float values are dyadic rationals
(exact in binary), so JSON round trips are exact.
"""
import json
import os

import h5py
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "CortexHDF5Tests",
                   "Fixtures")


def ramp(n, scale=0.25, offset=-3.0):
    """offset + scale * i: exactly representable in float32 and float64."""
    return offset + scale * np.arange(n, dtype=np.float64)


def write_numeric(expected):
    e = {"integers": {}, "floats": {}}
    with h5py.File(os.path.join(OUT, "numeric.h5"), "w") as f:
        ints = f.create_group("integers")
        for dtype in ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8"]:
            info = np.iinfo(dtype)
            if info.min < 0:
                values = np.array([info.min, -1, 0, 1, 2, info.max], dtype=dtype)
            else:
                values = np.array([0, 1, 2, 100, info.max // 2, info.max], dtype=dtype)
            ints.create_dataset(np.dtype(dtype).name, data=values)
            e["integers"][np.dtype(dtype).name] = [int(v) for v in values]
        floats = f.create_group("floats")
        f32 = ramp(7).astype(np.float32)
        f64 = ramp(9, scale=0.125, offset=-0.5)
        floats.create_dataset("float32", data=f32)
        floats.create_dataset("float64", data=f64)
        floats.create_dataset("float64_be", data=f64.astype(">f8"))
        floats.create_dataset("int32_be", data=np.arange(-3, 4, dtype=">i4"))
        e["floats"]["float32"] = [float(v) for v in f32]
        e["floats"]["float64"] = f64.tolist()
        e["floats"]["int32_be"] = list(range(-3, 4))
        bools = np.array([True, False, False, True, True])
        f.create_dataset("bool", data=bools)
        e["bool"] = bools.tolist()
        matrix = ramp(12).reshape(3, 4)
        f.create_dataset("matrix_3x4", data=matrix)
        e["matrix_3x4"] = matrix.ravel().tolist()
        cube = np.arange(24, dtype=np.int32).reshape(2, 3, 4) - 10
        f.create_dataset("cube_2x3x4", data=cube)
        e["cube_2x3x4"] = cube.ravel().tolist()
        # 50 x 6 float32 in 8 x 6 gzip chunks: row reads cross chunk boundaries.
        chunked = ramp(300, scale=0.5, offset=-20.0).astype(np.float32).reshape(50, 6)
        f.create_dataset("chunked_gzip", data=chunked, chunks=(8, 6), compression="gzip",
                         compression_opts=4, shuffle=True)
        e["chunked_gzip"] = [float(v) for v in chunked.ravel()]
        f.create_dataset("empty", data=np.zeros((0,), dtype=np.float64))
        f.create_dataset("empty_2d", data=np.zeros((0, 3), dtype=np.int64))
        f.create_dataset("scalar_float", data=np.float64(2.5))
        f.create_dataset("scalar_int", data=np.int16(-42))
        e["scalar_float"] = 2.5
        e["scalar_int"] = -42
    expected["numeric"] = e


def write_strings(expected):
    e = {}
    utf8 = ["VISp", "μm", "ünits", "", "LGd", "CA1 – hippocampus"]
    ascii_values = ["good", "noise", "", "a longer ascii value"]
    fixed = [b"ab", b"cde", b"", b"fghij"]
    with h5py.File(os.path.join(OUT, "strings.h5"), "w") as f:
        f.create_dataset("vlen_utf8", data=utf8, dtype=h5py.string_dtype("utf-8"))
        f.create_dataset("vlen_ascii", data=[s.encode("ascii") for s in ascii_values],
                         dtype=h5py.string_dtype("ascii"))
        # numpy 'S' gives fixed-length ASCII, null-padded.
        f.create_dataset("fixed_nullpad", data=np.array(fixed, dtype="S5"))
        # Space padding needs the low-level API: a space-padded type, written with itself as memory
        # type (no conversion), from values padded with spaces.
        tid = h5py.h5t.C_S1.copy()
        tid.set_size(6)
        tid.set_strpad(h5py.h5t.STR_SPACEPAD)
        space = h5py.h5s.create_simple((len(fixed),))
        dsid = h5py.h5d.create(f.id, b"fixed_spacepad", tid, space)
        dsid.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array([s.ljust(6) for s in fixed], dtype="S6"), mtype=tid)
        fixed_utf8 = ["μm", "VISp", ""]
        # Fixed-length UTF-8: write the encoded bytes with the file type as memory type (no conversion).
        utf8_fixed = f.create_dataset("fixed_utf8", shape=(len(fixed_utf8),), dtype=h5py.string_dtype("utf-8", 8))
        utf8_fixed.id.write(h5py.h5s.ALL, h5py.h5s.ALL,
                            np.array([s.encode("utf-8") for s in fixed_utf8], dtype="S8"),
                            mtype=utf8_fixed.id.get_type())
        matrix = [["a", "bb"], ["ccc", "μ"]]
        f.create_dataset("vlen_2x2", data=matrix, dtype=h5py.string_dtype("utf-8"))
        f.create_dataset("scalar_vlen", data="session μ description", dtype=h5py.string_dtype("utf-8"))
        f.create_dataset("scalar_fixed", data=np.bytes_(b"2.2.5"))
        f.create_dataset("not_strings", data=ramp(3))
    e["vlen_utf8"] = utf8
    e["vlen_ascii"] = ascii_values
    e["fixed_nullpad"] = [s.decode() for s in fixed]
    e["fixed_spacepad"] = [s.decode() for s in fixed]
    e["fixed_utf8"] = fixed_utf8
    e["vlen_2x2"] = [s for row in matrix for s in row]
    e["scalar_vlen"] = "session μ description"
    e["scalar_fixed"] = "2.2.5"
    expected["strings"] = e


def write_structure(expected):
    e = {}
    with h5py.File(os.path.join(OUT, "structure.h5"), "w") as f:
        # Attributes on the file (root group).
        f.attrs["title"] = "CortexKit fixture – μ"                     # scalar vlen UTF-8
        f.attrs["colnames"] = ["spike_times", "quality", "location"]   # vlen string array
        f.attrs["fixed_ascii"] = np.bytes_(b"NWB-2.2.5")               # scalar fixed-length ASCII
        f.attrs["rate"] = np.float32(29.75)
        f.attrs["counts"] = np.array([3, -1, 70000], dtype=np.int32)
        f.attrs["big"] = np.uint64(2**40 + 3)
        # Nested groups and a dataset deep inside.
        deep = f.create_group("a/b/c")
        deep.create_dataset("values", data=ramp(5))
        deep.attrs["unit"] = "ünits"
        deep["values"].attrs["conversion"] = 0.5
        deep["values"].attrs["resolution"] = np.float32(-1.0)
        deep["values"].attrs["shape_hint"] = np.array([[1, 2], [3, 4]], dtype=np.uint8)
        # Links and a named datatype.
        f["soft_values"] = h5py.SoftLink("/a/b/c/values")
        f["external"] = h5py.ExternalLink("elsewhere.h5", "/data")
        f["named_type"] = np.dtype("<f4")
        # Object references, NWB-like: electrodes.group -> probes; a column referencing a dataset.
        probes = f.create_group("general/extracellular_ephys")
        for name in ["probeA", "probeB"]:
            probes.create_group(name).attrs["description"] = f"{name} description"
        refs = [probes["probeA"].ref, probes["probeB"].ref, probes["probeA"].ref, deep["values"].ref]
        f.create_dataset("group_refs", data=refs, dtype=h5py.ref_dtype)
        # An NWB TimeIntervals `timeseries` column: compound (idx_start i4, count i4, object ref).
        series = f.create_group("processing/stimulus/timestamps")
        series.create_dataset("data", data=ramp(10))
        running = f.create_group("processing/running/running_speed")
        running.create_dataset("data", data=ramp(4))
        ts_dtype = np.dtype([("idx_start", "<i4"), ("count", "<i4"), ("timeseries", h5py.ref_dtype)])
        rows = [(0, 3, series.ref), (3, 2, series.ref), (5, 1, running.ref), (-1, -1, series.ref)]
        intervals = f.create_group("intervals/natural_movie_one_presentations")
        intervals.create_dataset("timeseries", data=np.array(rows, dtype=ts_dtype))
        intervals.create_dataset("timeseries_index", data=np.array([1, 3, 4], dtype=np.int64))
    e["root_attributes"] = {"title": "CortexKit fixture – μ", "colnames": ["spike_times", "quality", "location"],
                            "fixed_ascii": "NWB-2.2.5", "rate": 29.75, "counts": [3, -1, 70000],
                            "big": 2**40 + 3}
    e["values"] = ramp(5).tolist()
    e["group_refs"] = ["/general/extracellular_ephys/probeA", "/general/extracellular_ephys/probeB",
                       "/general/extracellular_ephys/probeA", "/a/b/c/values"]
    e["timeseries"] = {"idx_start": [r[0] for r in rows], "count": [r[1] for r in rows],
                       "timeseries": ["/processing/stimulus/timestamps", "/processing/stimulus/timestamps",
                                      "/processing/running/running_speed", "/processing/stimulus/timestamps"]}
    expected["structure"] = e


def write_ragged(expected):
    # 4 units owning 3, 0, 5 and 2 spikes: index[i] is the exclusive end offset of unit i.
    counts = [3, 0, 5, 2]
    index = np.cumsum(counts)
    times = np.concatenate([np.sort(ramp(c, scale=0.375, offset=u * 10.0)) for u, c in enumerate(counts)])
    with h5py.File(os.path.join(OUT, "ragged.h5"), "w") as f:
        for dtype in ["uint16", "uint32", "int64"]:
            units = f.create_group(f"units_{dtype}")
            units.create_dataset("spike_times", data=times)
            units.create_dataset("spike_times_index", data=index.astype(dtype))
    expected["ragged"] = {"spike_times": times.tolist(), "spike_times_index": index.tolist(),
                          "flavours": ["uint16", "uint32", "int64"]}


def write_latest(expected):
    data = ramp(64, scale=0.5).reshape(16, 4)
    with h5py.File(os.path.join(OUT, "latest.h5"), "w", libver="latest") as f:
        f.create_dataset("data", data=data, chunks=(4, 4), compression="gzip")
    expected["latest"] = {"data": data.ravel().tolist(), "shape": list(data.shape)}


def main():
    assert h5py.__version__ == "3.16.0", f"pinned h5py 3.16.0, found {h5py.__version__}"
    assert np.__version__ == "2.4.6", f"pinned numpy 2.4.6, found {np.__version__}"
    os.makedirs(OUT, exist_ok=True)
    expected = {}
    write_numeric(expected)
    write_strings(expected)
    write_structure(expected)
    write_ragged(expected)
    write_latest(expected)
    expected["versions"] = {"h5py": h5py.__version__, "hdf5": h5py.version.hdf5_version, "numpy": np.__version__}
    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as out:
        json.dump(expected, out, indent=1, ensure_ascii=False)
        out.write("\n")


if __name__ == "__main__":
    main()
