"""Particles that are not ideal shapes: cbldm predict on simulated PDFs of perturbed clusters, one table.

Set (`cbldm.evaluate.nonideal_pdfs`): families in balance, a random shape of each family whose largest pair distance
is at most 30 Å (13-256 atoms), a random metal among the 28, then 1-8 % of the surface atoms removed, the surface
relaxed with ASE's EMT (Al, Cu, Ag, Au, Ni, Pd, Pt), an anisotropic strain of ±3 %, Gaussian displacements of
0.03-0.08 Å; the PDF at the paper's settings. The shipped lattice model was fine-tuned on such particles (other random draws);
--model compares another one (e.g. the weights before the fine-tuning).

Rows: `cbldm predict` as it runs by default (the model and the catalog, few-parameter fit, restrained atom refinement
of the best 3 of each source), the same without the atom refinement (few-parameter fit only: 5 parameters), the model
alone, and the catalog alone. Columns: median Rwp of the best candidate (1.5-30 Å), the share whose best candidate has
the ideal parent's atom count, the share of inputs whose every candidate is physically plausible, the median best
generated and best catalog Rwp and how often the generated one is better, the ideal parent's own Rwp (few-parameter
fit), the median number of refined parameters of the best candidate, and CPU seconds per input.

Usage: python bench/nonideal.py [--n 70] [--seed 0] [--threads 2] [--rows default few model catalog] [--model WEIGHTS]
"""
import argparse, time
from pathlib import Path
import numpy as np, torch
from cbldm.data import build_shapes
from cbldm.predict import Predictor, load_model
from cbldm.evaluate import nonideal_pdfs, score_nonideal, nonideal_table

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--n', type=int, default=70, help='PDFs (a multiple of 7 keeps the families in balance)')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--rows', nargs='+', default=['default', 'few', 'model', 'catalog'], choices=['default', 'few', 'model', 'catalog'],
                    help='settings to run: default cbldm predict, few-parameter fit only, model alone, catalog alone')
    ap.add_argument('--model', type=Path, help='lattice weights or checkpoint (default: the shipped model)')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    t0 = time.perf_counter()
    ev = nonideal_pdfs(build_shapes(256), a.n, a.seed)
    print(f"{a.n} non-ideal particles ({time.perf_counter() - t0:.0f} s to build): {int(ev['relaxed'].sum())} EMT-relaxed, "
          f"median {np.median(ev['vacancies']):.0f} vacancies, displacements {ev['sigma'].min():.3f}-{ev['sigma'].max():.3f} Å; torch threads {a.threads}\n")
    m = load_model(a.model)
    rows = {'default': ('cbldm predict (default)', lambda: Predictor(m), 8), 'few': ('few-parameter fit only (--refine-steps 0)', lambda: Predictor(m, refine_steps=0), 8),
            'model': ('model alone (--no-catalog)', lambda: Predictor(m, catalog=None), 8), 'catalog': ('catalog alone (--method catalog)', lambda: Predictor(m), 0)}
    print('| setting | median Rwp | parent count | all plausible | generated Rwp | catalog Rwp | generated better | ideal parent Rwp | refined parameters | s / input |')
    print('|---|---|---|---|---|---|---|---|---|---|')
    for key in a.rows:
        name, make, K = rows[key]
        t = nonideal_table(score_nonideal(make(), ev, K, a.seed))
        print(f"| {name} | {t['rwp']:.3f} | {100 * t['parent_count']:.0f} % | {100 * t['plausible']:.0f} % | {t['rwp_generated']:.3f} | {t['rwp_catalog']:.3f} | "
              f"{100 * t['generated_better']:.0f} % | {t['rwp_parent']:.3f} | {t['n_params']:.0f} | {t['seconds']:.2f} |", flush=True)

if __name__ == '__main__': main()
