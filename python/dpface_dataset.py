"""Reference reader of dpface datasets (docs/dataset-format.md) for Python users.

Needs numpy and h5py; PyTorch is optional. With torch importable, ``DpfaceDataset`` subclasses
``torch.utils.data.Dataset``; without it, it is a plain class with the same ``__len__`` / ``__getitem__``.

Units and frames (the shard's own attributes state them too):

* ``dp_left``, ``dp_right``: uint16 ``H x W x C`` linear raw DP halves (left/top and right/bottom).
* ``depth``: float32 ``H x W``, planar Z in mm along the camera z axis (not ray length); 0 = invalid.
* ``normal``: float32 ``H x W x 3``, unit normals in the camera frame, toward the camera; 0 where invalid.
* ``mask``: bool ``H x W``, True = valid ground truth.
* ``K``: float32 ``3 x 3`` intrinsics of the sample's pixel grid (px). Camera frame is OpenCV: x right,
  y down, z forward; pixel (u, v) = (column, row), integer coordinates at pixel centres.
* ``camera_to_world``: float32 ``4 x 4``, X_world = T @ X_camera, translation in mm.
* ``dp_coeffs``: float32 ``(a, b)`` of d = a / Z + b; d in px along ``dp_axis`` (``horizontal``: columns,
  ``vertical``: rows), Z in mm. ``disparity_from_depth`` applies it.
* metadata strings: ``sample_id``, ``subject_id``, ``session_id``, ``camera_id``, ``expression``,
  ``position``, ``direction``, ``light``; plus ``split``, ``shard`` and ``row``.

HDF5 files are opened lazily: a ``DpfaceDataset`` holds no file handle after ``__init__`` and opens a
shard on first access in each process (a DataLoader worker forked or spawned after construction opens
its own handles; handles are never pickled).

Command line: ``python3 dpface_dataset.py DATASET [--split S] [--digest]`` prints a summary, or with
``--digest`` one JSON line per sample with the SHA-256 of each array's little-endian bytes (what the
Java test compares against).
"""

import hashlib
import json
import os
import sys

import h5py
import numpy as np

try:  # PyTorch is optional
    from torch.utils.data import Dataset as _Base
except ImportError:  # pragma: no cover - depends on the machine
    _Base = object

INDEX_FORMAT = "dpface-dataset-index"
MANIFEST_FORMAT = "dpface-dataset-manifest"
SPLIT_FORMAT = "dpface-dataset-split"
SHARD_FORMAT = "dpface-shard"
VERSION = 1
SPLITS = ("train", "val", "test")
ARRAYS = ("dp_left", "dp_right", "depth", "normal", "mask", "K", "camera_to_world", "dp_coeffs")
STRINGS = ("sample_id", "subject_id", "session_id", "camera_id", "expression", "position", "direction", "light")


class DatasetFormatError(ValueError):
    """A dataset file that does not follow docs/dataset-format.md; the message names file and field."""


def _text(v):
    """HDF5 string attributes come back as bytes (fixed-length); return str."""
    return v.decode("utf-8") if isinstance(v, bytes) else str(v)


def _read_json(path, fmt):
    try:
        with open(path, "r", encoding="utf-8") as f:
            doc = json.load(f)
    except FileNotFoundError:
        raise DatasetFormatError(f"{path}: missing (not a dpface dataset folder?)") from None
    except json.JSONDecodeError as e:
        raise DatasetFormatError(f"{path}: not JSON: {e}") from None
    if doc.get("format") != fmt:
        raise DatasetFormatError(f"{path}: format is {doc.get('format')!r}, expected {fmt!r}")
    if doc.get("version") != VERSION:
        raise DatasetFormatError(f"{path}: version is {doc.get('version')!r}, expected {VERSION}")
    return doc


def disparity_from_depth(depth, mask, dp_coeffs):
    """DP disparity (px along dp_axis) predicted from depth (mm) by d = a / Z + b; 0 where mask is False."""
    a, b = float(dp_coeffs[0]), float(dp_coeffs[1])
    z = np.where(mask, depth, 1.0).astype(np.float64)
    return np.where(mask, a / z + b, 0.0).astype(np.float32)


class DatasetIndex:
    """The JSON side of a dataset: index.json, manifest.json and splits/*.json. Opens no HDF5 file.

    Attributes: ``root``, ``index``, ``manifest``, ``splits`` (split -> list of subject ids),
    ``shard_split`` (shard file -> split), ``dp_axis``, ``sample_shape`` (dict height, width, channels).
    """

    def __init__(self, root):
        self.root = os.fspath(root)
        self.index = _read_json(os.path.join(self.root, "index.json"), INDEX_FORMAT)
        self.manifest = _read_json(os.path.join(self.root, "manifest.json"), MANIFEST_FORMAT)
        self.splits = {}
        for split in SPLITS:
            doc = _read_json(os.path.join(self.root, "splits", split + ".json"), SPLIT_FORMAT)
            self.splits[split] = list(doc["subjects"])
        self.shard_split = {s["file"]: s["split"] for s in self.index["shards"]}
        self.dp_axis = self.index["dp_axis"]
        self.sample_shape = self.index["sample_shape"]
        for i, s in enumerate(self.index["samples"]):
            if s["shard"] not in self.shard_split:
                raise DatasetFormatError(
                    f"{self.root}/index.json: samples[{i}] ({s.get('sample_id')}) names shard {s['shard']!r}, "
                    "which is not in shards")

    def entries(self, split=None):
        """Index entries (dicts) of one split (``train``, ``val``, ``test``) or of all splits, in index order."""
        if split is not None and split not in SPLITS:
            raise ValueError(f"split must be one of {SPLITS} or None, got {split!r}")
        return [s for s in self.index["samples"] if split is None or self.shard_split[s["shard"]] == split]


class DpfaceDataset(_Base):
    """Samples of one split as dicts of numpy arrays + metadata (units in the module docstring).

    ``DpfaceDataset(root, split="train", transform=None)``; ``split=None`` takes every split.
    ``transform``, when given, is applied to each sample dict. Subclasses ``torch.utils.data.Dataset``
    when torch is importable.
    """

    def __init__(self, root, split="train", transform=None):
        self.meta = DatasetIndex(root)
        self.split = split
        self.entries = self.meta.entries(split)
        self.transform = transform
        self._files = None  # shard file -> h5py.File, opened lazily per process
        self._pid = None

    def __len__(self):
        return len(self.entries)

    def __getitem__(self, i):
        if not -len(self.entries) <= i < len(self.entries):
            raise IndexError(f"sample {i} out of range for {len(self.entries)} samples")
        e = self.entries[i]
        f = self._file(e["shard"])
        r = e["row"]
        out = {name: f[name][r] for name in ARRAYS}
        out["mask"] = out["mask"].astype(bool)
        sid = f["sample_id"][r]
        sid = _text(sid)
        if sid != e["sample_id"]:
            raise DatasetFormatError(
                f"{self.meta.root}/{e['shard']}: sample_id[{r}] is {sid!r}, index.json says {e['sample_id']!r}")
        for name in STRINGS:
            out[name] = e[name] if name in e else _text(f[name][r])
        out["split"] = self.meta.shard_split[e["shard"]]
        out["shard"] = e["shard"]
        out["row"] = r
        return self.transform(out) if self.transform is not None else out

    def _file(self, shard):
        pid = os.getpid()
        if self._files is None or self._pid != pid:
            # first access in this process (or a forked worker inherited the parent's dict): fresh handles
            self._files = {}
            self._pid = pid
        f = self._files.get(shard)
        if f is None:
            path = os.path.join(self.meta.root, shard)
            f = h5py.File(path, "r")
            if _text(f.attrs.get("format", b"")) != SHARD_FORMAT or int(f.attrs.get("version", -1)) != VERSION:
                f.close()
                raise DatasetFormatError(f"{path}: attribute format/version is not {SHARD_FORMAT} v{VERSION}")
            self._files[shard] = f
        return f

    def close(self):
        """Closes the HDF5 files opened by this process."""
        if self._files is not None and self._pid == os.getpid():
            for f in self._files.values():
                f.close()
        self._files = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_files"] = None  # h5py handles do not cross processes
        state["_pid"] = None
        return state


def _digest(a):
    a = np.ascontiguousarray(a)
    return hashlib.sha256(a.astype(a.dtype.newbyteorder("<")).tobytes()).hexdigest()


def main(argv):
    import argparse

    p = argparse.ArgumentParser(description="Summary (or per-sample digests) of a dpface dataset.")
    p.add_argument("dataset")
    p.add_argument("--split", choices=SPLITS, default=None)
    p.add_argument("--digest", action="store_true", help="one JSON line per sample: ids and SHA-256 per array")
    args = p.parse_args(argv)
    ds = DpfaceDataset(args.dataset, split=args.split)
    try:
        if args.digest:
            for i in range(len(ds)):
                s = ds[i]
                line = {k: s[k] for k in STRINGS + ("split", "shard", "row")}
                line["sha256"] = {k: _digest(s[k].astype(np.uint8) if k == "mask" else s[k]) for k in ARRAYS}
                line["valid_pixels"] = int(s["mask"].sum())
                line["disparity_mean_px"] = float(disparity_from_depth(s["depth"], s["mask"], s["dp_coeffs"])[s["mask"]].mean()) \
                    if s["mask"].any() else 0.0
                print(json.dumps(line, sort_keys=True))
        else:
            print(f"{args.dataset}: {len(ds)} sample(s) in split {args.split or 'all'}; "
                  f"shape {ds.meta.sample_shape}, dp_axis {ds.meta.dp_axis}")
            for split in SPLITS:
                print(f"  {split}: {len(ds.meta.entries(split))} sample(s), {len(ds.meta.splits[split])} subject(s)")
    finally:
        ds.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
