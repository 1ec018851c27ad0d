"""The regression guard of the ranking: `cbldm predict`'s candidates on a fixed set of inputs, and one seed of the comparison.

The set (`tests/data/regression/inputs.npz`, written once by `python tests/regression.py --write-inputs`):
21 simulated PDFs (3 per family, random metals, measured-like settings: `evaluation_pdfs(..., 'augmented')`), 7 PDFs
of non-ideal particles (`nonideal_pdfs`) and the two shipped measured PDFs. `python tests/regression.py --write`
records every candidate of `cbldm predict` (default settings) on each input in `tests/data/regression/predict.json`,
and `bench/compare.py`'s ranking (`compare_methods`, one seed, every method) in `compare.json`.
`tests/test_regression.py` re-runs them and compares: the same candidates (source, atom count), the few-parameter fits'
Rw to 1e-6, the atom-refined Rw to 3e-4 (`diff_predict`).

Usage: python tests/regression.py [--write-inputs] [--write] [--check] [--subset N] [--threads 2]
"""
import argparse, json, sys, time, warnings
from pathlib import Path
import numpy as np, torch

HERE = Path(__file__).resolve().parent / 'data' / 'regression'
FIELDS = ('source', 'n_atoms', 'rwp', 'rwp0', 'scale', 'expansion', 'uiso', 'qdamp', 'delta2', 'qmin', 'n_params', 'refined')
MEASURED = (('Au144PET_100K-00000.gr', 'Au'), ('JQ_S1.gr', 'Pt'))
COMPARE_N, COMPARE_SEED = 14, 1234

def write_inputs():
    "Draw the simulated and non-ideal inputs once and store them (float64) with their metals."
    from ase.data import chemical_symbols
    from cbldm.data import build_shapes
    from cbldm.ldm_score import evaluation_pdfs
    from cbldm.evaluate import nonideal_pdfs
    table = build_shapes(256)
    ev = evaluation_pdfs(table, 21, 'augmented', seed=2024)
    ni = nonideal_pdfs(table, 7, seed=11)
    HERE.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(HERE / 'inputs.npz', r_sim=ev['r'], G_sim=ev['G'], Z_sim=ev['Z'], r_nonideal=ni['r'], G_nonideal=ni['G'], Z_nonideal=ni['Z'])

def inputs():
    "[(name, source for `prepare_pdf`, element)] of the set, in order."
    from ase.data import chemical_symbols
    from cbldm.io import example_path
    z = np.load(HERE / 'inputs.npz')
    out = [(f'sim{i:02d}', (z['r_sim'], G), chemical_symbols[int(Z)]) for i, (G, Z) in enumerate(zip(z['G_sim'], z['Z_sim']))]
    out += [(f'nonideal{i}', (z['r_nonideal'], G), chemical_symbols[int(Z)]) for i, (G, Z) in enumerate(zip(z['G_nonideal'], z['Z_nonideal']))]
    out += [(Path(f).stem, example_path(f), el) for f, el in MEASURED]
    return out

def run_predict(names=None) -> dict:
    "Every candidate of `cbldm predict` (default settings, seed 0, 8 generated candidates) on each input: name -> [candidate dict]."
    from cbldm.predict import Predictor, prepare_pdf, NoPlausibleCandidate
    pred = Predictor()
    out = {}
    for name, src, el in inputs():
        if names is not None and name not in names: continue
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            inp = prepare_pdf(src, pred.r, name=name)
        try: cands = pred([inp], el, 8, 0)[0].candidates
        except NoPlausibleCandidate: cands = []
        out[name] = [{k: (int(getattr(c, k)) if k in ('n_atoms', 'n_params', 'refined') else getattr(c, k) if k == 'source' else float(getattr(c, k)))
                      for k in FIELDS} for c in cands]
    return out

def run_compare(n:int=COMPARE_N) -> dict:
    "`bench/compare.py`'s ranking on the trained set, one seed, every method: method -> per-input arrays (as lists)."
    from cbldm.data import build_shapes
    from cbldm.ldm_score import evaluation_pdfs
    from cbldm.catalog import load_catalog
    from cbldm.baselines import METHODS as BASELINES
    from cbldm.predict import Predictor, load_model, BASELINE_WEIGHTS
    from cbldm.evaluate import compare_methods
    table, cat = build_shapes(256), load_catalog()
    lat = load_model()
    P = lambda m, c=None: Predictor(m, refine_steps=0, catalog=c)
    methods = {'cbldm': (P(lat), 8), 'cbldm + catalog': (P(lat, cat), 8), **{m: (P(load_model(BASELINE_WEIGHTS[m])), 8) for m in BASELINES},
               'catalog': (P(lat, cat), 0)}
    ev = evaluation_pdfs(table, n, 'nominal', seed=COMPARE_SEED)
    res = compare_methods(methods, ev, table, seed=COMPARE_SEED)
    keep = ('n_pred', 'rwp', 'rwp_scale', 'exact', 'as_good', 'top1', 'top3', 'rwp_true', 'n_cand')
    return {m: {k: np.asarray(o[k]).tolist() for k in keep} for m, o in res.items()}

REFINED_TOL = 1e-2   # Rw of atom-refined candidates: 40 float32 Adam steps, which MKL's CPU dispatch moves by up to 5e-3
                     # (the same code and inputs with MKL_ENABLE_INSTRUCTIONS=AVX2 against the AVX-512 default, one machine)

def diff_predict(got:dict, ref:dict, tol:float=1e-6, refined_tol:float=REFINED_TOL) -> list:
    """Differences between two `run_predict` results (inputs of `got` only): a list of readable lines, empty when they match.

    The same candidates (source and atom count, in any order among near-ties), every few-parameter fit (`rwp0`, the
    settings) to `tol`, the Rw of atom-refined candidates to `refined_tol`; whether a refinement was kept may differ
    only where it gained less than `refined_tol`."""
    bad = []
    key = lambda c: (c['source'], c['n_atoms'], round(c['rwp0'], 4))
    for name, cs in got.items():
        rs = ref[name]
        a, b = sorted(cs, key=key), sorted(rs, key=key)
        if [k[:2] for k in map(key, a)] != [k[:2] for k in map(key, b)]:
            bad.append(f"{name}: candidates {[(c['source'], c['n_atoms']) for c in cs]} != {[(c['source'], c['n_atoms']) for c in rs]}"); continue
        for c, r in zip(a, b):
            small_gain = min(c['rwp0'] - c['rwp'], r['rwp0'] - r['rwp']) < refined_tol
            for f in FIELDS:
                if f == 'source': continue
                x, y = c[f], r[f]
                if f in ('refined', 'n_params') and x != y and small_gain and c['refined'] != r['refined']: continue
                refined = c['refined'] or r['refined']
                ok = (x == y or (np.isnan(x) and np.isnan(y)) or (f == 'rwp0' and abs(x - y) <= tol)
                      or (f == 'rwp' and abs(x - y) <= (refined_tol if refined else tol))
                      or (f not in ('rwp', 'rwp0', 'n_atoms', 'n_params', 'refined') and abs(x - y) <= (5e-2 if refined and f == 'scale' else 1e-4) * max(1.0, abs(y))))
                if not ok: bad.append(f"{name} {c['source']} ({c['n_atoms']} atoms): {f} {x!r} != {y!r}")
    return bad

COMPARE_TOL = 3e-5   # the same commit gives Rw up to ~1e-5 apart on two installs of the same package ranges (float32 fits)

def diff_compare(got:dict, ref:dict, tol:float=COMPARE_TOL) -> list:
    "Differences between two `run_compare` results."
    bad = []
    for m, o in ref.items():
        for k, v in o.items():
            a, b = np.asarray(got[m][k], float), np.asarray(v, float)
            if a.shape != b.shape or not np.allclose(a, b, rtol=0, atol=tol, equal_nan=True):
                bad.append(f"{m}: {k} {a.tolist()} != {b.tolist()}")
    return bad

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--write-inputs', action='store_true'); ap.add_argument('--write', action='store_true')
    ap.add_argument('--check', action='store_true'); ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--no-compare', action='store_true')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if a.write_inputs: write_inputs()
    t0 = time.perf_counter()
    got = run_predict()
    print(f"predict: {len(got)} inputs, {time.perf_counter() - t0:.1f} s", flush=True)
    t1 = time.perf_counter()
    cmp = None if a.no_compare else run_compare()
    if cmp is not None: print(f"compare: {time.perf_counter() - t1:.1f} s", flush=True)
    if a.write:
        (HERE / 'predict.json').write_text(json.dumps(got, indent=0))
        if cmp is not None: (HERE / 'compare.json').write_text(json.dumps(cmp))
    if a.check:
        bad = diff_predict(got, json.loads((HERE / 'predict.json').read_text()))
        if cmp is not None: bad += diff_compare(cmp, json.loads((HERE / 'compare.json').read_text()))
        print('\n'.join(bad) or 'the fixture matches')
        sys.exit(bool(bad))

if __name__ == '__main__': main()
