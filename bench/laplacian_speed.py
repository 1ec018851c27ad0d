"""Speed of cbldm.laplacian.from_matrix_batch against a per-structure scipy reference.

Batch: the 64 largest compact shapes (extent <= 35 Å) with <= 256 atoms from all seven families (cbldm.clusters.enumerate_shapes),
Au, affinity matrices W = exp(-d^2/t), t = 260 Å^2, padded to 256, plus symmetric Gaussian noise sigma = 1e-3
(clipped to [0, 1]). Reference ("scipy"): one structure at a time, classical MDS with scipy.linalg.eigh, then
scipy.optimize.least_squares (trust-region reflective, analytic sparse Jacobian, lsmr) on the residuals
exp(-|x_i - x_j|^2/t) - W_ij over i < j. Accuracy: pair-distance MAE [Å] against the true structure.

Usage: python bench/laplacian_speed.py [--batch 64] [--n-ref 8] [--threads N]
"""
import argparse, time
import numpy as np, scipy.linalg, scipy.optimize, scipy.sparse, torch
from cbldm.clusters import FAMILIES, enumerate_shapes, make_cluster
from cbldm.laplacian import to_matrix, from_matrix_batch, canonical_order

T = 260.0

def scipy_reference(W, n, t=T):
    "Per-structure classical MDS (scipy eigh) + scipy least_squares refinement."
    W = W[:n, :n]; d2 = -t * np.log(np.clip(W, 1e-3, 1.0))      # same floor as cbldm (w_min)
    J = np.eye(n) - 1.0 / n
    lam, V = scipy.linalg.eigh(-0.5 * J @ d2 @ J, subset_by_index=[n - 3, n - 1])
    x0 = V * np.sqrt(np.clip(lam, 0, None))
    i, j = np.triu_indices(n, 1); m = len(i); rows = np.repeat(np.arange(m), 6)
    def res(p):
        x = p.reshape(n, 3); return np.exp(-((x[i] - x[j])**2).sum(1) / t) - W[i, j]
    def jac(p):
        x = p.reshape(n, 3); dx = x[i] - x[j]; g = (-2 / t) * np.exp(-(dx**2).sum(1) / t)[:, None] * dx
        cols = np.concatenate([3 * i[:, None] + np.arange(3), 3 * j[:, None] + np.arange(3)], 1).ravel()
        vals = np.concatenate([g, -g], 1).ravel()
        return scipy.sparse.csr_matrix((vals, (rows, cols)), shape=(m, 3 * n))
    sol = scipy.optimize.least_squares(res, x0.ravel(), jac=jac, method='trf', tr_solver='lsmr', x_scale='jac')
    return sol.x.reshape(n, 3)

def pair_mae(a, b):
    i, j = np.triu_indices(len(a), 1)
    return np.abs(np.linalg.norm(a[i] - a[j], axis=1) - np.linalg.norm(b[i] - b[j], axis=1)).mean()

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--n-ref', type=int, default=8, help='structures timed for the (slow) scipy reference')
    ap.add_argument('--sigma', type=float, default=1e-3)
    ap.add_argument('--max-extent', type=float, default=35.0, help='skip clusters longer than this [Å]')
    ap.add_argument('--max-iter', type=int, default=30)
    ap.add_argument('--threads', type=int, default=None)
    a = ap.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    rng = np.random.default_rng(0)
    clus, Ws = [], []
    for s in sorted(enumerate_shapes(FAMILIES, 256), key=lambda s: -s.n_atoms):
        if len(clus) == a.batch: break
        c = make_cluster(s, 'Au')
        if np.ptp(c.positions, 0).max() > a.max_extent: continue       # skip rods/plates: W underflows
        clus.append(c.positions[canonical_order(c)])
        W = to_matrix(c, t=T); e = rng.normal(0, a.sigma, W.shape)
        Wn = np.clip(W + (e + e.T) / np.sqrt(2), 0, 1); Wn[len(c):] = 0; Wn[:, len(c):] = 0; Ws.append(Wn)
    Ws = np.stack(Ws); ns = [len(c) for c in clus]
    print(f'batch {len(ns)} structures, {min(ns)}-{max(ns)} atoms, sigma {a.sigma:g}, torch threads {torch.get_num_threads()}')
    from_matrix_batch(Ws[:2], T, n_atoms=ns[:2])                       # warm-up
    t0 = time.perf_counter(); recs = from_matrix_batch(Ws, T, n_atoms=ns, max_iter=a.max_iter); t_b = time.perf_counter() - t0
    mae_b = np.mean([pair_mae(r, c) for r, c in zip(recs, clus)])
    k = min(a.n_ref, len(ns))
    t0 = time.perf_counter(); refs = [scipy_reference(Ws[b], ns[b]) for b in range(k)]; t_r = (time.perf_counter() - t0) / k
    mae_r = np.mean([pair_mae(r, clus[b]) for b, r in enumerate(refs)])
    mae_b_k = np.mean([pair_mae(recs[b], clus[b]) for b in range(k)])
    print(f'{"method":<34}{"s/structure":>12}{"ratio":>8}{"pair MAE [Å]":>14}')
    print(f'{"scipy MDS + least_squares (ref)":<34}{t_r:>12.4f}{1.0:>8.2f}{mae_r:>14.2e}   ({k} structures)')
    print(f'{"cbldm from_matrix_batch":<34}{t_b / len(ns):>12.4f}{t_r / (t_b / len(ns)):>8.1f}{mae_b:>14.2e}   '
          f'(batch of {len(ns)}; same {k}: {mae_b_k:.2e})')

if __name__ == '__main__': main()
