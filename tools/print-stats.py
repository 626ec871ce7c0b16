#!/usr/bin/env python3
"""Prints a mirror's live counters from its stats file, once a second.

A reader written from docs/STATS-FORMAT.md alone, used by tools/run-demo.sh
until passmirrorctl and the window show the same figures.
"""
import argparse
import mmap
import struct
import time

MAGIC = 0x54534D50
OPERATIONS = ("init destroy lookup forget batch_forget getattr setattr readlink mknod mkdir unlink "
              "rmdir symlink rename link open read write flush release fsync opendir readdir "
              "readdirplus releasedir fsyncdir statfs setxattr getxattr listxattr removexattr access "
              "create getlk setlk flock ioctl poll fallocate copy_file_range lseek tmpfile").split()
STATES = ("starting", "mounted", "stopping", "stopped", "died")
TRANSPORTS = ("unknown", "/dev/fuse", "io_uring")


def sample(view):
    magic, version, _size, count = struct.unpack_from("<4I", view, 0)
    if magic != MAGIC or version != 1:
        raise SystemExit(f"not a PassMirror stats file (magic {magic:#x}, version {version})")
    state, transport, passthrough = struct.unpack_from("<3I", view, 56)
    (bytes_read, bytes_written, open_files, _dirs, pt_opens, us_opens) = struct.unpack_from("<6Q", view, 72)
    ops = {}
    for index in range(min(count, len(OPERATIONS))):
        ops[OPERATIONS[index]] = struct.unpack_from("<2Q", view, 208 + 16 * index)
    return {
        "state": STATES[state] if state < len(STATES) else state,
        "transport": TRANSPORTS[transport] if transport < len(TRANSPORTS) else transport,
        "passthrough": bool(passthrough), "bytes": (bytes_read, bytes_written),
        "open_files": open_files, "opens": (pt_opens, us_opens), "ops": ops,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("stats_file")
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long (0: until Ctrl-C)")
    args = parser.parse_args()
    with open(args.stats_file, "rb") as f:
        view = mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ)
    started = time.monotonic()
    try:
        while not args.seconds or time.monotonic() - started < args.seconds:
            s = sample(view)
            o = s["ops"]
            print(f"{s['state']:>8}  open {o['open'][0]:6d}  flush {o['flush'][0]:6d}  "
                  f"close {o['release'][0]:6d}  lookup {o['lookup'][0]:6d}  getattr {o['getattr'][0]:6d}  "
                  f"open now {s['open_files']:3d}  passthrough opens {s['opens'][0]}  userspace opens {s['opens'][1]}",
                  flush=True)
            time.sleep(1)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
