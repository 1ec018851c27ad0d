"""Seconds per input of `cbldm predict` as a user runs it: one command per file, process start included, default settings.

Inputs: the 21 simulated PDFs of the regression set (3 per family, random metals, measured-like settings, no header:
`tests/data/regression/inputs.npz`, written as .gr files) and the five measured PDFs (the two shipped ones and the
three of `bench/data/measured`). Each input is one `python -m cbldm predict FILE --element X --out DIR` process
(plots and report included), timed by its wall clock. The same inputs run through an earlier commit of the package
(`--old`, default d680219, the commit before the restructuring; checked out into a temporary git worktree and put
first on PYTHONPATH) and through this tree, alternating input by input so that a load on the machine hits both alike.

    python bench/predict_speed.py [--old d680219] [--threads 2] [--only sim|measured] [--n-sim 21]

Prints per-input seconds (mean, median, max) for each tree and set, and the ratio old / new.
"""
import argparse, os, shutil, subprocess, sys, tempfile, time
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MEASURED = [('cbldm/examples/Au144PET_100K-00000.gr', 'Au'), ('cbldm/examples/JQ_S1.gr', 'Pt'),
            ('bench/data/measured/Au144pMBA.gr', 'Au'), ('bench/data/measured/JQ_S2.gr', 'Pt'), ('bench/data/measured/JQ_S3.gr', 'Pt')]

def simulated_files(folder:Path, n:int) -> list:
    "The regression set's simulated PDFs as header-less two-column .gr files: [(path, element)]."
    from ase.data import chemical_symbols
    z = np.load(ROOT / 'tests/data/regression/inputs.npz')
    out = []
    for i, (G, Z) in enumerate(zip(z['G_sim'][:n], z['Z_sim'][:n])):
        f = folder / f'sim{i:02d}.gr'
        np.savetxt(f, np.column_stack([z['r_sim'], G]), fmt='%.6f')
        out.append((f, chemical_symbols[int(Z)]))
    return out

def run_one(tree:Path, f:Path, el:str, out:Path, threads:int) -> float:
    "Wall seconds of one `cbldm predict` process of the package in `tree`."
    env = {**os.environ, 'PYTHONPATH': str(tree), 'OMP_NUM_THREADS': str(threads), 'MKL_NUM_THREADS': str(threads), 'MPLBACKEND': 'Agg'}
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, '-m', 'cbldm', 'predict', str(f), '--element', el, '--out', str(out)], env=env,
                       capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if p.returncode != 0: raise RuntimeError(f"{tree}: cbldm predict {f.name} failed:\n{p.stderr[-2000:]}")
    return dt

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--old', default='d680219', help='the earlier commit to compare with')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--only', choices=('sim', 'measured'))
    ap.add_argument('--n-sim', type=int, default=21)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix='cbldm-speed-'))
    old = tmp / 'old'
    subprocess.run(['git', '-C', str(ROOT), 'worktree', 'add', '--detach', str(old), a.old], check=True, capture_output=True)
    try:
        sets = {}
        if a.only != 'measured': sets['simulated'] = simulated_files(tmp, a.n_sim)
        if a.only != 'sim': sets['measured'] = [(ROOT / f, el) for f, el in MEASURED]
        trees = {'old ' + a.old: old, 'new (this tree)': ROOT}
        for tree in trees.values():   # a first run of each: byte-compiled files and the OS cache warm for both
            run_one(tree, *next(iter(sets.values()))[0], tmp / f'warm-{tree.name}', a.threads)
        times = {(s, t): [] for s in sets for t in trees}
        for s, files in sets.items():
            for f, el in files:
                for t, tree in trees.items():
                    times[s, t].append(run_one(tree, f, el, tmp / f'{t.split()[0]}-{s}-{f.stem}', a.threads))
                print(f"{s:9s} {f.stem:22s} {el:2s} " + '  '.join(f"{t.split()[0]} {times[s, t][-1]:6.2f} s" for t in trees), flush=True)
        print(f"\ncbldm predict, one process per input (process start included), {a.threads} threads, {os.cpu_count()} CPUs")
        print(f"{'set':10s} {'tree':22s} {'n':>3s} {'mean s':>7s} {'median':>7s} {'max':>7s}")
        for s in sets:
            for t in trees:
                x = np.array(times[s, t]); print(f"{s:10s} {t:22s} {len(x):3d} {x.mean():7.2f} {np.median(x):7.2f} {x.max():7.2f}")
            o, n = (np.array(times[s, t]) for t in trees)
            print(f"{s:10s} {'old / new':22s} {'':3s} {o.mean() / n.mean():7.2f}x")
    finally:
        subprocess.run(['git', '-C', str(ROOT), 'worktree', 'remove', '--force', str(old)], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)

if __name__ == '__main__':
    main()
