#!/usr/bin/env python3
"""A response file as CortexKit wrote it before response files recorded their signal kind:
a current `cortex responses` file with the root attribute `signal` removed (h5py). Its test checks
that such a file reads as spike counts.

    cortex responses datasets/demo-session.nwb --areas VISp -o /tmp/r.h5
    python3 scripts/reference/make_legacy_response_fixture.py /tmp/r.h5 \
        Tests/CortexNWBTests/Fixtures/responses-without-signal.h5
"""
import shutil, sys
import h5py

source, target = sys.argv[1], sys.argv[2]
shutil.copyfile(source, target)
with h5py.File(target, "r+") as f:
    del f.attrs["signal"]
    print(target, dict((k, f.attrs[k]) for k in ("format", "stimulus")), list(f.keys()))
