#!/usr/bin/env python3
"""Builds datasets/demo-movie.npy, the demo's stand-in for Allen's natural_movie_one template.

Source: `vtest.avi` (768 x 576, 795 frames at 10 fps, a static camera watching pedestrians) from
Debian's `opencv-doc` package (OpenCV samples, licence Apache-2.0 AND BSD-3-Clause, see the package's
copyright file). The Allen movie itself cannot be downloaded on these machines.

Conversion (deterministic): the first 300 frames, decoded to 8-bit grayscale with the ffmpeg binary
of `imageio-ffmpeg`; centre crop to the Allen template's 1:2 aspect (768 x 384); downsampled 6x by
block averaging (rounded half up) to 64 x 128. Output: uint8, shape (300, 64, 128), frames x rows x
columns, as Allen's template (900 x 304 x 608).

Run from the repository root (needs apt access and PyPI):
    python3 -m pip install imageio-ffmpeg==0.6.0 numpy==2.4.6
    python3 scripts/make_demo_movie.py
"""
import hashlib
import os
import pathlib
import subprocess
import sys
import tempfile

import imageio_ffmpeg
import numpy as np

FRAMES, FACTOR = 300, 6
ROOT = pathlib.Path(__file__).resolve().parent.parent


def fetch_vtest(workdir: pathlib.Path) -> pathlib.Path:
    subprocess.run(["apt-get", "download", "opencv-doc"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deb = next(workdir.glob("opencv-doc_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(workdir / "x")], check=True)
    print("source package:", deb.name)
    return workdir / "x/usr/share/doc/opencv-doc/examples/data/vtest.avi"


def decode(path: pathlib.Path) -> np.ndarray:
    reader = imageio_ffmpeg.read_frames(str(path), pix_fmt="gray", bits_per_pixel=8,
                                        output_params=["-vsync", "passthrough"])
    meta = next(reader)
    width, height = meta["size"]
    frames = [np.frombuffer(b, np.uint8).reshape(height, width) for b in reader]
    return np.stack(frames)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        video = fetch_vtest(pathlib.Path(tmp))
        print("vtest.avi sha256:", hashlib.sha256(video.read_bytes()).hexdigest())
        movie = decode(video)
    assert movie.shape[0] >= FRAMES, movie.shape
    movie = movie[:FRAMES]
    h, w = movie.shape[1:]
    crop_h = w // 2
    top = (h - crop_h) // 2
    movie = movie[:, top:top + crop_h, :].astype(np.float64)
    n, h, w = movie.shape
    small = movie.reshape(n, h // FACTOR, FACTOR, w // FACTOR, FACTOR).mean(axis=(2, 4))
    out = np.floor(small + 0.5).astype(np.uint8)
    target = ROOT / "datasets" / "demo-movie.npy"
    tmp_target = target.with_suffix(".npy.tmp")
    with open(tmp_target, "wb") as f:
        np.save(f, out)
    os.replace(tmp_target, target)
    print("wrote", target.relative_to(ROOT), out.shape, out.dtype,
          "sha256", hashlib.sha256(target.read_bytes()).hexdigest())


if __name__ == "__main__":
    sys.exit(main())
