"""Recover the 3-D atomic structure of metal nanoparticles from their pair distribution function with a condition-based latent diffusion model

Modules:

- `cbldm.results`: What `cbldm predict` writes for each input: a structure file and a fitted-curve file per candidate, whose headers hold the fit, and one `summary.csv` row per candidate, with units"""

__version__ = "0.1.0"
