"""StereoDpNet (network/src/main/java/org/dpface/network/model/StereoDpNet.java) written in PyTorch, layer for
layer, for the StereoDpVsPyTorch benchmark.

Usage: python3 stereodp_torch.py DIR   (DIR/job.json written by the Java side; DIR/result.json written here)

job.json: {"config": {StereoDpNetConfig fields}, "threads": T, "lr": LR, "normalWeight": W, "steps": N, "warmup": M,
           "a": A, "b": B, "intrinsics": [fx, fy, cx, cy],
           "shapes": [{"kind": "train"|"infer", "n": N, "h": H, "w": W}, ...],
           "check": {"h": H, "w": W, "paramShapes": [[...], ...]}}  (check: optional)
DIR/params.f32, DIR/check_in.f32: the Java model's parameters (flat, parameter order) and one input
(left, right, each H*W float32); with them the script loads the Java weights, runs one forward pass and writes
DIR/check_out.f32 (disparity, depth, normals), so the Java side can compare the two implementations' outputs.

Wall and process CPU time are both recorded (CPU time is the fairer figure on a loaded machine when one
thread is used). Each timed training step: fresh input/label tensors copied from host arrays, forward, DpLoss, backward, Adam step,
loss read back (as DpTrainer). Each timed inference: one sample, no_grad forward, outputs copied to host arrays.
"""
import json
import math
import os
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

LEAK = 0.1
COORD_SCALE_MM = 10.0  # StereoDpNet.COORD_SCALE_MM
STAGE_WEIGHTS = [1.0, 0.7, 0.5]


def conv(cin, cout, stride=1, dilation=1):
    return nn.Conv2d(cin, cout, 3, stride=stride, padding=dilation, dilation=dilation)


class Conv3(nn.Conv3d):
    """3x3x3 'same' convolution as DpOps.Conv3d runs it: for a batch of one, with the depth axis moved last (the
    same convolution; libtorch then picks oneDNN instead of its slow reference conv3d, see DpOps.Conv3d)."""

    def __init__(self, cin, cout):
        super().__init__(cin, cout, 3, padding=1)

    depth_last = True  # job "depthLastConv3d": false runs plain nn.Conv3d, as PyTorch does by itself

    def forward(self, x):
        if x.shape[0] != 1 or not Conv3.depth_last:
            return super().forward(x)
        y = F.conv3d(x.permute(0, 1, 3, 4, 2), self.weight.permute(0, 1, 3, 4, 2), self.bias, padding=1)
        return y.permute(0, 1, 4, 2, 3)


def conv3(cin, cout):
    return Conv3(cin, cout)


def act(m):
    return nn.Sequential(m, nn.LeakyReLU(LEAK))


def shift_int(x, s):
    if s == 0:
        return x
    w = x.shape[-1]
    if abs(s) >= w:
        return torch.zeros_like(x)
    zs = list(x.shape)
    zs[-1] = abs(s)
    z = x.new_zeros(zs)
    if s > 0:
        return torch.cat([x[..., s:], z], -1)
    return torch.cat([z, x[..., :w + s]], -1)


def shift_nearest(x, s):
    return shift_int(x, int(math.floor(s + 0.5)))  # Java Math.round


def shift_bilinear(x, s):
    i = int(math.floor(s))
    t = s - i
    if t < 1e-9:
        return shift_int(x, i)
    return shift_int(x, i) * float(np.float32(1 - t)) + shift_int(x, i + 1) * float(np.float32(t))


def phase_matrix(w, s):
    k = np.arange(1, (w + 1) // 2)
    row = np.arange(w)[:, None]
    col = np.arange(w)[None, :]
    u = col + s - row
    acc = 1 + 2 * np.cos(2 * np.pi * k[None, None, :] * u[:, :, None] / w).sum(-1) if len(k) else np.ones((w, w))
    if w % 2 == 0:
        acc = acc + np.cos(np.pi * u)
    return torch.from_numpy((acc / w).astype(np.float32))


def resize_bilinear(x, h, w):
    if x.shape[2] == h and x.shape[3] == w:
        return x
    return F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)


def l2_normalize(x):
    return x / (x.square().sum(1, keepdim=True) + 1e-8).sqrt()


def gradient(x, axis):
    n = x.shape[axis]
    first = x.narrow(axis, 1, 1) - x.narrow(axis, 0, 1)
    mid = (x.narrow(axis, 2, n - 2) - x.narrow(axis, 0, n - 2)) * 0.5
    last = x.narrow(axis, n - 1, 1) - x.narrow(axis, n - 2, 1)
    return torch.cat([first, mid, last], axis)


def normals_from_points(p):
    du = gradient(p, 3)
    dv = gradient(p, 2)
    a = [dv[:, i:i + 1] for i in range(3)]
    b = [du[:, i:i + 1] for i in range(3)]
    cx = a[1] * b[2] - a[2] * b[1]
    cy = a[2] * b[0] - a[0] * b[2]
    cz = a[0] * b[1] - a[1] * b[0]
    return l2_normalize(torch.cat([cx, cy, cz], 1))


def back_project(depth, k):
    n, _, h, w = depth.shape
    u = torch.arange(0, w, dtype=torch.float32).reshape(1, 1, 1, w)
    v = torch.arange(0, h, dtype=torch.float32).reshape(1, 1, h, 1)
    fx, fy, cx, cy = (k[:, i].reshape(n, 1, 1, 1) for i in range(4))
    return torch.cat([(u - cx) / fx * depth, (v - cy) / fy * depth, depth], 1)


class StereoDpNet(nn.Module):
    """Mirrors StereoDpNet.java; modules are registered in the Java block's child order so that parameters()
    lists them in the order of getParameters()."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        c = cfg["featureChannels"]
        layers = [act(conv(1, c))]
        for _ in range(cfg["downsampleLevels"]):
            layers.append(act(conv(c, c, stride=2)))
        layers += [act(conv(c, c, dilation=2)), act(conv(c, c, dilation=4)), conv(c, c)]
        self.features = nn.Sequential(*layers)
        self.attention = nn.Sequential(act(conv(2 * c, c)), conv(c, 3)) if cfg["adaptiveSampling"] else None
        a = cfg["aggregationChannels"]
        self.stem = nn.Sequential(act(conv3(2 * c, a)), act(conv3(a, a)))
        self.nstages = cfg["aggregationStages"]
        for s in range(self.nstages):
            setattr(self, "stage%d" % s, nn.Sequential(act(conv3(a, a)), conv3(a, a)))
            setattr(self, "head%d" % s, conv3(a, 1))
        k = cfg["numHypotheses"]
        nc = cfg["normalChannels"]
        self.nhyp = cfg.get("normalHypotheses", 0)
        self.normal_volume = nn.Sequential(act(conv3(5, nc)), act(conv3(nc, nc)), conv3(nc, nc + 1)) \
            if self.nhyp > 0 else None
        self.normal_head = nn.Sequential(act(conv((3 + nc + 2) if self.nhyp > 0 else (3 + k + 2), nc)), act(conv(nc, nc, dilation=2)),
                                         act(conv(nc, nc, dilation=4)), conv(nc, 3))
        self.stride = 1 << cfg["downsampleLevels"]
        l = cfg["softArgminLevels"]
        interp = np.zeros((k, l), dtype=np.float32)
        levels = np.zeros(l, dtype=np.float32)
        for j in range(l):
            t = j * (k - 1.0) / (l - 1)
            i0 = min(int(math.floor(t)), k - 2)
            frac = t - i0
            interp[i0, j] = 1 - frac
            interp[i0 + 1, j] = frac
            levels[j] = self.level_px(j)
        self.register_buffer("interp", torch.from_numpy(interp), persistent=False)
        self.register_buffer("levels", torch.from_numpy(levels), persistent=False)
        self._phase = {}

    def hypothesis_px(self, k):
        c = self.cfg
        return c["minDisparityPx"] + k * (c["maxDisparityPx"] - c["minDisparityPx"]) / (c["numHypotheses"] - 1)

    def level_px(self, l):
        c = self.cfg
        return c["minDisparityPx"] + l * (c["maxDisparityPx"] - c["minDisparityPx"]) / (c["softArgminLevels"] - 1)

    def shift_phase(self, x, s):
        # the Java side caches the W x W matrix per (W, s) and copies it into a tensor on each call
        key = (x.shape[-1], s)
        if key not in self._phase:
            self._phase[key] = phase_matrix(x.shape[-1], s)
        return torch.matmul(x, self._phase[key].clone())

    def hypothesis_normal_features(self, disparity, logits, coeffs, intrinsics, mean_depth):
        """StereoDpNet.hypothesisNormalFeatures."""
        k = self.cfg["numHypotheses"]
        j = self.nhyp
        step = float(np.float32((self.cfg["maxDisparityPx"] - self.cfg["minDisparityPx"]) / (k - 1)))
        hyp = torch.tensor([float(np.float32(self.hypothesis_px(i))) for i in range(k)]).reshape(1, k, 1, 1)
        probs = torch.softmax(logits, 1)
        zero = torch.zeros_like(mean_depth)
        origin = torch.cat([zero, zero, mean_depth], 1)
        n = disparity.shape[0]
        a = coeffs[:, 0].reshape(n, 1, 1, 1)
        b = coeffs[:, 1].reshape(n, 1, 1, 1)
        slices = []
        for i in range(j):
            d = disparity + float(np.float32((i - (j - 1) / 2.0) * step))
            hat = (-((d - hyp).abs() / step) + 1.0).clamp(min=0.0)
            score = (hat * logits).sum(1, keepdim=True)
            prob = (hat * probs).sum(1, keepdim=True)
            z = (a / (d - b)).clamp(1.0, 1e5)
            p = (back_project(z, intrinsics) - origin) / COORD_SCALE_MM
            slices.append(torch.cat([p, score, prob], 1))
        volume = self.normal_volume(torch.stack(slices, 2))
        weights = torch.softmax(volume[:, 0:1], 2)
        return (volume[:, 1:] * weights).sum(2)

    def soft_argmin(self, logits):
        lvl = torch.matmul(logits.permute(0, 2, 3, 1), self.interp)
        p = torch.softmax(lvl, 3)
        return (p * self.levels).sum(3).unsqueeze(1)

    def forward(self, left, right, coeffs, intrinsics):
        n, _, h, w = left.shape
        both = self.features(torch.cat([left, right], 0))
        fl = both[:n]
        fr = both[n:]
        slices = []
        for k in range(self.cfg["numHypotheses"]):
            s = self.hypothesis_px(k) / self.stride
            bil = shift_bilinear(fr, s)
            shifted = bil
            if self.attention is not None:
                wts = torch.softmax(self.attention(torch.cat([fl, bil], 1)), 1)
                shifted = shift_nearest(fr, s) * wts[:, 0:1] + bil * wts[:, 1:2] + self.shift_phase(fr, s) * wts[:, 2:3]
            slices.append(torch.cat([fl, shifted], 1))
        volume = self.stem(torch.stack(slices, 2))
        disparities = []
        last_up = None
        for s in range(self.nstages):
            volume = volume + getattr(self, "stage%d" % s)(volume)
            logits = getattr(self, "head%d" % s)(volume).squeeze(1)
            last_up = resize_bilinear(logits, h, w)
            disparities.append(self.soft_argmin(last_up))
        disparity = disparities[-1]
        a = coeffs[:, 0].reshape(n, 1, 1, 1)
        b = coeffs[:, 1].reshape(n, 1, 1, 1)
        depth = a / (disparity - b)
        safe = depth.clamp(1.0, 1e5)
        analytic = normals_from_points(back_project(safe, intrinsics))
        mean = safe.mean(3, keepdim=True).mean(2, keepdim=True)
        rel = (safe - mean) / 10.0
        if self.normal_volume is not None:
            cue = self.hypothesis_normal_features(disparity, last_up, coeffs, intrinsics, mean)
        else:
            cue = torch.softmax(last_up, 1)
        residual = self.normal_head(torch.cat([analytic, cue, left, rel], 1))
        normals = l2_normalize(analytic + residual)
        return [disparity, depth, normals] + disparities[-2::-1]


def smooth_l1(x):
    ax = x.abs()
    q = ax.clamp(max=1.0)
    return q.square() * 0.5 + (ax - q)


def dp_loss(labels, preds, normal_weight):
    gt_disp, gt_normal, mask = labels
    count = mask.sum() + 1e-6
    disp = None
    for i, p in enumerate(preds):
        if i == 0:
            stage = 0
        elif i >= 3:
            stage = i - 3 + 1
        else:
            continue
        wgt = STAGE_WEIGHTS[min(stage, len(STAGE_WEIGHTS) - 1)]
        term = (smooth_l1(p - gt_disp) * mask).sum() / count * wgt
        disp = term if disp is None else disp + term
    cos = (preds[2] * gt_normal).sum(1, keepdim=True)
    normal = ((1 - cos) * mask).sum() / count
    return disp + normal * normal_weight


def host_batch(job, n, h, w, seed):
    rng = np.random.default_rng(seed)
    c = job["config"]
    left = rng.standard_normal((n, 1, h, w), dtype=np.float32) * 0.2
    right = rng.standard_normal((n, 1, h, w), dtype=np.float32) * 0.2
    coeffs = np.tile(np.array([job["a"], job["b"]], dtype=np.float32), (n, 1))
    k = np.tile(np.array(job["intrinsics"], dtype=np.float32), (n, 1))
    disp = rng.uniform(c["minDisparityPx"], c["maxDisparityPx"], (n, 1, h, w)).astype(np.float32)
    normals = np.zeros((n, 3, h, w), dtype=np.float32)
    normals[:, 2] = -1
    mask = np.ones((n, 1, h, w), dtype=np.float32)
    return [left, right, coeffs, k], [disp, normals, mask]


def summary(ms, cpu):
    return {"median_ms": statistics.median(ms), "min_ms": min(ms), "max_ms": max(ms), "runs": len(ms),
            "median_cpu_ms": statistics.median(cpu)}


def main():
    d = sys.argv[1]
    with open(os.path.join(d, "job.json")) as f:
        job = json.load(f)
    torch.set_num_threads(int(job["threads"]))
    Conv3.depth_last = bool(job.get("depthLastConv3d", True))
    torch.manual_seed(1)
    cfg = job["config"]
    result = {"torch": torch.__version__, "threads": torch.get_num_threads(), "shapes": []}
    net = StereoDpNet(cfg)
    result["params"] = sum(p.numel() for p in net.parameters())
    result["paramShapes"] = [list(p.shape) for p in net.parameters()]
    check = job.get("check")
    if check is not None:
        flat = np.fromfile(os.path.join(d, "params.f32"), dtype="<f4")
        java_shapes = check["paramShapes"]
        ours = [list(p.shape) for p in net.parameters()]
        if java_shapes != ours:
            result["checkError"] = "parameter shapes differ: java %s, torch %s" % (java_shapes, ours)
        else:
            off = 0
            with torch.no_grad():
                for p in net.parameters():
                    p.copy_(torch.from_numpy(flat[off:off + p.numel()].reshape(p.shape)))
                    off += p.numel()
                h, w = check["h"], check["w"]
                x = np.fromfile(os.path.join(d, "check_in.f32"), dtype="<f4")
                left = torch.from_numpy(x[:h * w].reshape(1, 1, h, w).copy())
                right = torch.from_numpy(x[h * w:].reshape(1, 1, h, w).copy())
                coeffs = torch.tensor([[job["a"], job["b"]]], dtype=torch.float32)
                k = torch.tensor([job["intrinsics"]], dtype=torch.float32)
                out = net(left, right, coeffs, k)
                np.concatenate([out[0].numpy().ravel(), out[1].numpy().ravel(), out[2].numpy().ravel()]) \
                    .astype("<f4").tofile(os.path.join(d, "check_out.f32"))
    for shape in job["shapes"]:
        n, h, w = shape["n"], shape["h"], shape["w"]
        torch.manual_seed(2)
        model = StereoDpNet(cfg)
        host_in, host_labels = host_batch(job, n, h, w, 3)
        ms = []
        cpu = []
        if shape["kind"] == "train":
            opt = torch.optim.Adam(model.parameters(), lr=job["lr"])
            model.train()
            for i in range(job["warmup"] + job["steps"]):
                t0 = time.perf_counter()
                c0 = time.process_time()
                inputs = [torch.tensor(a) for a in host_in]
                labels = [torch.tensor(a) for a in host_labels]
                opt.zero_grad(set_to_none=True)
                loss = dp_loss(labels, model(*inputs), job["normalWeight"])
                loss.backward()
                loss.item()
                opt.step()
                if i >= job["warmup"]:
                    ms.append((time.perf_counter() - t0) * 1e3)
                    cpu.append((time.process_time() - c0) * 1e3)
        else:
            model.eval()
            one_in = [a[:1] for a in host_in]
            with torch.no_grad():
                for i in range(job["warmup"] + job["steps"]):
                    t0 = time.perf_counter()
                    c0 = time.process_time()
                    out = model(*[torch.tensor(a) for a in one_in])
                    _ = (out[0].numpy().copy(), out[1].numpy().copy(), out[2].numpy().copy())
                    if i >= job["warmup"]:
                        ms.append((time.perf_counter() - t0) * 1e3)
                        cpu.append((time.process_time() - c0) * 1e3)
        entry = dict(shape)
        entry.update(summary(ms, cpu))
        result["shapes"].append(entry)
        print(json.dumps(entry), flush=True)
    with open(os.path.join(d, "result.json"), "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
