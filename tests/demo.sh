#!/bin/sh
# make demo: the main job on sample-notes/, with the binary given.
perennial=$1
cd "$(dirname "$0")/.." || exit 2
echo "\$ perennial check -C sample-notes"
"$perennial" check -C sample-notes
