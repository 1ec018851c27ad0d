"""Au144(PET)60 as found: what an ideal structure lacks under MetalFinder's protocol (one run, three checks).

1. The fit range: the best candidates of `cbldm predict --refine-steps 0` under the protocol with rmin 1.5, 2, 2.5,
   3 and 3.5 Å. If the misfit came from the Au-S bonds of the ligand shell (2.3-2.4 Å), leaving them out would lower Rw.
2. One more parameter: the best ideal shape of the catalog screen at delta2 (correlated motion) 0-6 Å² instead of 0.
3. Two phases: the 80 best shapes of the catalog screen, each fitted alone under the protocol, then every pair with
   two least-squares scales (6 parameters in all): the best pair's Rw.
4. Layers: each of the top 3 with one radial factor per atomic layer (`cbldm.evaluate.protocol_layer_fit`, the
   innermost layer fixed): the protocol plus layers - 1 parameters.

Usage: python bench/au144_residual.py [--threads 2]
"""
import argparse, itertools
import numpy as np, torch
from cbldm.catalog import load_catalog, screen
from cbldm.evaluate import protocol_fit, protocol_calc, protocol_layer_fit, METALFINDER
from cbldm.io import example_path
from cbldm.predict import Predictor, prepare_pdf

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    pred = Predictor(refine_steps=0)
    inp = prepare_pdf(example_path('Au144PET_100K-00000.gr'), pred.r)
    top = pred([inp], 'Au', 8, 0)[0].candidates[:3]
    print('1. fit range (as found, top 3:', ', '.join(f'{c.n_atoms} {c.source}' for c in top) + ')')
    for rmin in (1.5, 2.0, 2.5, 3.0, 3.5):
        print(f'   rmin {rmin} Å: best of top 3 Rw {min(f.rwp for f in protocol_fit(top, inp, "Au", rmin=rmin)):.3f}')
    calc = protocol_calc(inp)
    cat = load_catalog()
    k, _, b = screen(cat, inp.r, inp.G, calc, stretch=np.linspace(0.97, 1.03, 7), uiso=(0.004, 0.007, 0.01), top=80, rmax=METALFINDER['rmax'])
    pos = [cat.atoms(int(i), 'Au', bond=float(bb)).positions for i, bb in zip(k, b)]
    f = protocol_fit(pos, inp, 'Au')
    j0 = int(np.argmin([x.rwp for x in f]))
    print(f'2. delta2, best ideal shape {cat.name(k[j0])} ({cat.n_atoms[k[j0]]} atoms, Rw {f[j0].rwp:.3f} at delta2 0):')
    for d2 in (1.0, 2.0, 4.0, 6.0):
        print(f'   delta2 {d2:g} Å²: Rw {protocol_fit([pos[j0]], inp, "Au", delta2=d2)[0].rwp:.3f}')
    sel = (inp.r >= METALFINDER['rmin']) & (inp.r <= METALFINDER['rmax'])
    with torch.no_grad():
        Gs = np.array([calc.forward(torch.as_tensor(p, dtype=torch.float32), None, torch.full((len(p),), 79), uiso=float(u),
                                    expansion=float(e)).double().numpy()[sel] for p, (_, _, e, u) in zip(pos, f)])
    y, best = inp.G[sel], (np.inf, None)
    for i, j in itertools.combinations(range(len(pos)), 2):
        A = Gs[[i, j]].T; c = np.linalg.lstsq(A, y, rcond=None)[0]
        if (c > 0).all():
            rw = float(np.sqrt(((y - A @ c)**2).sum() / (y**2).sum()))
            if rw < best[0]: best = (rw, f'{cat.name(k[i])} + {cat.name(k[j])}')
    print(f'3. two phases, best pair of the 80 best shapes: {best[1]}, Rw {best[0]:.3f}')
    print('4. layers relaxed radially (as found, top 3)')
    for c in top:
        lf = protocol_layer_fit(c, inp, 'Au')
        print(f"   {c.n_atoms} {c.source}: layers {np.bincount(lf['layers']).tolist()}, factors {np.round(lf['factors'], 3).tolist()}, "
              f"Rw {lf['rw']:.3f} with {lf['n_params']} parameters")

if __name__ == '__main__': main()
