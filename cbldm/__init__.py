"""Recover the 3-D atomic structure of metal nanoparticles from their pair distribution function with a condition-based latent diffusion model

Modules:

- `cbldm.confidence`: Which candidates the data cannot tell from the best (Hamilton's R-factor ratio test on the data's independent points), the noise the data carry, and whether a candidate is large enough for the pairs the data show
- `cbldm.results`: What `cbldm predict` writes for each input: a structure file and a fitted-curve file per candidate, whose headers hold the fit, and one `summary.csv` row per candidate, with units"""

__version__ = "0.1.0"
