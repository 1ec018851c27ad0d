"""Throughput of cbldm.pdf.DebyePDF against DebyeCalculator, measured in one run.

Batch: 256 clusters of 5-256 atoms drawn from all seven families (cbldm.clusters.sample_clusters, seed 0),
DeepStruc/CbLDM settings (qmin 0.7, qmax 25, qdamp 0.04, Biso 0.3, r 0-30 Å step 0.01: 3000 points).
Accuracy: max |G - G_exact| / max |G_exact| over the batch, against cbldm's exact pair sum in float64,
which reproduces diffpy.srreal to 1e-8 (nbs/01_pdf.ipynb). DebyeCalculator has its own normalisation and no
delta2, so its accuracy column is the Rwp (least-squares scale) against cbldm with delta2 = 0.

Usage: python bench/pdf_speed.py [--batch 256] [--repeats 3] [--threads N] [--device cpu|cuda]
"""
import argparse, time, math, warnings
import numpy as np, torch
from cbldm.clusters import sample_clusters
from cbldm.pdf import DebyePDF, pack_structures, rwp

SETTINGS = dict(qmin=0.7, qmax=25.0, qdamp=0.04, biso=0.3, rmin=0.0, rmax=30.0, rstep=0.01)

def timeit(f, repeats, sync=lambda: None):
    f(); sync()                                  # warm-up (kernels, caches)
    best = math.inf
    for _ in range(repeats):
        t = time.perf_counter(); out = f(); sync(); best = min(best, time.perf_counter() - t)
    return best, out

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--batch', type=int, default=256)
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--threads', type=int, default=None)
    ap.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    a = ap.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    clusters = [c for c in sample_clusters(4*a.batch, n_max=256, seed=0) if len(c) >= 5][:a.batch]
    sizes = [len(c) for c in clusters]
    print(f'batch: {len(clusters)} clusters, {min(sizes)}-{max(sizes)} atoms (mean {np.mean(sizes):.0f}); '
          f'settings {SETTINGS}; torch threads {torch.get_num_threads()}')
    rows = []
    exact = DebyePDF(delta2=2.0, method='direct', **SETTINGS)
    t_ref, G_ref = timeit(lambda: exact(clusters).G, 1)
    scale_ref = np.abs(G_ref).max(1)
    def err(G): return float((np.abs(G - G_ref).max(1)/scale_ref).max())
    rows.append(('cbldm exact pair sum, float64, cpu', t_ref, 0.0))
    for dtype in (torch.float64, torch.float32):
        calc = DebyePDF(delta2=2.0, dtype=dtype, **SETTINGS)
        t, G = timeit(lambda: calc(clusters).G, a.repeats)
        rows.append((f'cbldm histogram, {str(dtype)[6:]}, cpu', t, err(G)))
    dev_rows = []
    if a.device == 'cuda' and torch.cuda.is_available():
        for dtype in (torch.float32, torch.float64):
            calc = DebyePDF(delta2=2.0, dtype=dtype, device='cuda', **SETTINGS)
            bt = pack_structures(clusters, dtype=dtype, device='cuda')
            with torch.no_grad():
                t, G = timeit(lambda: calc.forward(*bt), a.repeats, torch.cuda.synchronize)
            dev_rows.append((f'cbldm histogram, {str(dtype)[6:]}, cuda ({torch.cuda.get_device_name()})', t, err(G.cpu().numpy())))
    # the reference engine
    dc_row = None
    try:
        from debyecalculator import DebyeCalculator
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            dc = DebyeCalculator(device='cpu', qmin=0.7, qmax=25.0, qdamp=0.04, biso=0.3, rmin=0.0, rmax=30.0, rstep=0.01)
            t_dc, out = timeit(lambda: dc.gr(clusters), 1)
        G_dc = np.stack([np.asarray(o[1]) for o in out])
        G0 = DebyePDF(delta2=0.0, **SETTINGS)(clusters).G
        dc_row = ('DebyeCalculator 1.1 (reference), float32, cpu', t_dc, float(np.median(rwp(G0, G_dc, r=exact.r, rmin=1.5, rmax=29.9))))
    except ImportError:
        print('debyecalculator not installed: pip install debyecalculator')
    ref_t = dc_row[1] if dc_row else None
    n = len(clusters)
    print(f"\n{'engine':58s} {'time [s]':>9s} {'PDFs/s':>9s} {'vs DebyeCalculator':>19s}  accuracy")
    for name, t, e in ([dc_row] if dc_row else []) + rows + dev_rows:
        acc = f'Rwp {e:.3f} vs cbldm' if name.startswith('DebyeCalc') else f'max rel err {e:.1e}'
        ratio = f'{ref_t/t:18.1f}x' if ref_t else '       n/a'
        print(f'{name:58s} {t:9.3f} {n/t:9.0f} {ratio}  {acc}')

if __name__ == '__main__': main()
