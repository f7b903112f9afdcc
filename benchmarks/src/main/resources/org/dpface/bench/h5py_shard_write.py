"""Peer for ShardWriteVsH5py: h5py writes the same arrays in the same shard layout.

argv: dir n h w c level out.h5
dir holds raw little-endian arrays (dp_left.bin ... dp_coeffs.bin, strings.json) for all n samples.
After loading, prints {"ready": ...}; then one write per stdin line "write" (one JSON line back each), so
the caller can interleave rounds with its own; "quit" ends. Only open..close + fsync of the file is
timed (wall and process CPU). Peak RSS is the high-water mark (VmHWM) while writing, reset just before, minus the RSS before.
"""
import json, os, sys, time

import h5py
import numpy as np

src, out = sys.argv[1], sys.argv[7]
n, h, w, c, level = map(int, sys.argv[2:7])
shapes = {
    "dp_left": ("<u2", (h, w, c)), "dp_right": ("<u2", (h, w, c)), "depth": ("<f4", (h, w)),
    "normal": ("<f4", (h, w, 3)), "mask": ("|u1", (h, w)), "K": ("<f4", (3, 3)),
    "camera_to_world": ("<f4", (4, 4)), "dp_coeffs": ("<f4", (2,)),
}
arrays = {k: np.fromfile(os.path.join(src, k + ".bin"), dtype=dt).reshape((n,) + s) for k, (dt, s) in shapes.items()}
meta = json.load(open(os.path.join(src, "strings.json")))
attrs, strings = meta["attrs"], meta["strings"]


def status(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return -1


def reset_hwm():
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def write():
    with h5py.File(out, "w") as f:
        for k, v in attrs.items():
            if isinstance(v, int):
                f.attrs.create(k, v, dtype="<i4")
            else:
                b = v.encode("utf-8")
                f.attrs.create(k, np.bytes_(b), dtype=h5py.string_dtype("utf-8", len(b) + 1))
        for k, a in arrays.items():
            f.create_dataset(k, data=a, chunks=(1,) + a.shape[1:], shuffle=True, compression="gzip",
                             compression_opts=level)
        for k, vals in strings.items():
            enc = [s.encode("utf-8") for s in vals]
            size = max(1, max(len(b) for b in enc) + 1)
            ds = f.create_dataset(k, shape=(len(enc),), dtype=h5py.string_dtype("utf-8", size))
            ds.id.write(h5py.h5s.ALL, h5py.h5s.ALL, np.array(enc, dtype="S%d" % size), mtype=ds.id.get_type())
    fd = os.open(out, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)


print(json.dumps({"ready": True, "h5py": h5py.__version__, "hdf5": h5py.version.hdf5_version}), flush=True)
for line in sys.stdin:
    if line.strip() != "write":
        break
    before = status("VmRSS")
    ok = reset_hwm()
    t0, c0 = time.perf_counter(), time.process_time()
    write()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = status("VmHWM") - before if ok else -1
    size = os.path.getsize(out)
    os.remove(out)
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_extra_rss": peak, "file_bytes": size}), flush=True)
