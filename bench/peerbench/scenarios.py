"""Seeded test pairs: a base file of random bytes and one new version per scenario.

Every scenario is kept as a list of edits in the agent's PATCH form, each edit naming where its bytes come from
(a file and an offset) instead of holding them, so that a 1 GiB rewrite is never held in memory. The new version is
written by applying the same edits to a copy of the base, so the edit-log path and every other tool see the very same
pair. A manifest remembers what was generated; a later run with the same size and seed reuses the files.
"""

import hashlib
import json
import os
import random
import shutil

MIB = 1 << 20
CHUNK = 4 * MIB  # the data of one PATCH edit, at most

SCENARIOS = {
    "S1": "100 scattered 100-byte overwrites",
    "S2": "100 insertions and 100 deletions of 1 to 1000 bytes",
    "S3": "1 MiB appended",
    "S4": "a 64 MiB block moved to another place",
    "S5": "whole-file rewrite (new random bytes)",
}

FORMAT = 2  # bumped whenever the generated content would change


def random_file(path, size, seed):
    """Writes `size` random bytes from a PRNG seeded with `seed`."""
    rng = random.Random(seed)
    with open(path, "wb") as out:
        left = size
        while left > 0:
            n = min(MIB, left)
            out.write(rng.randbytes(n))
            left -= n


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            block = f.read(4 * MIB)
            if not block:
                return digest.hexdigest()
            digest.update(block)


def _spots(rng, size, count, shortest, longest):
    """`count` non-touching (offset, length) spots inside [0, size), lengths shortest..longest, sorted by offset."""
    taken = []
    while len(taken) < count:
        length = rng.randint(shortest, longest)
        offset = rng.randrange(0, size - length)
        if all(offset + length + 1 < o or o + n + 1 < offset for o, n in taken):
            taken.append((offset, length))
    return sorted(taken)


def _chunked(op, offset, source, source_offset, length):
    """An insert or replace of `length` bytes from `source`, cut into edits of at most CHUNK bytes, in order."""
    edits = []
    done = 0
    while done < length:
        n = min(CHUNK, length - done)
        edits.append({"op": op, "offset": offset + done, "source": source, "sourceOffset": source_offset + done,
                      "length": n})
        done += n
    return edits


def edits_for(name, size, seed):
    """The scenario's edits in order, as the agent's PATCH would take them (offsets in the file as it is then).

    Sources: "base" (the base file), "extra" (a random file of new bytes written beside the pair).
    Returns (edits, bytes of new data the scenario needs in "extra").
    """
    rng = random.Random(f"{seed}-{name}")
    if name == "S1":
        edits = []
        extra = 0
        for offset, _ in _spots(rng, size, 100, 100, 100):
            edits += _chunked("replace", offset, "extra", extra, 100)
            extra += 100
        return edits, extra
    if name == "S2":
        # 200 places in base coordinates, half of them deletions; applied from the end of the file backwards, so
        # that each edit's offset is still its base offset when the agent applies it
        places = _spots(rng, size, 200, 1, 1000)
        kinds = ["insert"] * 100 + ["delete"] * 100
        rng.shuffle(kinds)
        edits = []
        extra = 0
        for (offset, length), kind in sorted(zip(places, kinds), reverse=True):
            if kind == "delete":
                edits.append({"op": "delete", "offset": offset, "length": length})
            else:
                edits += _chunked("insert", offset, "extra", extra, length)
                extra += length
        return edits, extra
    if name == "S3":
        return _chunked("insert", size, "extra", 0, MIB), MIB
    if name == "S4":
        block = 64 * MIB
        source = rng.randrange(0, size - block)
        target = rng.randrange(0, size - block)  # where it lands in the file without it
        while abs(target - source) < MIB:  # a real move, not a shift by a few bytes
            target = rng.randrange(0, size - block)
        return [{"op": "delete", "offset": source, "length": block}] + _chunked("insert", target, "base", source,
                                                                               block), 0
    if name == "S5":
        return _chunked("replace", 0, "extra", 0, size), size
    raise ValueError(name)


def read_source(paths, source, offset, length):
    with open(paths[source], "rb") as f:
        f.seek(offset)
        data = f.read(length)
    if len(data) != length:
        raise IOError(f"{paths[source]} ended before {offset + length}")
    return data


def apply_edits(base, edits, sources, target):
    """Writes `target` = `base` with the edits applied, streaming, by walking the edits as a piece list."""
    pieces = [("base", 0, os.path.getsize(base))]  # (source, offset, length)

    def split(at):
        """Index of the piece that starts at `at` (splitting one if needed)."""
        position = 0
        for i, (src, off, n) in enumerate(pieces):
            if position == at:
                return i
            if at < position + n:
                cut = at - position
                pieces[i:i + 1] = [(src, off, cut), (src, off + cut, n - cut)]
                return i + 1
            position += n
        if position == at:
            return len(pieces)
        raise ValueError(f"offset {at} past the end ({position})")

    for edit in edits:
        if edit["op"] in ("delete", "replace"):
            length = edit["length"]
            start = split(edit["offset"])
            end_position = edit["offset"] + length
            total = sum(n for _, _, n in pieces)
            end = split(min(end_position, total))
            del pieces[start:end]
        if edit["op"] in ("insert", "replace"):
            at = split(edit["offset"])
            pieces.insert(at, (edit["source"], edit["sourceOffset"], edit["length"]))
    files = {name: open(path, "rb") for name, path in sources.items()}
    try:
        with open(target, "wb") as out:
            for src, off, n in pieces:
                f = files[src]
                f.seek(off)
                while n > 0:
                    block = f.read(min(n, 4 * MIB))
                    out.write(block)
                    n -= len(block)
    finally:
        for f in files.values():
            f.close()


def prepare(directory, size, seed, log=print):
    """Generates (or reuses) the pair files under `directory`; returns the manifest."""
    os.makedirs(directory, exist_ok=True)
    manifest_path = os.path.join(directory, "manifest.json")
    wanted = {"format": FORMAT, "size": size, "seed": seed}
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            manifest = json.load(f)
        if all(manifest.get(k) == v for k, v in wanted.items()) and all(
                os.path.exists(s["new"]) for s in manifest["scenarios"].values()):
            log(f"reusing the test pairs in {directory}")
            return manifest
    for entry in os.listdir(directory):
        os.remove(os.path.join(directory, entry))
    base = os.path.join(directory, "base.img")
    log(f"writing the {size / MIB:.0f} MiB base file (seed {seed})")
    random_file(base, size, seed)
    manifest = dict(wanted, base=base, baseSha256=sha256_of(base), scenarios={})
    for name, title in SCENARIOS.items():
        edits, extra_size = edits_for(name, size, seed)
        extra = os.path.join(directory, f"{name}.extra")
        random_file(extra, extra_size, f"{seed}-{name}-extra")
        new = os.path.join(directory, f"{name}.img")
        sources = {"base": base, "extra": extra}
        apply_edits(base, edits, sources, new)
        manifest["scenarios"][name] = {"title": title, "new": new, "newSize": os.path.getsize(new),
                                       "newSha256": sha256_of(new), "sources": sources, "edits": edits}
        log(f"{name}: {title}: {len(edits)} edits, new version {os.path.getsize(new):,} bytes")
    with open(manifest_path + ".tmp", "w") as f:
        json.dump(manifest, f)
    shutil.move(manifest_path + ".tmp", manifest_path)
    return manifest
