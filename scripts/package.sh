#!/usr/bin/env bash
# Builds what a host needs to run Supervisor without the .NET SDK or runtime: a self-contained single-file
# `supervisor` executable per architecture and a .deb around each (docs/deployment.md, "Installing the package").
#
#   scripts/package.sh                    # linux-x64 and linux-arm64: dist/linux-<arch>/supervisor + dist/supervisor_<ver>_<arch>.deb
#   scripts/package.sh --arch x64         # one architecture (x64 or arm64; repeatable)
#   scripts/package.sh --no-deb           # executables only (deploy/compose/Dockerfile uses this)
#   scripts/package.sh --no-r2r           # without ReadyToRun: builds faster, starts slower (docs/deployment.md has figures)
#   scripts/package.sh --version 1.2.0    # package and `supervisor --version` (default: the project's Version+git<date>.<commit>)
#   scripts/package.sh --out DIR          # instead of dist/
#
# Needs the .NET 10 SDK (the runtime packs for linux-x64/linux-arm64 come from NuGet) and, for the .deb, dpkg-deb.
# What goes into the executable is set in src/Supervisor.Node/Supervisor.Node.csproj (publish for a runtime).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/dist"
archs=()
deb=1
r2r=1
version=""
maintainer="${SUPERVISOR_DEB_MAINTAINER:-Supervisor maintainers <maintainers@users.noreply.b-seed-d3c7d7c6.example>}"

die() { echo "package: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --arch) [ $# -ge 2 ] || die "--arch needs a value: x64 or arm64"; archs+=("$2"); shift 2 ;;
    --no-deb) deb=0; shift ;;
    --no-r2r) r2r=0; shift ;;
    --version) [ $# -ge 2 ] || die "--version needs a value, e.g. --version 1.2.0"; version="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a directory"; out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see scripts/package.sh --help)" ;;
  esac
done
[ ${#archs[@]} -gt 0 ] || archs=(x64 arm64)
for a in "${archs[@]}"; do
  case "$a" in x64|arm64) ;; *) die "unknown architecture '$a': use x64 or arm64" ;; esac
done

command -v dotnet >/dev/null || die "dotnet not found on PATH: install the .NET 10 SDK (https://dot.net), or run this where it is installed"
dotnet --list-sdks | grep -q '^10\.' || die "no .NET 10 SDK found (dotnet --list-sdks: $(dotnet --list-sdks | tr '\n' ' ')); install the .NET 10 SDK"
if [ "$deb" = 1 ]; then
  command -v dpkg-deb >/dev/null || die "dpkg-deb not found: install dpkg (apt-get install dpkg), or build only the executables with --no-deb"
fi

project="$repo/src/Supervisor.Node/Supervisor.Node.csproj"
if [ -z "$version" ]; then
  version="$(dotnet msbuild "$project" -nologo -getProperty:Version)"
  if git -C "$repo" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    # Sorts by commit time, so a later build of a later commit is an upgrade for dpkg.
    version="$version+git$(TZ=UTC git -C "$repo" log -1 --format=%cd --date=format-local:%Y%m%d%H%M).$(git -C "$repo" rev-parse --short=7 HEAD)"
    git -C "$repo" diff --quiet HEAD -- 2>/dev/null || version="$version.dirty"
  fi
fi
# Reproducible archive timestamps (dpkg-deb clamps mtimes to it): the commit's time.
if [ -z "${SOURCE_DATE_EPOCH:-}" ] && git -C "$repo" rev-parse --verify -q HEAD >/dev/null 2>&1; then
  SOURCE_DATE_EPOCH="$(git -C "$repo" log -1 --format=%ct)"; export SOURCE_DATE_EPOCH
fi
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || die "version '$version' is not a Debian upstream version (digits first, then letters, digits, . + ~)"

# ELF e_machine (bytes 18-19, little-endian) of a file: 62 = x86-64, 183 = AArch64.
elf_machine() { od -An -t u2 -j 18 -N 2 "$1" | tr -d ' '; }

publish() { # publish x64|arm64 -> $out/linux-<arch>/supervisor
  local rid="linux-$1" dir="$out/linux-$1"
  rm -rf "$dir"
  echo "package: publishing $rid (self-contained single file$([ "$r2r" = 1 ] && echo ", ReadyToRun")) -> ${dir#"$repo"/}/supervisor"
  # DebugType=embedded for every project: line numbers in stack traces, and no .pdb files beside the binary.
  dotnet publish "$project" -c Release -r "$rid" -nologo -v q -o "$dir" \
    -p:DebugType=embedded -p:PublishReadyToRun=$([ "$r2r" = 1 ] && echo true || echo false) \
    -p:InformationalVersion="$version" -p:IncludeSourceRevisionInInformationalVersion=false \
    || die "dotnet publish for $rid failed (output above); a missing runtime pack means NuGet cannot serve Microsoft.NETCore.App.Runtime.$rid"
  local extra
  extra="$(cd "$dir" && find . -mindepth 1 ! -name supervisor | sort | tr '\n' ' ')"
  [ -z "$extra" ] || die "the single-file publish left files beside $dir/supervisor: $extra(everything must be inside the executable)"
  local want; want=$([ "$1" = x64 ] && echo 62 || echo 183)
  [ "$(elf_machine "$dir/supervisor")" = "$want" ] || die "$dir/supervisor is not a $rid ELF executable (e_machine $(elf_machine "$dir/supervisor"), expected $want)"
  echo "package: $rid: $(du -h --apparent-size "$dir/supervisor" | cut -f1) $dir/supervisor"
}

build_deb() { # build_deb x64|arm64 -> $out/supervisor_<version>_<debarch>.deb
  local debarch; debarch=$([ "$1" = x64 ] && echo amd64 || echo arm64)
  local stage="$out/deb-root-$debarch" file="$out/supervisor_${version}_${debarch}.deb"
  rm -rf "$stage" "$file"
  install -d -m 0755 "$stage/DEBIAN" "$stage/usr/bin" "$stage/etc/supervisor" "$stage/lib/systemd/system" \
    "$stage/usr/share/doc/supervisor/examples" "$stage/usr/share/doc/supervisor/drivers"
  install -d -m 0750 "$stage/var/lib/supervisor"
  install -m 0755 "$out/linux-$1/supervisor" "$stage/usr/bin/supervisor"
  install -m 0640 "$repo/deploy/debian/supervisor.conf" "$stage/etc/supervisor/supervisor.conf"
  install -m 0644 "$repo/deploy/systemd/supervisor.service" "$repo/deploy/systemd/supervisor-agent.service" "$stage/lib/systemd/system/"
  install -m 0644 "$repo/README.md" "$repo/cluster.hocon" "$repo"/docs/*.md "$stage/usr/share/doc/supervisor/"
  install -m 0644 "$repo"/docs/drivers/*.md "$stage/usr/share/doc/supervisor/drivers/"
  install -m 0644 "$repo"/config/examples/*.conf "$repo/deploy/debian/agent.conf" "$stage/usr/share/doc/supervisor/examples/"
  install -m 0644 "$repo/deploy/debian/conffiles" "$stage/DEBIAN/conffiles"
  install -m 0755 "$repo/deploy/debian/preinst" "$repo/deploy/debian/postinst" "$repo/deploy/debian/prerm" "$repo/deploy/debian/postrm" "$stage/DEBIAN/"
  local size; size="$(du -sk --apparent-size --exclude=DEBIAN "$stage" | cut -f1)"
  sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$debarch|" -e "s|@INSTALLED_SIZE@|$size|" -e "s|@MAINTAINER@|$maintainer|" \
    "$repo/deploy/debian/control.in" > "$stage/DEBIAN/control"
  chmod 0644 "$stage/DEBIAN/control"
  # gzip: xz would make the x64 .deb 43 MB instead of 57 MB but costs ~7x the CPU (88 s vs 13 s here); every dpkg reads gzip.
  dpkg-deb --build --root-owner-group -Zgzip "$stage" "$file" >/dev/null || die "dpkg-deb --build failed for $stage"
  rm -rf "$stage"
  echo "package: $(du -h "$file" | cut -f1) $file"
}

echo "package: version $version, architectures ${archs[*]}, output $out"
for a in "${archs[@]}"; do
  publish "$a"
  if [ "$deb" = 1 ]; then build_deb "$a"; fi
done
