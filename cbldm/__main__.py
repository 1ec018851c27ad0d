"`python -m cbldm ...` runs the `cbldm` command (used with `torchrun -m cbldm train ...`)."
from cbldm.cli import main
raise SystemExit(main())
