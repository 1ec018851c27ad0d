"""Checks that a notebook cannot make: the installed command, package data, and library hygiene."""
import subprocess, sys, os, tomllib
from pathlib import Path
import numpy as np

ROOT = Path(__file__).resolve().parents[1]

def test_cli_simulate_runs(tmp_path):
    "The README's main command, through the installed console script."
    exe = Path(sys.executable).with_name('cbldm')
    cmd = [str(exe)] if exe.exists() else [sys.executable, '-c', 'import sys; from cbldm.cli import main; sys.exit(main())']
    out = subprocess.run(cmd + ['simulate', '--family', 'Ico', '--element', 'Au', '--size', '3', '-o', str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ['Au_Ico3.gr', 'Au_Ico3.html', 'Au_Ico3.png', 'Au_Ico3.xyz'], names
    data = np.loadtxt(tmp_path/'Au_Ico3.gr', comments='#')
    assert data.shape == (3000, 2) and np.isfinite(data).all()

def test_cli_predict_readme_command(tmp_path):
    "The README's main command: `cbldm predict` on the measured Au144 PDF with the shipped weights."
    exe = Path(sys.executable).with_name('cbldm')
    cmd = [str(exe)] if exe.exists() else [sys.executable, '-m', 'cbldm']
    gr = ROOT/'cbldm'/'examples'/'Au144PET_100K-00000.gr'
    out = subprocess.run(cmd + ['predict', str(gr), '--element', 'Au', '--out', str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    import csv
    assert (tmp_path/'summary.csv').read_text().startswith('file,k,source,shape,n_atoms,rwp')
    rows = list(csv.DictReader(open(tmp_path/'summary.csv')))
    K = len(rows)   # up to 8 generated candidates, the 8 best catalog shapes and 2 motifs, duplicates and implausible ones removed
    assert 2 <= K <= 18 and [r['k'] for r in rows] == [str(k) for k in range(1, K + 1)]
    names = sorted(p.name for p in tmp_path.iterdir())
    stems = [f'Au144PET_100K-00000_{k:0{len(str(K))}d}' for k in range(1, K + 1)]   # zero-padded: the files sort in rank order
    assert names == sorted([f'{s}.{e}' for s in stems for e in ('xyz', 'fgr')] + ['Au144PET_100K-00000_fit.png', 'Au144PET_100K-00000_report.html',
                                                                             'run.json', 'summary.csv']), names
    assert any(r['source'] == 'cbldm' for r in rows) and any(r['source'].startswith('catalog ') for r in rows)
    from cbldm.clusters import bond_length
    assert all(float(r['scale']) > 0 and float(r['nn_min [Å]']) >= 0.8 * bond_length('Au') - 1e-4 for r in rows)   # physically plausible
    assert f'best of {K}' in out.stdout
    # a second run into the same folder is refused and keeps the first run's results
    first = (tmp_path/'summary.csv').read_text()
    again = subprocess.run(cmd + ['predict', str(gr), '--element', 'Au', '--out', str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert again.returncode == 2 and 'earlier run' in again.stderr and (tmp_path/'summary.csv').read_text() == first

def test_weights_are_packaged_and_small():
    import json
    from cbldm.predict import WEIGHTS_DIR, DEFAULT_WEIGHTS, PAPER_WEIGHTS, BASELINE_WEIGHTS, sha256_file
    index = json.loads((WEIGHTS_DIR/'weights.json').read_text())
    for name in (DEFAULT_WEIGHTS, PAPER_WEIGHTS, *BASELINE_WEIGHTS.values()):
        w = WEIGHTS_DIR/name
        assert w.exists() and index[name]['sha256'] == sha256_file(w)
    assert (WEIGHTS_DIR/DEFAULT_WEIGHTS).stat().st_size + (WEIGHTS_DIR/PAPER_WEIGHTS).stat().st_size <= 30e6   # the two CbLDM models
    assert sum((WEIGHTS_DIR/f).stat().st_size for f in BASELINE_WEIGHTS.values()) <= 20e6   # all baselines together
    assert {f.name for f in WEIGHTS_DIR.glob('*.pt')} == {DEFAULT_WEIGHTS, PAPER_WEIGHTS, *BASELINE_WEIGHTS.values()}
    assert (WEIGHTS_DIR/'MODEL_CARD.md').exists()
    from cbldm.catalog import CATALOG_FILE, load_catalog
    assert CATALOG_FILE.exists() and CATALOG_FILE.stat().st_size <= 1e6 and len(load_catalog()) == 2488
    from cbldm.catalog import LARGE_CATALOG_FILE
    assert LARGE_CATALOG_FILE.exists() and LARGE_CATALOG_FILE.stat().st_size <= 1e6 and len(load_catalog(LARGE_CATALOG_FILE)) == 455

def test_cli_bad_input_exit_code(tmp_path):
    from cbldm.cli import main
    assert main(['simulate', '--family', 'Ico', '--size', '2', '--element', 'Xx', '-o', str(tmp_path)]) == 2
    assert list(tmp_path.iterdir()) == []

def test_example_data_is_packaged():
    from cbldm.io import example_path, read_gr
    for name in ('Au144PET_100K-00000.gr', 'JQ_S1.gr', 'NOTICE.md', 'LICENSE-Apache-2.0.txt'):
        assert example_path(name).exists()
    r, G, meta = read_gr(example_path('JQ_S1.gr'))
    assert len(r) == 5001

def test_pyproject_ranges_not_pins():
    proj = tomllib.loads((ROOT/'pyproject.toml').read_text())
    deps = proj['project']['dependencies']
    assert any(d.startswith('torch>=') for d in deps)
    assert not any('==' in d for d in deps), deps
    assert not (ROOT/'settings.ini').exists() and not (ROOT/'setup.py').exists()

def test_import_is_light():
    "Importing the PDF module must not pull in plotting or notebook machinery."
    code = 'import sys, cbldm.pdf; bad = [m for m in ("plotly", "nglview", "matplotlib", "nbdev") if m in sys.modules]; print(bad); sys.exit(bool(bad))'
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr

def test_plain_install_has_no_notebook_stack():
    "nglview (and with it the JupyterLab server stack) is an extra: the plain install needs none of it."
    import tomllib
    meta = tomllib.loads((ROOT/'pyproject.toml').read_text())['project']
    heavy = ('nglview', 'jupyter', 'ipywidgets', 'notebook', 'ipykernel')
    assert not [d for d in meta['dependencies'] if d.split('>')[0].split('=')[0].strip().lower().startswith(heavy)], meta['dependencies']
    assert any(d.startswith('nglview') for d in meta['optional-dependencies']['viz'])
