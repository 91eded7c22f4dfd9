"""One training epoch of lesson 07's small CNN: convlib's numpy network against the same network in PyTorch.

Both train the same architecture (conv 3x3 x8, ReLU, 2x2 max pool, conv 3x3
x16, ReLU, 2x2 max pool, dense 784 -> 4, softmax cross-entropy) with Adam,
from the same first weights, on the same pictures in the same order of
mini-batches, in the same process, on the CPU, with the same number of
threads for numpy's BLAS and for PyTorch (``--threads``, default 2).
PyTorch is used only here, when it is installed; the lessons and the tests
never import it.

Run from the repository root::

    python benchmarks/cnn_speed.py [--threads 2] [--batch 32] [--rounds 3]

It prints the median seconds of one epoch for each and their ratio
(convlib / PyTorch; the goal is at most 3).
"""

from __future__ import annotations

import argparse
import os
import sys

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _threads_from_argv() -> int:
    """The thread count, read before numpy loads (BLAS reads its variables once, at import)."""
    for k, arg in enumerate(sys.argv):
        if arg == "--threads" and k + 1 < len(sys.argv):
            return int(sys.argv[k + 1])
        if arg.startswith("--threads="):
            return int(arg.split("=", 1)[1])
    return 2


for _name in THREAD_VARIABLES:
    os.environ[_name] = str(_threads_from_argv())

import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from convlib.lessons.lesson07.data import shape_data  # noqa: E402
from convlib.lessons.lesson07.network import MEAN, SCALE, SmallCNN  # noqa: E402
from convlib.lessons.lesson07.train import Adam, epoch  # noqa: E402

GOAL = 3.0


def convlib_epoch(data, batch: int, seed: int) -> float:
    """Seconds for one epoch of the numpy network."""
    net = SmallCNN(seed=seed)
    opt = Adam(0.01)
    t0 = time.perf_counter()
    epoch(net, data.x_train, data.y_train, opt, batch=batch, rng=np.random.default_rng(seed))
    return time.perf_counter() - t0


def torch_epoch(torch, data, batch: int, seed: int) -> float:
    """Seconds for one epoch of the same network in PyTorch (same first weights, same batches)."""
    nn = torch.nn
    params = SmallCNN(seed=seed).params
    model = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(784, 4))
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(params["conv1.w"]))
        model[0].bias.copy_(torch.from_numpy(params["conv1.b"]))
        model[3].weight.copy_(torch.from_numpy(params["conv2.w"]))
        model[3].bias.copy_(torch.from_numpy(params["conv2.b"]))
        # convlib flattens channels last; PyTorch flattens channels first: reorder the rows
        dense = params["dense.w"].reshape(7, 7, 16, 4).transpose(2, 0, 1, 3).reshape(784, 4)
        model[7].weight.copy_(torch.from_numpy(np.ascontiguousarray(dense.T)))
        model[7].bias.copy_(torch.from_numpy(params["dense.b"]))
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.from_numpy(((data.x_train - MEAN) / SCALE).astype(np.float32))
    y = torch.from_numpy(data.y_train)
    order = torch.from_numpy(np.random.default_rng(seed).permutation(len(x)))
    # the same network: the same loss on the first batch, before any step
    first = order[:batch].numpy()
    ours, _ = SmallCNN(params).gradients(data.x_train[first], data.y_train[first])
    with torch.no_grad():
        theirs = float(loss_fn(model(x[first]), y[first]))
    if abs(ours - theirs) > 1e-4 * max(1.0, abs(ours)):
        msg = f"the two networks differ: loss {ours} (convlib) against {theirs} (PyTorch) on the same batch"
        raise AssertionError(msg)
    t0 = time.perf_counter()
    for k in range(0, len(x), batch):
        idx = order[k : k + batch]
        opt.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2, help="threads for numpy's BLAS and for PyTorch")
    parser.add_argument("--batch", type=int, default=32, help="pictures per step (the lesson uses 32)")
    parser.add_argument("--rounds", type=int, default=3, help="epochs timed for each; the median is shown")
    args = parser.parse_args()
    data = shape_data()
    print(f"one epoch: {len(data.x_train)} pictures 28x28, batch {args.batch}, Adam, "
          f"{args.threads} thread(s) for numpy's BLAS and for PyTorch")
    ours = statistics.median(convlib_epoch(data, args.batch, seed) for seed in range(args.rounds))
    print(f"  convlib (numpy)  {ours:7.2f} s")
    try:
        import torch
    except ImportError:
        print("  PyTorch is not installed: no ratio (pip install torch to compare; it is never needed otherwise)")
        return
    torch.set_num_threads(args.threads)
    theirs = statistics.median(torch_epoch(torch, data, args.batch, seed) for seed in range(args.rounds))
    ratio = ours / theirs
    print(f"  PyTorch {torch.__version__} (CPU) {theirs:7.2f} s")
    verdict = "within" if ratio <= GOAL else "over"
    print(f"  ratio convlib / PyTorch: {ratio:.2f}x ({verdict} the goal of {GOAL:g}x)")


if __name__ == "__main__":
    main()
