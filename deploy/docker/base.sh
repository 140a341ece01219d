#!/usr/bin/env bash
# Makes the local runtime base of "deploy/images.sh --from-host", for machines that reach no image registry:
# Debian 12 (minbase) with what a self-contained .NET app needs: ICU (libicu72), libssl3 (without it any TLS call
# kills the process), CA certificates, tzdata (IANA time zones; in minbase already) and curl for the HEALTHCHECK.
# The packages come from the Debian mirror this machine's apt already uses (the first "URIs:" line of
# /etc/apt/sources.list.d/debian.sources), or DEBIAN_MIRROR. About 30 s and 130 MB.
#
#   deploy/docker/base.sh [TAG]      TAG defaults to localhost/batch-base:12; BATCH_ENGINE=podman|docker
set -euo pipefail

deploy=$(cd "$(dirname "$0")/.." && pwd)
tag=${1:-localhost/batch-base:12}
engine=${BATCH_ENGINE:-$(command -v podman >/dev/null && echo podman || echo docker)}
[ "$engine" = podman ] && . "$deploy/podman/env.sh"

mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ] && [ -r /etc/apt/sources.list.d/debian.sources ]; then
  mirror=$(awk '$1 == "URIs:" { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
fi
if [ -z "$mirror" ] && [ -r /etc/apt/sources.list ]; then
  mirror=$(awk '$1 == "deb" && $2 !~ /^\[/ && $3 ~ /^bookworm$/ { print $2; exit }' /etc/apt/sources.list)
fi
[ -n "$mirror" ] || { echo "base.sh: no Debian mirror found in apt's sources; set DEBIAN_MIRROR" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "base.sh: debootstrap is missing: deploy/podman/install.sh" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "base.sh: debootstrap needs root" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/batch-base.XXXXXX")
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs

echo "base.sh: debootstrap bookworm (minbase) into $rootfs" >&2
debootstrap --variant=minbase --include=libicu72,libssl3,ca-certificates,curl bookworm "$rootfs" "$mirror" \
  > "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }

# Trim what a runtime never reads: apt's caches and lists, docs, man and info pages, message translations (.NET
# uses ICU's data), logs.
find "$rootfs"/usr/share/locale -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* \
       "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
       "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/log/* "$rootfs"/tmp/*
# The mirror's address stays out of the image.
rm -f "$rootfs"/etc/apt/sources.list "$rootfs"/etc/apt/sources.list.d/*
echo "base.sh: rootfs $(du -sh "$rootfs" | cut -f1)" >&2

# Without the PATH change, "sh" is "not found" where a command is run without a shell's defaults.
tar -C "$rootfs" -c . | "$engine" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["/bin/bash"]' \
  --message "Debian 12 minbase with libicu72, libssl3, ca-certificates, curl (deploy/docker/base.sh)" \
  - "$tag" >/dev/null
echo "base.sh: made $tag" >&2
