"""How often the large catalog enters on PDFs of the model's size: the inputs of bench/compare.py (trained set) for which
`Predictor.catalog_candidates` adds a shape larger than 256 atoms (step 9 of `cbldm predict`). Where it adds none, the
candidates, and so every figure of bench/compare.py, are the same with and without `cbldm.catalog.LARGE_CATALOG_FILE`.

Usage: python bench/large_trigger.py [--n 70] [--seeds 1234 4321] [--threads 2]
"""
import argparse, time
import numpy as np, torch
from cbldm.data import build_shapes
from cbldm.ldm_score import evaluation_pdfs
from cbldm.predict import Predictor, prepare_pdf

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--n', type=int, default=70)
    ap.add_argument('--seeds', type=int, nargs='+', default=[1234, 4321])
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    table, pred = build_shapes(256), Predictor(refine_steps=0)
    for seed in a.seeds:
        ev = evaluation_pdfs(table, a.n, 'nominal', seed=seed)
        t0, hits = time.perf_counter(), []
        for i in range(len(ev['G'])):
            _, src = pred.catalog_candidates(prepare_pdf((ev['r'], ev['G'][i]), pred.r, name=f'pdf{i}'))
            if any(s.endswith('(large)') for s in src): hits.append(f"pdf{i} ({table.n_atoms[int(ev['shape'][i])]} atoms): {[s for s in src if s.endswith('(large)')]}")
        print(f"seed {seed}: the large catalog enters for {len(hits)} of {len(ev['G'])} PDFs ({(time.perf_counter() - t0) / len(ev['G']):.2f} s per screen)", flush=True)
        for h in hits: print('  ', h)

if __name__ == '__main__': main()
