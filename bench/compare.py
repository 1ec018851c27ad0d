"""The paper's comparison: every method of `cbldm predict --method` on the same simulated PDFs, one table.

Methods: cbldm (the lattice latent diffusion model alone; and with the catalog, as `cbldm predict` runs by default),
the baselines of `cbldm.baselines` (mlp, cnn, resnet, transformer, cvae, xgboost) and the catalog screen alone. Each
method's candidates are ranked alike (`cbldm.evaluate.compare_methods`): the few-parameter fit (scale, expansion,
Uiso; the data's other settings), physically plausible candidates only, best Rwp first. Reported per method: median
Rwp of the best candidate with the scale only (the structure as generated) and with the few-parameter fit, exact
atom count (of all shapes, and of the shapes whose largest pair distance is at most 30 Å: a rod longer than the
PDF's range shows its length only in the envelope of G(r); methods with the catalog walk it, `cbldm.catalog.walk_shapes`), the share of PDFs whose best candidate fits as well as
the true shape fitted alike (Rwp within cbldm.evaluate.AS_GOOD), median aligned RMSD where the count matches, top-1 / top-3 exact shape, model evaluations per candidate
(denoiser calls for cbldm), candidates and CPU seconds per input (generation + fit).

Sets (families in balance, the 28 metals, the bond jittered ±1.5 %, the paper's PDF settings; `cbldm.ldm_score.evaluation_pdfs`):
- trained: PDFs of shapes the shipped models were trained on, with random metals (the shipped weights);
- heldout: PDFs of test-split shapes, with the research models trained on the training split (lattice run
  `--heldout-lattice`, default runs/ldm-heldout/last.pt, which needs both its stages trained, and baselines in
  `--heldout-baselines`, trained there if missing) and the catalog of training shapes.
Each set is run with every seed of --seeds (another evaluation draw and sampler seed): differences smaller than the
seed-to-seed change are noise.

Usage: python bench/compare.py [--n 70] [--seeds 1234 4321] [--sets trained heldout] [--candidates 8] [--no-train] [--json runs/compare.json]
       [--methods cbldm 'cbldm + catalog' catalog ...] [--lattice WEIGHTS (trained set; default the shipped model)]
"""
import argparse, json, sys, time
from pathlib import Path
import numpy as np, torch
from cbldm.clusters import FAMILIES
from cbldm.data import build_shapes
from cbldm.ldm_score import evaluation_pdfs
from cbldm.ldm import load_ldm
from cbldm.catalog import load_catalog
from cbldm.baselines import METHODS as BASELINES, train_baseline, export_baseline, load_baseline
from cbldm.predict import Predictor, load_model, BASELINE_WEIGHTS
from cbldm.evaluate import compare_methods, compare_table, print_compare

def predictors(lattice, baselines:dict, catalog, K:int) -> dict:
    "name -> (Predictor, candidates per PDF): the few-parameter fit ranks; no atom refinement (the same for all)."
    P = lambda m, cat=None: Predictor(m, refine_steps=0, catalog=cat)
    return {'cbldm': (P(lattice), K), 'cbldm + catalog': (P(lattice, catalog), K), **{m: (P(b), K) for m, b in baselines.items()},
            'catalog': (P(lattice, catalog), 0)}

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--n', type=int, default=70, help='PDFs per set and seed (a multiple of 7 keeps the families in balance)')
    ap.add_argument('--seeds', type=int, nargs='+', default=[1234, 4321])
    ap.add_argument('--sets', nargs='+', default=['trained', 'heldout'], choices=['trained', 'heldout'])
    ap.add_argument('--candidates', type=int, default=8)
    ap.add_argument('--heldout-lattice', type=Path, default=Path('runs/ldm-heldout/last.pt'))
    ap.add_argument('--heldout-baselines', type=Path, default=Path('runs/baselines-heldout'))
    ap.add_argument('--no-train', action='store_true', help='heldout: leave out the baselines not trained yet (default: train them)')
    ap.add_argument('--json', type=Path, help='also write the tables here')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--methods', nargs='+', help='run only these methods (default: all)')
    ap.add_argument('--lattice', type=Path, help='trained set: lattice weights or checkpoint to compare (default: the shipped model)')
    a = ap.parse_args()
    known = ['cbldm', 'cbldm + catalog', *BASELINES, 'catalog']
    if a.methods and set(a.methods) - set(known): sys.exit(f"unknown methods {sorted(set(a.methods) - set(known))}; expected some of {known}")
    torch.set_num_threads(a.threads)
    table = build_shapes(256)
    cat = load_catalog()
    results = {}
    for s in a.sets:
        if s == 'trained':
            lat = load_model(a.lattice)
            bl = {m: load_model(BASELINE_WEIGHTS[m]) for m in BASELINES if not a.methods or m in a.methods}
            methods = predictors(lat, bl, cat, a.candidates); split = None
        else:
            if not a.heldout_lattice.exists(): sys.exit(f"{a.heldout_lattice} missing: python bench/model_quality.py --heldout-run runs/ldm-heldout trains it")
            lat = load_ldm(a.heldout_lattice)
            pdf_steps = max([h['step'] for h in lat.info['history'] if h.get('stage') == 'pdf'], default=0)
            if pdf_steps < 1000:   # bench/model_quality.py trains only the autoencoder of this run
                sys.exit(f"{a.heldout_lattice}: its PDF network and denoiser are not trained ({pdf_steps} steps); continue the run first: "
                         f"python -c \"from cbldm.ldm_train import train_ldm; train_ldm('small', '{a.heldout_lattice.parent}', split='train')\" (about 45 min on 2 cores)")
            bl = {}
            for m in BASELINES:
                w = a.heldout_baselines / f'baseline-{m}.pt'
                if not w.exists():
                    if a.no_train: print(f"heldout: {m} left out (not trained yet)", file=sys.stderr); continue
                    export_baseline(train_baseline(m, a.heldout_baselines, a.heldout_lattice), w)
                bl[m] = load_baseline(w, lat)
            methods = predictors(lat, bl, cat.select('train'), a.candidates); split = 'test'
        if a.methods: methods = {k: v for k, v in methods.items() if k in a.methods}
        for seed in a.seeds:
            t0 = time.perf_counter()
            ev = evaluation_pdfs(table, a.n, 'nominal', split=split, seed=seed)
            res = compare_methods(methods, ev, table, seed=seed, progress=True)
            key = f'{s}, seed {seed}'
            results[key] = {'all': compare_table(res), **{FAMILIES[f]: compare_table(res, f) for f in range(len(FAMILIES))}}
            print(f"\n## {key}: {a.n} PDFs ({time.perf_counter() - t0:.0f} s, torch threads {torch.get_num_threads()})\n")
            print_compare(results[key]['all'])
            print('\nexact atom count per family: all shapes / shapes whose largest pair distance is at most 30 Å (how many):\n')
            print('| method | ' + ' | '.join(f"{f} ({results[key][f][0]['n_in_range']} of {results[key][f][0]['n']})" for f in FAMILIES) + ' |')
            print('|---' * (len(FAMILIES) + 1) + '|')
            pc = lambda x: '–' if x != x else f'{100 * x:.0f} %'
            for j, name in enumerate(methods):
                print(f'| {name} | ' + ' | '.join(f"{pc(results[key][f][j]['exact'])} / {pc(results[key][f][j]['exact_in_range'])}" for f in FAMILIES) + ' |')
            sys.stdout.flush()
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True); a.json.write_text(json.dumps(results, indent=1))

if __name__ == '__main__': main()
