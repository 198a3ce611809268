#!/usr/bin/env bash
# Regenerates brochure/press/icc/FOGRA39L_coated.icc, the CMYK output-intent profile of the
# print edition. Not run by the build or CI: the generated profile is committed.
#
# Source: Fogra's FOGRA39L characterisation data (ISO 12647-2:2004/Amd 1, coated paper) as
# packaged in Debian's icc-profiles-free (Zlib licence); profiled with Argyll's colprof, the
# way colord made its FOGRA39L_coated.icc. Needs: apt-get install icc-profiles-free argyll
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/"
# -qm medium quality, -kr black generation ramp, 330 % total ink, 100 % black
(cd "$work" && colprof -qm -kr -l330 -L100 \
  -D "FOGRA39L coated" \
  -C "Generated with Argyll colprof from Fogra's FOGRA39L data (Zlib licence)" \
  FOGRA39L)
cp "$work/FOGRA39L.icc" brochure/press/icc/FOGRA39L_coated.icc
echo "wrote brochure/press/icc/FOGRA39L_coated.icc"
