"""Measured PDFs under the MetalFinder protocol: the best of cbldm predict's top 3 candidates, fitted as DiffPy fits them.

The protocol of the tree-based MetalFinder's published fits: r 1.5-20 Å; scale, zoomscale (an isotropic expansion) and
Biso (Uiso) refined, 3 parameters; Qdamp 0.03 Å⁻¹, delta2 0; the data's qmin and qmax (from the file's header). Its
published best of three for Au144(PET)60 is Rw 0.346. `cbldm.evaluate.protocol_fit` does this fit (`cbldm.fit.fit_structures`:
a grid, then `Fitter.shrink`); Rw is PDFgui's definition (`cbldm.pdf.rwp`).

Rows per file: the top 3 of `cbldm predict` as found (its own ranking: few-parameter fit, no atom moves,
`--refine-steps 0`), and the top 3 of `cbldm predict` as it runs by default (the best candidates' atoms moved by the
restrained refinement: at most 0.3 Å, no pair closer than 0.8 bond; 3N more parameters, fitted on 1.5-30 Å), each then
fitted with the protocol's 3 parameters. Also the median nearest-neighbour distance and the plausibility of every
candidate written (scale > 0, no pair closer than 0.8 bond). A first row per file leaves out the shapes larger than the
model's (`Predictor(large=None)`: no `cbldm.catalog.LARGE_CATALOG_FILE`), to show what the large catalog changes.

The default files: the two shipped measured PDFs (`cbldm/examples`) and three more of the same source
(`bench/data/measured`, see its NOTICE.md: Au144(pMBA)60 measured to 20 Å only, and two more Pt samples).

Usage: python bench/measured.py [--threads 2] [--files FILE:ELEMENT ...]
"""
import argparse, time, warnings
from pathlib import Path
import numpy as np, torch
from cbldm.clusters import bond_length
from cbldm.clusters import nn_distances
from cbldm.predict import Predictor, prepare_pdf
from cbldm.rank import keep_plausible
from cbldm.evaluate import protocol_fit
from cbldm.io import example_path

MEASURED = Path(__file__).resolve().parent / 'data' / 'measured'
FILES = [f'{example_path("Au144PET_100K-00000.gr")}:Au', f'{example_path("JQ_S1.gr")}:Pt',
         f'{MEASURED / "Au144pMBA.gr"}:Au', f'{MEASURED / "JQ_S2.gr"}:Pt', f'{MEASURED / "JQ_S3.gr"}:Pt']

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--files', nargs='+', default=FILES, help='FILE:ELEMENT pairs')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--top', type=int, default=3)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    warnings.filterwarnings('ignore', message='.*short of')   # a PDF that ends before 30 Å is fitted on its own range
    print('| file | candidates | top-3 (atoms, source) | Rw of each, protocol | best of top 3 | all plausible | median nn [Å] | s |')
    print('|---|---|---|---|---|---|---|---|')
    for spec in a.files:
        path, el = spec.rsplit(':', 1)
        for label, pred in (('as found, shapes of the model\'s size only (large=None)', Predictor(refine_steps=0, large=None)),
                            ('as found (--refine-steps 0)', Predictor(refine_steps=0)), ('default (restrained refinement)', Predictor())):
            inp = prepare_pdf(path, pred.r)
            t0 = time.perf_counter()
            c = pred([inp], el, 8, 0)[0].candidates
            dt = time.perf_counter() - t0
            top = c[:a.top]
            f = protocol_fit(top, inp, el)
            ok = len(keep_plausible(c, el)) == len(c)
            nn = np.median([np.median(nn_distances(x.atoms.positions)) for x in top])
            print(f"| {Path(path).name} ({el}) | {label} | {', '.join(f'{x.n_atoms} {x.source}' for x in top)} | "
                  f"{', '.join(f'{x.rwp:.3f}' for x in f)} | **{min(x.rwp for x in f):.3f}** | {ok} | {nn:.3f} | {dt:.1f} |", flush=True)

if __name__ == '__main__': main()
