"""Speed of `cbldm.predict` on CPU: one measured PDF, 8 candidates, against the paper's method.

Reference: the original CbLDM (the paper's architecture, `load_model(PAPER_WEIGHTS)`) with its sampler (DDPM from pure
noise for 100 steps to t = 900, mix in the conditional-prior sample, 900 more DDPM steps: 1000 denoiser calls;
`GaussianDiffusion.paper_warm_sample`), followed by the same reconstruction and ranking (no refinement). Ours: the
shipped lattice-site model (`load_model()`), warm start from the prior + 20 DDIM calls, without and with the PDF
refinement of the three best candidates (`cbldm predict --no-catalog`), and with the 8 best catalog shapes added to
the ranking (what `cbldm predict` does by default). The reference's best Rwp reads 'none ok' when none of its candidates is
physically plausible (`cbldm.predict.NoPlausibleCandidate`); its time counts all the same.

    python bench/predict_vs_paper.py [--threads 2] [--candidates 8]

(`bench/predict_speed.py` times `cbldm predict` itself, process start included, against an earlier commit.)
"""
import argparse, time
import numpy as np
import torch
from cbldm.predict import Predictor, load_model, prepare_pdf, PAPER_WEIGHTS, NoPlausibleCandidate
from cbldm.models import reparameterize
from cbldm.io import example_path

ap = argparse.ArgumentParser()
ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--candidates', type=int, default=8)
ap.add_argument('--repeats', type=int, default=3)
a = ap.parse_args()
torch.set_num_threads(a.threads)
model, paper_model = load_model(), load_model(PAPER_WEIGHTS)
pp = Predictor(paper_model, refine_steps=0, catalog=None)
p = Predictor(model, steps=20, catalog=None)
p0 = Predictor(model, steps=20, refine_steps=0, catalog=None)
pc = Predictor(model, steps=20)
inp = prepare_pdf(example_path('Au144PET_100K-00000.gr'), p.r)
K = a.candidates

def ours(pred):
    return pred([inp], 'Au', K, seed=0)[0]

def best_time(pred):
    ts = []
    for _ in range(a.repeats):
        t0 = time.perf_counter(); r = ours(pred); ts.append(time.perf_counter() - t0)
    return min(ts), r

@torch.no_grad()
def paper():
    m = paper_model
    G = torch.as_tensor(inp.G[None], dtype=torch.float32).repeat_interleave(K, 0)
    g = torch.Generator().manual_seed(0)
    ctx = m.pdf_encoder.encode(G)[0]
    mu, lv = m.prior(G)
    s = m.config['latent_scale']
    out = pp.diffusion.paper_warm_sample(m.denoiser, ctx, reparameterize(mu, lv, g) * s, generator=g)
    try: cands = pp.rank(inp, pp.decode(out.x0 / s), 'Au')
    except NoPlausibleCandidate: cands = []   # timed all the same: the reference's candidates need not be plausible
    return cands, out.n_calls

ours(p)   # warm-up
t0_best, r0 = best_time(p0)
t_best, r = best_time(p)
tc_best, rc = best_time(pc)
t0 = time.perf_counter(); cands, calls = paper(); t_paper = time.perf_counter() - t0
print(f"device: CPU, {a.threads} threads; input Au144PET_100K-00000.gr; {K} candidates")
print(f"{'':48s} {'s/file':>7s} {'best Rwp':>8s} {'speed-up':>8s}")
print(f"{'reference: original CbLDM, %d DDPM calls' % calls:48s} {t_paper:7.2f} {(f'{cands[0].rwp:.3f}' if cands else 'none ok'):>8s} {1:8.1f}x")
print(f"{'cbldm, %d DDIM calls, warm start' % r0.n_calls:48s} {t0_best:7.2f} {r0.best.rwp:8.3f} {t_paper / t0_best:8.1f}x")
print(f"{'cbldm predict --no-catalog: + PDF refinement':48s} {t_best:7.2f} {r.best.rwp:8.3f} {t_paper / t_best:8.1f}x")
print(f"{'cbldm predict: + 8 catalog shapes':48s} {tc_best:7.2f} {rc.best.rwp:8.3f} {t_paper / tc_best:8.1f}x")
