"""Throughput of cbldm.pdf.DebyePDF against DebyeCalculator, on two sets of clusters, measured in one run.

Sets (both seeded, 5-256 atoms, metals drawn uniformly from cbldm.clusters.METALS):
  family-balanced   the seven FAMILIES in turn (SC, BCC, FCC, HCP, Ico, Dec, Oct; counts differ by at most one),
                    each drawn with sample_clusters(families=(f,)), i.e. uniform over that family's shapes;
  enumeration mix   sample_clusters over all families: uniform over the shape enumeration (mostly long HCP rods).
Settings: DeepStruc/CbLDM (qmin 0.7, qmax 25, qdamp 0.04, Biso 0.3, r 0-30 Å step 0.01: 3000 points), delta2 = 2.

Reference: DebyeCalculator (pip package `debyecalculator`), timed in both documented ways of calling it,
`gr(list)` for the whole set and `gr(atoms)` one structure at a time; the faster of the two is the reference of the
ratio column, on the same device (cpu rows against DebyeCalculator on the cpu; with --device cuda, cuda rows against
DebyeCalculator on cuda). Times are the best of --repeats runs after a warm-up, including each engine's own input
handling (ASE Atoms in, G(r) as numpy out): cbldm rows call `DebyePDF(...)(atoms_list)`; the extra 'forward only'
cuda rows time `forward` on a batch already packed on the GPU (no ratio).
Accuracy: cbldm rows give max |G - G_exact| / max |G_exact| over the set, against cbldm's exact float64 pair sum
(method='direct', which reproduces diffpy.srreal to 1e-8, nbs/01_pdf.ipynb). DebyeCalculator has its own
normalisation and no delta2: its column is the median Rwp (least-squares scale, 1.5-29.9 Å) against cbldm with delta2 = 0.
The two engines share the CPU cores given by --threads (torch.set_num_threads; DebyeCalculator uses the same count).

Usage: python bench/pdf_speed.py [--batch 128] [--repeats 3] [--threads N] [--device cpu|cuda] [--seed 0]
(--device defaults to cuda where torch sees a GPU.)
"""
import argparse, time, math, warnings
import numpy as np, torch
from cbldm.clusters import FAMILIES, sample_clusters
from cbldm.pdf import DebyePDF, pack_structures, rwp

SETTINGS = dict(qmin=0.7, qmax=25.0, qdamp=0.04, biso=0.3, rmin=0.0, rmax=30.0, rstep=0.01)
N_MIN, N_MAX = 5, 256

def family_balanced(n:int, seed:int=0) -> list:
    "`n` clusters, the families of FAMILIES in turn, each uniform over its own shapes, random metals."
    per = -(-n//len(FAMILIES))
    fams = []
    for k, f in enumerate(FAMILIES):
        cs = [c for c in sample_clusters(8*per, families=(f,), n_max=N_MAX, seed=seed*len(FAMILIES) + k) if len(c) >= N_MIN]
        assert len(cs) >= per, f'too few {f} clusters with {N_MIN}-{N_MAX} atoms'
        fams.append(cs[:per])
    return [fams[k][i] for i in range(per) for k in range(len(FAMILIES))][:n]

def enumeration_mix(n:int, seed:int=0) -> list:
    "`n` clusters uniform over the shape enumeration (sample_clusters), random metals."
    return [c for c in sample_clusters(8*n, n_max=N_MAX, seed=seed) if len(c) >= N_MIN][:n]

def timeit(f, repeats, sync=lambda: None):
    out = f(); sync()                            # warm-up (kernels, caches); repeats=0: time this one
    best = math.inf
    for _ in range(repeats):
        t = time.perf_counter(); out = f(); sync(); best = min(best, time.perf_counter() - t)
    return best, out

def once(f):
    t = time.perf_counter(); out = f()
    return time.perf_counter() - t, out

def bench_set(clusters, a, dcs):
    "Rows (engine, seconds, accuracy, kind, device) for one set; `dcs` maps a device to its DebyeCalculator."
    rows = []
    exact = DebyePDF(delta2=2.0, method='direct', **SETTINGS)
    t_ref, G_ref = once(lambda: exact(clusters).G)
    scale_ref = np.abs(G_ref).max(1)
    def err(G): return float((np.abs(G - G_ref).max(1)/scale_ref).max())
    G0 = DebyePDF(delta2=0.0, **SETTINGS)(clusters).G if dcs else None
    for dev, dc in dcs.items():
        sync = torch.cuda.synchronize if dev == 'cuda' else (lambda: None)
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            t_list, out_list = timeit(lambda: dc.gr(clusters), a.repeats, sync)
            t_one, out_one = timeit(lambda: [dc.gr(c) for c in clusters], a.repeats, sync)
        for name, t, out in (('whole list, gr(list)', t_list, out_list), ('one at a time, gr(atoms)', t_one, out_one)):
            G_dc = np.stack([np.asarray(o[1]) for o in out])
            rows.append((f'DebyeCalculator, float32, {dev}, {name}', t, float(np.median(rwp(G0, G_dc, r=exact.r, rmin=1.5, rmax=29.9))), 'dc', dev))
    rows.append(('cbldm exact pair sum, float64, cpu', t_ref, 0.0, 'cbldm', 'cpu'))
    for dtype in (torch.float64, torch.float32):
        calc = DebyePDF(delta2=2.0, dtype=dtype, **SETTINGS)
        t, G = timeit(lambda: calc(clusters).G, a.repeats)
        rows.append((f'cbldm histogram, {str(dtype)[6:]}, cpu', t, err(G), 'cbldm', 'cpu'))
    if a.device == 'cuda' and torch.cuda.is_available():
        gpu = torch.cuda.get_device_name()
        for dtype in (torch.float32, torch.float64):
            calc = DebyePDF(delta2=2.0, dtype=dtype, device='cuda', **SETTINGS)
            t, G = timeit(lambda: calc(clusters).G, a.repeats, torch.cuda.synchronize)
            rows.append((f'cbldm histogram, {str(dtype)[6:]}, cuda ({gpu})', t, err(G), 'cbldm', 'cuda'))
            bt = pack_structures(clusters, dtype=dtype, device='cuda')
            with torch.no_grad():
                t, G = timeit(lambda: calc.forward(*bt), a.repeats, torch.cuda.synchronize)
            rows.append((f'  forward only, {str(dtype)[6:]}, cuda', t, err(G.cpu().numpy()), 'forward', 'cuda'))
    return rows

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--batch', type=int, default=128, help='clusters per set')
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--threads', type=int, default=None)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    a = ap.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    dcs, dc_version = {}, None
    try:
        from debyecalculator import DebyeCalculator
        from importlib.metadata import version
        devices = ['cpu'] + (['cuda'] if a.device == 'cuda' and torch.cuda.is_available() else [])
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            dcs = {d: DebyeCalculator(device=d, qmin=0.7, qmax=25.0, qdamp=0.04, biso=0.3, rmin=0.0, rmax=30.0, rstep=0.01)
                   for d in devices}
        dc_version = version('debyecalculator')
    except ImportError:
        print('debyecalculator not installed (pip install debyecalculator): no reference column')
    print(f'settings {SETTINGS}, delta2 2; torch threads {torch.get_num_threads()}'
          + (f'; DebyeCalculator {dc_version}' if dcs else ''))
    for set_name, make in (('family-balanced', family_balanced), ('enumeration mix', enumeration_mix)):
        clusters = make(a.batch, a.seed)
        sizes = [len(c) for c in clusters]
        fams = {f: sum(c.info['family'] == f for c in clusters) for f in FAMILIES}
        rows = bench_set(clusters, a, dcs)
        refs = {dev: min((r for r in rows if r[3] == 'dc' and r[4] == dev), key=lambda r: r[1]) for dev in dcs}
        n = len(clusters)
        print(f"\n{set_name}: {n} clusters, {min(sizes)}-{max(sizes)} atoms (mean {np.mean(sizes):.0f}), "
              f"{sum(s*(s-1)//2 for s in sizes)} pairs; families {fams}")
        for dev, ref in refs.items(): print(f'reference on {dev}: the faster DebyeCalculator mode ({ref[0].split(", ")[-1]})')
        print(f"{'engine':62s} {'time [s]':>9s} {'PDFs/s':>9s} {'vs reference':>13s}  accuracy")
        for name, t, e, kind, dev in rows:
            acc = f'Rwp {e:.3f} vs cbldm (delta2 0)' if kind == 'dc' else f'max rel err {e:.1e}'
            ratio = f'{refs[dev][1]/t:12.2f}x' if dev in refs and kind != 'forward' else '          n/a'
            print(f'{name:62s} {t:9.3f} {n/t:9.0f} {ratio}  {acc}')

if __name__ == '__main__': main()
