"""Results that travel, as a user meets them: `cbldm predict` on a simulated and a measured PDF in one call; each
candidate's `.fgr` gives back the Rw of summary.csv and its `.xyz` header the fit; each report, copied alone into an
empty folder, opens in a real browser (chromium) without the network and draws the top candidates' fits and 3-D
views."""
import csv, math, shutil, subprocess, sys
from pathlib import Path

import numpy as np
import pytest

from conftest import open_page

ROOT = Path(__file__).resolve().parents[1]
MEASURED = ROOT / 'cbldm' / 'examples' / 'JQ_S1.gr'   # Pt, measured (DeepStruc project, Apache-2.0: cbldm/examples/NOTICE.md)


@pytest.fixture(scope='module')
def run(tmp_path_factory):
    "A simulated Pt decahedron and the measured Pt PDF, answered in one call of the command line."
    d = tmp_path_factory.mktemp('predict')
    cli = [sys.executable, '-m', 'cbldm']
    r = subprocess.run(cli + ['simulate', '--family', 'Dec', '--element', 'Pt', '--size', '2', '-o', str(d / 'sim')],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    r = subprocess.run(cli + ['predict', str(d / 'sim' / 'Pt_Dec2.gr'), str(MEASURED), '--element', 'Pt', '--candidates', '4',
                              '--out', str(d / 'out'), '-q'], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return d / 'out'


def test_curve_and_structure_files(run):
    "Each candidate's .fgr recomputes its summary Rw; its .xyz comment line carries rank, source, Rw and the fit."
    rows = list(csv.DictReader(open(run / 'summary.csv', encoding='utf-8')))
    assert {r['file'] for r in rows} == {'Pt_Dec2', 'JQ_S1'}
    for name in ('Pt_Dec2', 'JQ_S1'):
        mine = [r for r in rows if r['file'] == name]
        width = len(str(len(mine)))
        for r in mine:
            stem = f"{name}_{int(r['k']):0{width}d}"
            a = np.loadtxt(run / f'{stem}.fgr', comments='#')
            rw = math.sqrt((a[:, 3] ** 2).sum() / (a[:, 1] ** 2).sum())
            assert abs(rw - float(r['rwp'])) < 1e-4, (stem, rw, r['rwp'])
            head = (run / f'{stem}.xyz').read_text(encoding='utf-8').splitlines()
            assert int(head[0]) == int(r['n_atoms'])
            for key in ('rank=', 'source=', 'rwp=', 'scale=', 'expansion=', 'uiso_A2=', 'biso_A2=', 'qdamp_invA=', 'delta2_A2=', 'rmax_A='):
                assert key in head[1], (stem, key, head[1])
    best_sim = min(float(r['rwp']) for r in rows if r['file'] == 'Pt_Dec2')
    assert best_sim < 0.05   # the simulated particle is found


@pytest.mark.parametrize('name', ['Pt_Dec2', 'JQ_S1'])
def test_report_works_alone(chromium, run, tmp_path, name):
    "The report copied on its own: no request leaves the file, no console error, every fit and 3-D view drawn."
    alone = tmp_path / 'alone'; alone.mkdir()
    shutil.copy(run / f'{name}_report.html', alone)
    page, log = open_page(chromium, (alone / f'{name}_report.html').as_uri(), allowed=(alone.as_uri(), 'data:', 'blob:', 'about:'))
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 6", timeout=30000)
    page.wait_for_timeout(300)
    assert page.locator('.panel').count() == 3                                # the top three, side by side
    assert page.locator('.panel .main-svg .scatterlayer .trace').count() >= 9 # data, calculated, difference in each fit
    assert page.locator('.panel .gl-container canvas, .panel .js-plotly-plot .gl-canvas').count() >= 1 or \
        page.locator('.panel .scene').count() >= 3                            # the 3-D views
    assert page.locator('.panel .legend').count() >= 6                        # every plot has its legend
    assert page.locator('.panel .colorbar').count() >= 3                      # the 3-D views' distance scale
    boxes = [page.locator('.panel').nth(k).bounding_box() for k in range(3)]
    assert abs(boxes[0]['y'] - boxes[1]['y']) < 1 and boxes[1]['x'] > boxes[0]['x']   # side by side on a wide screen
    assert not any(log.values()), log
    page.close()
