#!/usr/bin/env bash
# Installs what deploy/images.sh and podman need on Debian 12 (podman 4.3): the container tools, runc (the
# cgroups here are hybrid v1, which crun refuses), debootstrap for the local base image of --from-host, and catatonit,
# from which `podman kube play` builds its pause image.
# Only what is missing is installed; as root, or through sudo. Never Debian's kubernetes-client (see PODMAN.md).
set -euo pipefail

packages=(podman buildah runc uidmap slirp4netns fuse-overlayfs debootstrap catatonit)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install.sh: ${packages[*]}: all installed" >&2
  exit 0
fi

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "install.sh: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
