#!/usr/bin/env python3
"""Reference values for SVCCA, PWCCA, Procrustes and ridge on tall (frames > units), wide (units >
frames) and mixed inputs: CortexKit computes each side on its smaller side (a thin SVD of the data
or a p × p primal ridge when frames > units, the n × n Gram when units >= frames), and these cases
check both routes against the same independent numpy/scipy/scikit-learn computations.

Run from the repository root:
    python3 -m pip install -r scripts/reference/requirements.txt   # numpy, scipy, rsatoolbox, scikit-learn
    python3 scripts/reference/smaller_side_reference.py

Writes Tests/CortexSimilarityTests/Fixtures/smaller_side.json, read by SmallerSideTests.swift.
Inputs come from fixed seeds and are written into the JSON (float repr round-trips).

Independent implementations (imported from the two existing reference scripts, unchanged):
- SVCCA / PWCCA (uncapped, top-k or every dimension above rank): numpy SVD of the centred data + QR +
  SVD (similarity_reference.svcca / pwcca); capped SVCCA/PWCCA at 99 % variance
  (metrics_reference.cca_case).
- Procrustes: nuclear norm of the normalised cross-product X̃ᵀỸ (similarity_reference.procrustes).
- Ridge: scikit-learn Ridge inside cross_val_predict(KFold) (mean Pearson r) and in-sample R²
  (similarity_reference.ridge_cv / ridge_in_sample); the study's PCA + Ridge in-sample R² with
  svd_solver='full' (metrics_reference.ridge_study).
"""
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import metrics_reference as mr        # noqa: E402  (asserts the pinned versions)
import similarity_reference as sr     # noqa: E402

OUT = HERE.parents[1] / "Tests" / "CortexSimilarityTests" / "Fixtures"


def case(name, x, y, k, pca_dims):
    sim, dist = sr.procrustes(x, y)
    capped = mr.cca_case(name, x, y)
    return {"name": name, "x": sr.matrix(x), "y": sr.matrix(y), "k": k, "pcaDims": pca_dims,
            "svccaK": sr.svcca(x, y, k), "svccaAll": sr.svcca(x, y, 10 ** 6),
            "pwccaK": sr.pwcca(x, y, k), "pwccaAll": sr.pwcca(x, y, 10 ** 6),
            "svccaCapped": capped["svcca"], "pwccaCapped": capped["pwcca"], "cappedKx": capped["kx"], "cappedKy": capped["ky"],
            "procrustesSimilarity": sim, "procrustesDistance": dist,
            "ridgeCV5": sr.ridge_cv(x, y, 1.0, 5), "ridgeCV3Alpha10": sr.ridge_cv(x, y, 10.0, 3),
            "ridgeInSampleR2": sr.ridge_in_sample(x, y, 1.0),
            "ridgeStudy": mr.ridge_study(x, y, pca_dims)}


def main():
    rng = np.random.default_rng(1616)
    latent = rng.standard_normal((240, 4))
    tall_x = latent @ rng.standard_normal((4, 14)) + 0.6 * rng.standard_normal((240, 14))
    tall_y = np.tanh(latent @ rng.standard_normal((4, 9))) + 0.5 * rng.standard_normal((240, 9))
    # Rank 7 of 10 units (three are combinations of the others): the rank cut of the thin SVD.
    base = rng.standard_normal((120, 7))
    deficient = np.hstack([base, base[:, :3] @ rng.standard_normal((3, 3))]) + 2.0
    deficient_y = base @ rng.standard_normal((7, 6)) + 0.8 * rng.standard_normal((120, 6))
    mixed_latent = rng.standard_normal((40, 3))
    mixed_x = mixed_latent @ rng.standard_normal((3, 8)) + 0.5 * rng.standard_normal((40, 8))
    mixed_y = mixed_latent @ rng.standard_normal((3, 60)) + rng.standard_normal((40, 60))
    wide_latent = rng.standard_normal((30, 5))
    wide_x = wide_latent @ rng.standard_normal((5, 70)) + 0.7 * rng.standard_normal((30, 70))
    wide_y = wide_latent @ rng.standard_normal((5, 45)) + 0.9 * rng.standard_normal((30, 45))
    cases = [case("tall 240x14 vs 240x9", tall_x, tall_y, 4, 5),
             case("tall rank-deficient 120x10 (rank 7) vs 120x6", deficient, deficient_y, 5, 40),
             case("mixed 40x8 (tall) vs 40x60 (wide)", mixed_x, mixed_y, 3, 10),
             case("wide 30x70 vs 30x45", wide_x, wide_y, 4, 10)]
    out = {"generator": "scripts/reference/smaller_side_reference.py", "numpy": np.__version__, "cases": cases}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "smaller_side.json").write_text(json.dumps(out, indent=1) + "\n")
    for c in cases:
        print(c["name"], {k: v for k, v in c.items() if k not in ("name", "x", "y")})


if __name__ == "__main__":
    main()
