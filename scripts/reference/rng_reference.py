#!/usr/bin/env python3
"""Independent reference for CortexNumerics' SplittableRandom (Philox4x32-10) and its draws.

Run:  python3 scripts/reference/rng_reference.py
      (standard library only; any Python >= 3.8)

It re-implements, with plain Python integers, the published Philox4x32-10 block function
(Salmon et al., SC'11 / Random123), the counter-mode stream of SplittableRandom (seed = 64-bit
key, two 64-bit outputs per block: w0 | w1 << 32, then w2 | w3 << 32), SplitMix64-keyed
derive/split, Lemire's bounded integers, 53-bit uniform doubles, Marsaglia's polar normals,
Knuth/PTRS Poisson draws and forward Fisher-Yates permutations. It first checks Random123's
known-answer vectors, then prints the golden values pasted as literals into
Tests/CortexNumericsTests/RandomTests.swift. If a value here and in the Swift test disagree,
one of the two implementations has left the published algorithm.
"""
import math

MASK32 = 0xFFFFFFFF
MASK64 = 0xFFFFFFFFFFFFFFFF
M0, M1 = 0xD2511F53, 0xCD9E8D57
W0, W1 = 0x9E3779B9, 0xBB67AE85
GOLDEN = 0x9E3779B97F4A7C15


def philox4x32_10(ctr, key):
    c0, c1, c2, c3 = ctr
    k0, k1 = key
    for r in range(10):
        if r > 0:
            k0 = (k0 + W0) & MASK32
            k1 = (k1 + W1) & MASK32
        p0 = M0 * c0
        p1 = M1 * c2
        c0, c1, c2, c3 = ((p1 >> 32) ^ c1 ^ k0, p1 & MASK32, (p0 >> 32) ^ c3 ^ k1, p0 & MASK32)
    return (c0, c1, c2, c3)


def mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


class SplittableRandom:
    def __init__(self, seed):
        self.key = seed & MASK64
        self.counter = 0  # 128-bit
        self.pending = None

    def next(self):
        if self.pending is not None:
            out, self.pending = self.pending, None
            return out
        c = self.counter
        words = philox4x32_10(tuple((c >> (32 * i)) & MASK32 for i in range(4)),
                              (self.key & MASK32, self.key >> 32))
        self.counter = (c + 1) % (1 << 128)
        self.pending = words[2] | (words[3] << 32)
        return words[0] | (words[1] << 32)

    def derive(self, stream):
        return SplittableRandom(mix64(self.key ^ mix64((stream + GOLDEN) & MASK64)))

    def split(self):
        return SplittableRandom(mix64(self.next() ^ self.key))

    # --- uniform draws
    def uniform_uint64_below(self, bound):
        assert bound > 0
        m = self.next() * bound
        low = m & MASK64
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                m = self.next() * bound
                low = m & MASK64
        return m >> 64

    def uniform_double(self):
        return (self.next() >> 11) * 2.0 ** -53

    def uniform_float_bits(self):
        return self.next() >> 40  # value = bits * 2^-24, exact in float32

    # --- normal (Marsaglia polar)
    def standard_normal_pair(self):
        while True:
            u = 2 * self.uniform_double() - 1
            v = 2 * self.uniform_double() - 1
            s = u * u + v * v
            if 0 < s < 1:
                f = math.sqrt(-2 * math.log(s) / s)
                return u * f, v * f

    # --- Poisson
    def poisson(self, lam):
        if lam == 0:
            return 0
        if lam < 10:
            limit = math.exp(-lam)
            prod = 1 - self.uniform_double()
            count = 0
            while prod > limit:
                count += 1
                prod *= 1 - self.uniform_double()
            return count
        slam = math.sqrt(lam)
        loglam = math.log(lam)
        b = 0.931 + 2.53 * slam
        a = -0.059 + 0.02483 * b
        invalpha = 1.1239 + 1.1328 / (b - 3.4)
        vr = 0.9277 - 3.6224 / (b - 2)
        while True:
            u = self.uniform_double() - 0.5
            v = self.uniform_double()
            us = 0.5 - abs(u)
            if us == 0:
                continue  # k would be -inf: rejected as k < 0 in Swift
            k = math.floor((2 * a / us + b) * u + lam + 0.43)
            if us >= 0.07 and v <= vr:
                return k
            if k < 0 or (us < 0.013 and v > us):
                continue
            if k < 2 ** 62 and (math.log(v) if v > 0 else -math.inf) + math.log(invalpha) \
                    - math.log(a / (us * us) + b) <= -lam + k * loglam - log_factorial(k):
                return k

    # --- permutations
    def shuffle(self, xs):
        n = len(xs)
        for i in range(n - 1):
            j = i + self.uniform_uint64_below(n - i)
            xs[i], xs[j] = xs[j], xs[i]
        return xs

    def permutation(self, n):
        return self.shuffle(list(range(n)))

    def sample(self, count, n):
        pool = list(range(n))
        for i in range(min(count, n - 1)):
            j = i + self.uniform_uint64_below(n - i)
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:count]


def log_factorial(k):
    k = float(k)
    if k < 10:
        s, i = 0.0, 2.0
        while i <= k:
            s += math.log(i)
            i += 1
        return s
    inv = 1 / k
    inv2 = inv * inv
    series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 / 1680)))
    return (k + 0.5) * math.log(k) - k + 0.9189385332046727 + series


def check_known_answers():
    kat = [
        ((0, 0, 0, 0), (0, 0), (0x6627E8D5, 0xE169C58D, 0xBC57AC4C, 0x9B00DBD8)),
        ((MASK32,) * 4, (MASK32,) * 2, (0x408F276D, 0x41C83B0E, 0xA20BC7C6, 0x6D5451FD)),
        ((0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344), (0xA4093822, 0x299F31D0),
         (0xD16CFE09, 0x94FDCCEB, 0x5001E420, 0x24126EA1)),
    ]
    for ctr, key, expected in kat:
        assert philox4x32_10(ctr, key) == expected, (ctr, key)
    # SplitMix64 with seed 0 (Steele, Lea & Flood 2014; Vigna's splitmix64.c)
    assert [mix64((GOLDEN * i) & MASK64) for i in (1, 2, 3)] == \
        [0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F]
    # log k! against the exact value
    for k in (10, 30, 1000, 10 ** 6):
        assert abs(log_factorial(k) - math.lgamma(k + 1)) <= 1e-9 * max(1, math.lgamma(k + 1))


def hex_list(values):
    return ", ".join("0x%016X" % v for v in values)


def main():
    check_known_answers()
    print("// Known answers verified (Random123 Philox4x32-10, SplitMix64).")

    r = SplittableRandom(42)
    print("// seed 42, next() x 8")
    print("[" + hex_list([r.next() for _ in range(8)]) + "]")

    r = SplittableRandom(42)
    print("// seed 42, uniformDouble() x 4 (exact: k * 2^-53, as hex floats)")
    print("[" + ", ".join(float.hex(r.uniform_double()) for _ in range(4)) + "]")

    r = SplittableRandom(42)
    print("// seed 42, uniformFloat() x 4 as 24-bit integers (value = bits * 2^-24)")
    print([r.uniform_float_bits() for _ in range(4)])

    r = SplittableRandom(42)
    print("// seed 42, uniformInt(below: 10) x 12")
    print([r.uniform_uint64_below(10) for _ in range(12)])

    r = SplittableRandom(42)
    print("// seed 42, uniformUInt64(below: 0xAAAAAAAAAAAAAAAB) x 4")
    print("[" + hex_list([r.uniform_uint64_below(0xAAAAAAAAAAAAAAAB) for _ in range(4)]) + "]")

    r = SplittableRandom(42)
    print("// seed 42, derive(stream: 0), derive(stream: 1): key, then next() x 2")
    for s in (0, 1):
        c = r.derive(s)
        print("0x%016X" % c.key, "[" + hex_list([c.next() for _ in range(2)]) + "]")

    r = SplittableRandom(42)
    c1 = r.split()
    c2 = r.split()
    print("// seed 42, split() twice: keys, then parent next()")
    print("0x%016X 0x%016X 0x%016X" % (c1.key, c2.key, r.next()))

    r = SplittableRandom(42)
    print("// seed 42, standardNormal() x 4 (first of each polar pair)")
    print([repr(r.standard_normal_pair()[0]) for _ in range(4)])

    for lam in (0.5, 4.0, 30.0, 1e4, 1e6):
        r = SplittableRandom(42)
        print("// seed 42, poisson(mean: %r) x 8" % lam)
        print([r.poisson(lam) for _ in range(8)])

    r = SplittableRandom(42)
    print("// seed 42, permutation(10)")
    print(r.permutation(10))

    r = SplittableRandom(42)
    print("// seed 42, sample(5, from: 1000)")
    print(r.sample(5, 1000))


if __name__ == "__main__":
    main()
