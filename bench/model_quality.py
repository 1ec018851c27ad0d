"""The shipped model stage by stage, in one run (issue 13 §6):

1. the representation: every shape of the enumeration from its site occupancy (the lattice-site model's decoder
   target) and from its exact affinity matrix (`cbldm.laplacian`): the defaults (bond units) on every shape, the
   paper's t = 260 Å² on every 12th;
2. the autoencoder alone on the shapes it trained on (all shapes for the shipped model), and, from a research run
   trained on the training split only (`--heldout-run`, trained here if it is missing: autoencoder 8000 steps, as
   shipped, about 10 min), on its training shapes and on the held-out shapes;
3. the model alone (no catalog, no atom moves; scale, expansion and Uiso fitted) on simulated PDFs drawn as a user
   meets them (families in balance, random metals, bond ±1.5 %), nominal and varied settings; warm start against pure
   noise; 10/20/50 denoiser calls;
4. the model alone through `cbldm predict` (Predictor, catalog off) before and after the PDF refinement, and the whole
   `cbldm predict` (catalog on);
with the original CbLDM's published figures beside.
Run: `python bench/model_quality.py [--n 70] [--shapes 2488] [--heldout-run runs/ldm-heldout | --heldout-run none]`.
"""
import argparse, time
import numpy as np
import torch
from scipy.spatial.distance import pdist
from ase.data import chemical_symbols
from cbldm.data import build_shapes
from cbldm.predict import Predictor, Input, load_model
from pathlib import Path
from cbldm.ldm_score import ae_round_trip, evaluation_pdfs, score_model, summary
from cbldm.sites import SiteDictionary
from cbldm.ldm_train import train_ldm
from cbldm.train import load_checkpoint
from cbldm.ldm import load_ldm
from cbldm.laplacian import to_matrix, from_matrix_batch, bond_unit

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument('--n', type=int, default=70, help='simulated PDFs per set (families in balance)')
ap.add_argument('--shapes', type=int, default=2488, help='shapes for the representation and autoencoder rows (every k-th)')
ap.add_argument('--candidates', type=int, default=8)
ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--heldout-run', default='runs/ldm-heldout', help="research run on the training split for the held-out autoencoder rows ('none' to skip)")
a = ap.parse_args()
torch.set_num_threads(a.threads)
t_all = time.perf_counter()
tab = build_shapes(256)
model = load_model()
ids = np.linspace(0, len(tab) - 1, min(a.shapes, len(tab))).round().astype(int)
rows = []

# 1. representation
sd, occ = SiteDictionary.from_table(tab)
err = [np.abs(np.sort(pdist(sd.positions(occ[i] > 0))) - np.sort(pdist(tab.positions[i, :tab.n_atoms[i]]))).max() * 2.884
       for i in ids if tab.n_atoms[i] > 1]
rows.append(('representation: site occupancy -> structure (max |Δd|, Au)', f"{len(ids)} shapes", f"max {max(err):.1e} Å"))
def round_trip(sel, **kw):
    "Pair MAE [Å] of each shape of `sel` (Au) from its exact matrix, in chunks."
    out = []
    for k in range(0, len(sel), 64):
        c = [tab.atoms(i, 'Au') for i in sel[k:k + 64]]
        W = np.stack([to_matrix(x, **kw) for x in c])
        rec = from_matrix_batch(W, n_atoms=tab.n_atoms[sel[k:k + 64]], **kw)
        if not kw: rec = [r * bond_unit(x) for r, x in zip(rec, c)]   # bond units -> Å, each structure its own bond
        out += [np.abs(np.sort(pdist(r)) - np.sort(pdist(x.positions))).mean() for r, x in zip(rec, c)]
    return np.array(out)
for label, sel, kw in (('to_matrix/from_matrix defaults (bond units, t = 100 bond²)', ids, {}),
                       ('the paper: t = 260 Å², w_min = 1e-3', ids[::max(1, len(ids) // 200)], dict(t=260.0))):
    pe = round_trip(sel, **kw)
    rows.append((f"representation: exact W -> structure, {label}", f"{len(sel)} shapes",
                 f"pair MAE median {np.median(pe):.1e} Å, max {pe.max():.2g} Å, < 0.01 Å for {np.mean(pe < 0.01):.1%}"))

# 2. autoencoder on its training shapes
rt = ae_round_trip(model, tab, ids)
rows.append((f"autoencoder on trained shapes ({model.info['split'] or 'all shapes'})", f"{rt['n']} shapes",
             f"exact count {rt['exact_count']:.1%}, identical {rt['identical']:.1%}, median pair error {rt['pair_error']:.3f} Å"))

if a.heldout_run != 'none':
    last = Path(a.heldout_run) / 'last.pt'
    if not (last.exists() and load_checkpoint(last)['stage'] >= 2):
        train_ldm('small', a.heldout_run, steps=dict(ae=8000, pdf=1, bank=64), split='train', threads=a.threads)
    ho = load_ldm(last)
    for split in ('train', 'test'):
        rt = ae_round_trip(ho, tab, tab.indices(split))
        rows.append((f"autoencoder of the research run (training split only) on its {split} shapes", f"{rt['n']} shapes",
                     f"exact count {rt['exact_count']:.1%}, identical {rt['identical']:.1%}, median pair error {rt['pair_error']:.3f} Å"))

# 3. model alone
sets = {s: evaluation_pdfs(tab, a.n, s) for s in ('nominal', 'augmented')}
for s, ev in sets.items():
    for warm, steps in ((True, 20), (False, 20), (True, 10), (True, 50)):
        if s == 'augmented' and (steps != 20): continue
        t0 = time.perf_counter()
        res = score_model(model, ev, tab, a.candidates, steps, warm)
        sm = summary(res)['all']
        rows.append((f"model alone, {s} settings, {'warm' if warm else 'cold'} start, {steps} calls", f"{a.n} PDFs",
                     f"median Rwp {sm['median_rwp']:.3f}, exact count {sm['exact_count']:.1%}, {(time.perf_counter() - t0) / a.n:.2f} s/input"))
        if warm and steps == 20:
            fam = ', '.join(f"{k} {v['median_rwp']:.2f}/{v['exact_count']:.0%}" for k, v in summary(res).items() if k != 'all')
            rows.append((f"  per family (median Rwp / exact count)", '', fam))

# 4. through cbldm predict: the model alone before/after refinement, and with the catalog
ev = sets['nominal']
meta = dict(qmin=0.7, qmax=25.0)
for name, kw in (('cbldm predict --no-catalog --refine-steps 0', dict(catalog=None, refine_steps=0)),
                 ('cbldm predict --no-catalog (restrained atom refinement: 40 steps, moves ≤ 0.3 Å)', dict(catalog=None)),
                 ('cbldm predict (with the catalog)', dict())):
    pred = Predictor(model, **kw)
    rw, ex, t0 = [], [], time.perf_counter()
    for i in range(len(ev['G'])):
        inp = Input(f"sim{i}", ev['r'], ev['G'][i], meta)
        p = pred([inp], chemical_symbols[int(ev['Z'][i])], a.candidates, seed=0)[0]
        rw.append(p.best.rwp); ex.append(p.best.n_atoms == tab.n_atoms[ev['shape'][i]])
    rows.append((name, f"{a.n} PDFs", f"median Rwp {np.median(rw):.3f}, exact count {np.mean(ex):.1%}, {(time.perf_counter() - t0) / a.n:.2f} s/input"))

rows.append(("original CbLDM (released predictions, its own test set)", '', "median Rwp 0.92 (0.305 on its better half), exact count 39.6 %"))
w = max(len(r[0]) for r in rows)
print(f"cbldm model quality, stage by stage ({time.perf_counter() - t_all:.0f} s, {a.threads} threads)")
for r in rows: print(f"{r[0]:<{w}}  {r[1]:>12}  {r[2]}")
