#!/bin/sh
# Installs the Debian packages that are missing, then says nothing.
# usage: deps.sh --pc MODULE:PACKAGE... --cmd CHECK:PACKAGE...
# A --pc MODULE is a pkg-config module; a --cmd CHECK is a command on PATH
# or an absolute path to a file.
missing=
kind=
for arg in "$@"; do
	case $arg in
	--pc|--cmd) kind=$arg; continue ;;
	esac
	check=${arg%%:*}
	package=${arg#*:}
	if [ "$kind" = --pc ]; then
		command -v pkg-config >/dev/null 2>&1 && pkg-config --exists "$check" 2>/dev/null && continue
	else
		case $check in
		/*) test -e "$check" && continue ;;
		*) command -v "$check" >/dev/null 2>&1 && continue ;;
		esac
	fi
	missing="$missing $package"
done
test -z "$missing" && exit 0

echo "perennial: installing Debian packages:$missing" >&2
sudo=
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then sudo=sudo; else
		echo "perennial: run as root, or install:$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq --no-install-recommends $missing >&2
