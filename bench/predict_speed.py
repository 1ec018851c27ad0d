"""Speed of `cbldm.predict` on CPU: one measured PDF, 8 candidates, against the paper's sampler on the same network.

Reference: the original CbLDM sampler (DDPM from pure noise for 100 steps to t = 900, mix in the conditional-prior
sample, 900 more DDPM steps: 1000 denoiser calls; `GaussianDiffusion.paper_warm_sample`), run on our shipped network,
followed by the same decoding, reconstruction and ranking. Ours: warm start from the prior + 20 DDIM calls.

    python bench/predict_speed.py [--threads 2] [--candidates 8]
"""
import argparse, time
import numpy as np
import torch
from cbldm.predict import Predictor, load_model, prepare_pdf
from cbldm.models import reparameterize
from cbldm.io import example_path

ap = argparse.ArgumentParser()
ap.add_argument('--threads', type=int, default=2)
ap.add_argument('--candidates', type=int, default=8)
ap.add_argument('--repeats', type=int, default=3)
a = ap.parse_args()
torch.set_num_threads(a.threads)
model = load_model()
p = Predictor(model, steps=20)
inp = prepare_pdf(example_path('Au144PET_100K-00000.gr'), p.r)
K = a.candidates

def ours():
    return p([inp], 'Au', K, seed=0)[0]

@torch.no_grad()
def paper():
    m = model
    G = torch.as_tensor(inp.G[None], dtype=torch.float32).repeat_interleave(K, 0)
    g = torch.Generator().manual_seed(0)
    ctx = m.pdf_encoder.encode(G)[0]
    mu, lv = m.prior(G)
    s = m.config['latent_scale']
    out = p.diffusion.paper_warm_sample(m.denoiser, ctx, reparameterize(mu, lv, g) * s, generator=g)
    W = m.ae.decode(out.x0 / s)
    return p.rank(inp, p.reconstruct(W), 'Au'), out.n_calls

ours()   # warm-up
t_ours = []
for _ in range(a.repeats):
    t0 = time.perf_counter(); r = ours(); t_ours.append(time.perf_counter() - t0)
t0 = time.perf_counter(); cands, calls = paper(); t_paper = time.perf_counter() - t0
best = min(t_ours)
print(f"device: CPU, {a.threads} threads; input Au144PET_100K-00000.gr; {K} candidates")
print(f"reference (paper sampler, {calls} denoiser calls): {t_paper:7.2f} s per file, best Rwp {cands[0].rwp:.3f}")
print(f"cbldm predict ({r.n_calls} DDIM calls, warm start):   {best:7.2f} s per file, best Rwp {r.best.rwp:.3f}")
print(f"speed-up: {t_paper / best:.1f}x")
