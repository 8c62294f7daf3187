# Sourced by scripts/container_check.sh and scripts/compose_check.sh: podman set up for a
# machine without a Docker daemon or an image registry, and the stand-in base images.
#
# - CONTAINERS_CONF: runc and cgroupfs (crun fails on hybrid cgroups), ulimits, netavark,
#   logs in files.
# - `python:3.11-slim` is a Debian bookworm rootfs made by debootstrap (python3, venv at
#   /usr/local so `python` and `pip` behave as in the official image), imported under the
#   official name so the Dockerfile builds unchanged. The rootfs is kept as a tarball in
#   $CONTAINER_CACHE (default /var/tmp/pluginnovation-containers) between runs.
# - The services stand-in (postgres, redis, nginx) is built on it: see services_base.

CONTAINER_CACHE=${CONTAINER_CACHE:-/var/tmp/pluginnovation-containers}
mkdir -p "$CONTAINER_CACHE"

CONTAINERS_CONF="$CONTAINER_CACHE/containers.conf"
cat >"$CONTAINERS_CONF" <<'EOF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]
# Logs in files: `podman logs` must work where no journald runs (the checks read them).
log_driver = "k8s-file"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[network]
network_backend = "netavark"
EOF
export CONTAINERS_CONF
export BUILDAH_ISOLATION=chroot

# The host's CA bundle (this machine reaches PyPI through a TLS-inspecting proxy): handed to
# `pip install` as a build secret, never stored in a layer.
HOST_CA_BUNDLE=${HOST_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}

need_tools() {
    local missing=()
    for tool in podman buildah runc debootstrap; do
        command -v "$tool" >/dev/null || missing+=("$tool")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Missing: ${missing[*]} (apt-get install podman buildah runc debootstrap" \
            "netavark aardvark-dns iptables podman-compose catatonit nginx-light)" >&2
        exit 1
    fi
}

# debootstrap a bookworm rootfs with the given extra packages into a cached tarball; echo its
# path. The name carries a hash of the package list, so a changed list builds a new one.
standin_rootfs() {
    local name=$1 packages=$2 setup=${3:-}
    local key
    key=$(printf '%s|%s|%s' "$STANDIN_RECIPE" "$packages" "$setup" | sha256sum | cut -c1-12)
    local tarball="$CONTAINER_CACHE/$name-$key.tar"
    if [ ! -s "$tarball" ]; then
        local root
        root=$(mktemp -d /var/tmp/pluginnovation-rootfs.XXXXXX)
        echo "debootstrap $name ($packages)" >&2
        debootstrap --variant=minbase --include="$packages" bookworm "$root" \
            http://deb.debian.org/debian >"$CONTAINER_CACHE/$name.debootstrap.log" 2>&1 || {
            tail -n 20 "$CONTAINER_CACHE/$name.debootstrap.log" >&2
            rm -rf "$root"
            return 1
        }
        if [ -n "$setup" ]; then
            chroot "$root" /bin/sh -c "$setup" >&2
        fi
        standin_trim "$root"
        tar -C "$root" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
        rm -rf "$root"
    fi
    echo "$tarball"
}

# What the official slim images leave out too: package lists, documentation, translations.
STANDIN_RECIPE=2
standin_trim() {
    rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/usr/share/doc/* \
        "$1"/usr/share/man/* "$1"/usr/share/info/* "$1"/usr/share/locale/* "$1"/var/log/*
}

# Import a cached rootfs under an image name unless podman already has that very rootfs.
import_standin() {
    local image=$1 tarball=$2
    shift 2
    local label
    label=$(basename "$tarball" .tar)
    if [ "$(podman image inspect "$image" --format '{{index .Labels "standin"}}' 2>/dev/null)" \
        != "$label" ]; then
        podman import --change "LABEL standin=$label" "$@" "$tarball" "$image" >/dev/null
    fi
}

python_base() {
    local tarball
    tarball=$(standin_rootfs python-3.11-slim "python3,python3-venv,ca-certificates,netbase,tzdata" \
        "python3 -m venv /usr/local")
    import_standin docker.io/library/python:3.11-slim "$tarball" \
        --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change 'CMD ["python3"]'
}

# One stand-in for the official postgres, redis and nginx images: Debian's packages on the
# python:3.11-slim stand-in (deploy/standins/Containerfile); the compose override
# (compose.standins.yaml) gives each service its entrypoint from deploy/standins/.
STANDIN_SERVICES_IMAGE=localhost/pluginnovation-standin-services:bookworm
services_base() {
    python_base
    podman build --quiet --pull=never --network host -t "$STANDIN_SERVICES_IMAGE" \
        -f deploy/standins/Containerfile deploy/standins >/dev/null
}
