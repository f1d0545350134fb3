#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes the hand-made seed inputs of the host fuzz targets into
# tests/fuzz/host/corpus/<target>/seed-*: valid inputs of each format, so
# that a fuzzer starts deep. Run from the repository root; only needed to
# change the seeds (the output is committed). Crash reproducers in the corpus
# are not touched.
import os
import struct

OUT = "tests/fuzz/host/corpus"


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def pad(b, n):
    return b + b"\0" * (-len(b) % n)


# ---- ELF: static x86-64 executables, headers only ----
def ehdr(entry, phnum, phoff=64):
    ident = b"\x7fELF\x02\x01\x01" + b"\0" * 9
    return ident + struct.pack("<HHIQQQIHHHHHH", 2, 62, 1, entry, phoff, 0, 0, 64, 56,
                               phnum, 0, 0, 0)


def phdr(ptype, flags, off, va, filesz, memsz, align=0x1000):
    return struct.pack("<IIQQQQQQ", ptype, flags, off, va, va, filesz, memsz, align)


def elf_seeds():
    text = phdr(1, 5, 0, 0x400000, 0x200, 0x200)
    data = phdr(1, 6, 0x180, 0x601180, 0x40, 0x2000)
    img = ehdr(0x400100, 2) + text + data
    put("elf", "two-loads", pad(img, 0x200))
    tls = phdr(7, 4, 0x1c0, 0x6011c0, 0x10, 0x30, 8)
    stack = phdr(0x6474E551, 6, 0, 0, 0, 0, 16)
    ph = phdr(6, 4, 64, 0x400040, 5 * 56, 5 * 56, 8)
    img = ehdr(0x400180, 5) + ph + text + data + tls + stack
    put("elf", "tls-stack-phdr", pad(img, 0x200))
    img = ehdr(0x400010, 1) + phdr(1, 7, 0, 0x400000, 0x80, 0x80)
    put("elf", "one-rwx-load", pad(img, 0x80))
    loads = b"".join(phdr(1, 5, 0, 0x400000 + i * 0x1000, 0x10, 0x10) for i in range(17))
    put("elf", "seventeen-loads", ehdr(0x400000, 17) + loads)


# ---- cpio newc archives ----
def newc(name, mode, data=b"", magic=b"070701", ino=1):
    check = sum(data) & 0xFFFFFFFF if magic == b"070702" else 0
    fields = [ino, mode, 0, 0, 2 if mode & 0o40000 else 1, 0, len(data), 0, 0, 0, 0,
              len(name) + 1, check]
    hdr = magic + b"".join(b"%08X" % f for f in fields)
    return pad(hdr + name + b"\0", 4) + pad(data, 4)


def archive(entries, magic=b"070701"):
    out = b"".join(newc(n, m, d, magic, i + 1) for i, (n, m, d) in enumerate(entries))
    return out + newc(b"TRAILER!!!", 0, b"", magic, 0)


SAMPLE = [
    (b".", 0o40755, b""),
    (b"bin", 0o40755, b""),
    (b"bin/init", 0o100755, b"INIT"),
    (b"./etc/motd", 0o100644, b"hello\n"),
    (b"sbin/init", 0o100755, b"\x7fELF"),
    (b"empty", 0o100600, b""),
    (b"link", 0o120777, b"bin/init"),
    (b"/abs/dir/", 0o40700, b""),
    (b"dev/null", 0o20666, b""),
]


def cpio_seeds():
    plain = archive(SAMPLE)
    checked = archive(SAMPLE, b"070702")
    deep = archive([(b"a/b/c/d/e/f", 0o100644, b"x" * 9),
                    (b"a/b/loop", 0o120777, b"../b/loop"),
                    (b"a/b", 0o40711, b""), (b"etc/manifest", 0o100644, b"vfs\n")])
    for t in ("cpio", "uk_cpio", "vfs_cpio"):
        put(t, "sample", plain)
        put(t, "sample-070702", checked)
        put(t, "deep", deep)


# ---- multiboot2 information ----
def tag(t, body):
    b = struct.pack("<II", t, 8 + len(body)) + body
    return pad(b, 8)


def mb2_seeds():
    mmap = struct.pack("<II", 24, 0) + b"".join(
        struct.pack("<QQII", base, ln, ty, 0) for base, ln, ty in
        [(0, 0x9FC00, 1), (0x9FC00, 0x400, 2), (0x100000, 0xFEE0000, 1),
         (0xFFFC0000, 0x40000, 2)])
    rsdp1 = b"RSD PTR " + b"\x00BOCHS \x00" + struct.pack("<I", 0xFFE0000)
    rsdp2 = rsdp1 + struct.pack("<IQ", 36, 0) + b"\0" * 4
    body = (tag(1, b"test=boot loglevel=debug -- /bin/sh\0") + tag(2, b"GRUB 2.06\0") +
            tag(3, struct.pack("<II", 0x200000, 0x280000) + b"/boot/initrd.img\0") +
            tag(4, struct.pack("<II", 639, 261120)) + tag(6, mmap) + tag(14, rsdp1) +
            tag(15, rsdp2) + tag(0, b""))
    put("mb2", "grub", struct.pack("<II", 8 + len(body), 0) + body)
    many = struct.pack("<II", 24, 0) + b"".join(
        struct.pack("<QQII", i << 20, 1 << 20, 1 + i % 5, 0) for i in range(130))
    body = (b"".join(tag(3, struct.pack("<II", i << 20, (i + 1) << 20) + b"m%d\0" % i)
                     for i in range(18)) + tag(6, many) + tag(0, b""))
    put("mb2", "past-the-limits", struct.pack("<II", 8 + len(body), 0) + body)
    body = tag(1, b"loglevel=debug\0") + tag(0, b"")
    put("mb2", "cmdline-only", struct.pack("<II", 8 + len(body), 0) + body)


# ---- ACPI: byte 0 = RSDP length, then memory from physical 0xE0000 ----
BASE = 0xE0000


def checksum_fix(b, at, length=None):
    """Sets byte at so that the first length bytes (all by default) sum to 0."""
    b = bytearray(b)
    b[at] = 0
    b[at] = (-sum(b[:length])) & 0xFF
    return bytes(b)


def table(sig, body):
    hdr = sig + struct.pack("<IBB", 36 + len(body), 1, 0) + b"TESTOETESTTABL" + \
        struct.pack("<I", 1) + b"TEST" + struct.pack("<I", 1)
    return checksum_fix(hdr + body, 9)


def madt():
    e = b""
    e += struct.pack("<BBBBI", 0, 8, 0, 0, 1) + struct.pack("<BBBBI", 0, 8, 1, 1, 1)
    e += struct.pack("<BBBBII", 1, 12, 2, 0, 0xFEC00000, 0)
    e += struct.pack("<BBBBIH", 2, 10, 0, 0, 2, 0) + struct.pack("<BBBBIH", 2, 10, 0, 9, 9, 15)
    e += struct.pack("<BBHI", 3, 8, 5, 22) + struct.pack("<BBBHB", 4, 6, 0xFF, 5, 1)
    e += struct.pack("<BBHQ", 5, 12, 0, 0xFEE00000)
    e += struct.pack("<BBHIII", 9, 16, 0, 2, 1, 2) + struct.pack("<BBHIBBH", 10, 12, 5, 0xFFFFFFFF, 1, 0, 0)
    return table(b"APIC", struct.pack("<II", 0xFEE00000, 1) + e)


def srat():
    e = struct.pack("<BBBBIBBBBI", 0, 16, 0, 0, 1, 0, 0, 0, 0, 0)
    e += struct.pack("<BBBBIBBBBI", 0, 16, 1, 1, 1, 0, 0, 0, 0, 0)
    e += struct.pack("<BBIHQQIIQ", 1, 40, 0, 0, 0, 0x8000000, 0, 1, 0)
    e += struct.pack("<BBIHQQIIQ", 1, 40, 1, 0, 0x8000000, 0x8000000, 0, 3, 0)
    e += struct.pack("<BBHIIII", 2, 24, 0, 1, 2, 1, 0) + struct.pack("<I", 0)
    return table(b"SRAT", struct.pack("<IQ", 1, 0) + e)


def hpet():
    return table(b"HPET", struct.pack("<IBBBBQBHB", 0x8086A201, 0, 64, 0, 0, 0xFED00000, 0, 128, 0))


def acpi_memory(v2, with_optional, tables=None, base=BASE, flags=0):
    rsdp_len = (36 if v2 else 20) | flags
    if tables is None:
        tables = [madt()] + ([hpet(), srat()] if with_optional else [])
    off = 64
    addrs, blob = [], b""
    for t in tables:
        addrs.append(base + off + len(blob))
        blob += pad(t, 8)
    root_off = off + len(blob)
    if v2:
        root = table(b"XSDT", b"".join(struct.pack("<Q", a) for a in addrs))
    else:
        root = table(b"RSDT", b"".join(struct.pack("<I", a) for a in addrs))
    r = b"RSD PTR " + b"\x00BOCHS " + bytes([2 if v2 else 0]) + struct.pack("<I", base + root_off if not v2 else 0)
    if v2:
        r += struct.pack("<IQ", 36, base + root_off) + b"\0" * 4
        r = checksum_fix(checksum_fix(r, 8, 20), 32)
    else:
        r = checksum_fix(r, 8)
    mem = pad(r, 64) + blob + root
    return bytes([rsdp_len]) + mem


def many_entries():
    """A MADT and SRAT past every limit of struct acpi_info."""
    e = b"".join(struct.pack("<BBBBI", 0, 8, i, i, 1) for i in range(70))
    e += b"".join(struct.pack("<BBBBII", 1, 12, i, 0, 0xFEC00000 + i * 0x1000, i * 24) for i in range(10))
    e += b"".join(struct.pack("<BBBBIH", 2, 10, 0, i, i, 5) for i in range(34))
    e += b"".join(struct.pack("<BBHI", 3, 8, 5, i) for i in range(18))
    e += b"".join(struct.pack("<BBBHB", 4, 6, i, 5, 1) for i in range(18))
    m = table(b"APIC", struct.pack("<II", 0xFEE00000, 1) + e)
    e = b"".join(struct.pack("<BBBBIBBBBI", 0, 16, i % 10, i, 1, 0, 0, 0, 0, 0) for i in range(70))
    e += b"".join(struct.pack("<BBIHQQIIQ", 1, 40, i % 8, 0, i << 27, 1 << 27, 0, 1, 0)
                  for i in range(34))
    return [m, table(b"SRAT", struct.pack("<IQ", 1, 0) + e)]


def acpi_seeds():
    put("acpi", "many-entries", acpi_memory(False, True, many_entries()))
    top = acpi_memory(True, True)
    n = len(top) - 1
    put("acpi", "xsdt-all-below-4gib", acpi_memory(True, True, base=((4 << 30) - n) & ~7, flags=0x80))
    put("acpi", "rsdt-madt", acpi_memory(False, False))
    put("acpi", "rsdt-all", acpi_memory(False, True))
    put("acpi", "xsdt-all", acpi_memory(True, True))


# ---- classic BPF: seccomp_data, then the program ----
def insn(code, k=0, jt=0, jf=0):
    return struct.pack("<HBBI", code, jt, jf, k)


def bpf_seeds():
    data = struct.pack("<iIQ6Q", 1, 0xC000003E, 0x401000, 1, 2, 3, 4, 5, 6)
    allow = [insn(0x20, 4), insn(0x15, 0xC000003E, 0, 10), insn(0x20, 0),
             insn(0x35, 0x40000000, 8, 0), insn(0x15, 0, 5, 0), insn(0x15, 1, 4, 0),
             insn(0x15, 231, 3, 0), insn(0x15, 2, 3, 0), insn(0x15, 257, 2, 0),
             insn(0x06, 0x80000000), insn(0x06, 0x7FFF0000), insn(0x06, 0x50001),
             insn(0x06, 0)]
    put("bpf", "libseccomp-allow-list", data + b"".join(allow))
    mem = [insn(0x20, 16), insn(0x02, 3), insn(0x01, 7), insn(0x03, 5), insn(0x60, 3),
           insn(0x0C), insn(0x61, 5), insn(0x3C), insn(0x94, 5), insn(0x84),
           insn(0x64, 3), insn(0x74, 1), insn(0x07), insn(0x87), insn(0x1D, 0, 1, 0),
           insn(0x06, 0x30000), insn(0x45, 0x10, 0, 1), insn(0x16), insn(0x80),
           insn(0x05, 0), insn(0x06, 0x7FFC0000)]
    put("bpf", "scratch-alu-jumps", data + b"".join(mem))


# ---- line discipline: op byte, then its operands (see fuzz_ldisc.c) ----
def ld_type(s):
    return bytes([0, len(s)]) + s


def ld_read(n):
    return bytes([3]) + struct.pack("<H", n)


def ld_termios(iflag, oflag, cflag, lflag, cc):
    return bytes([2]) + struct.pack("<IIII", iflag, oflag, cflag, lflag) + bytes(cc)


DEFAULT_CC = [3, 0x1C, 0x7F, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1A, 0, 0x12, 0x0F, 0x17, 0x16, 0, 0, 0]


def ldisc_seeds():
    canon = (ld_type(b"echo hi\x7f\x7fello\tx\x17word\x15again\n") + ld_read(100) +
             ld_type(b"abc\x04") + ld_read(2) + ld_read(10) + ld_type(b"\x04") + ld_read(5) +
             ld_type(b"\x16\x03lit\x12\n\x03") + ld_read(64))
    put("ldisc", "canonical-editing", canon)
    raw_cc = list(DEFAULT_CC)
    raw_cc[5], raw_cc[6] = 2, 3
    raw = (ld_termios(0x4500 | 0x0800, 0x1805 | 0x8, 0xBF, 0x8A31 & ~0x2, raw_cc) +
           ld_type(b"\x13xy\x11z\r\n\xc3\xa9") + ld_read(2) + bytes([4]) + struct.pack("<H", 8) +
           bytes([5, 6]) + b"a\tb\r\nc" + bytes([1, 0x41, 0xff]) +
           ld_read(4097))
    put("ldisc", "raw-vmin-vtime", raw)
    ioc = (bytes([6, 0]) + bytes(36) + bytes([6, 1]) + struct.pack("<IIII", 0x4100, 5, 0xBF, 0x8A3B) +
           bytes(DEFAULT_CC) + bytes([6, 11]) + struct.pack("<HHHH", 50, 132, 0, 0) +
           bytes([6, 9]) + struct.pack("<i", 7) + bytes([6, 5]) + struct.pack("<i", 0) +
           bytes([6, 5]) + struct.pack("<i", 1) + bytes([6, 12, 0, 0, 0, 0]) + bytes([8]) +
           ld_type(b"q\n") + bytes([7]) + ld_read(8))
    put("ldisc", "ioctls-restart", ioc)
    big = bytes([1, 0x61, 0xff]) + ld_type(b"\n") + ld_read(4096) + \
        ld_termios(0x100, 1, 0xBF, 0x8A31, DEFAULT_CC) + bytes([1, 0x62, 0xf0]) + \
        ld_termios(0x100, 1, 0xBF, 0x8A33, DEFAULT_CC) + ld_read(4096) + ld_read(4096)
    put("ldisc", "queue-full-mode-switch", big)


# ---- VFS path walk: op byte, then operands (see fuzz_vfs_path.c) ----
def z(s):
    return s + b"\0"


def vfs_seeds():
    W, CHDIR, FCHDIR, UNVEIL, OPEN, CLOSE, STAT, RDLINK, SYMLINK, MKDIR, UNLINK, RENAME, \
        GETCWD, EXEC, CALLER = range(15)
    walk = lambda flags, dirfd, p: bytes([W]) + struct.pack("<H", flags) + bytes([dirfd]) + z(p)
    s = (walk(1, 0, b"/abs/c/../../f") + walk(1, 0, b"/loop1") + walk(0x13, 0, b"/rel") +
         walk(2, 0, b"/a/new") + walk(1, 0, b"/chain/") + walk(1, 0, b"/self") +
         walk(1, 0, b"/trail/b/up/a/f") + walk(4, 0, b"") + walk(1, 0, b"*\x82a/") +
         walk(1, 0, b"/a/hooked/x") +
         bytes([CHDIR]) + z(b"/abs") + walk(1, 0, b"c/../../../a/./b//c") + bytes([GETCWD]))
    put("vfs_path", "walks", s)
    s = (bytes([OPEN, 1, 1, 0]) + z(b"/a") + walk(1, 2, b"b/c") + bytes([FCHDIR, 1]) +
         bytes([STAT, 1, 2]) + z(b"b") + bytes([RDLINK, 0, 0]) + z(b"/rel") +
         bytes([CALLER, 1]) + bytes([STAT, 0, 0]) + z(b"/topriv") + bytes([CHDIR]) + z(b"/w") +
         bytes([SYMLINK, 0]) + z(b"../a/b") + z(b"mine") + bytes([MKDIR, 0, 0]) + z(b"d") +
         bytes([RENAME, 0]) + z(b"d") + z(b"e") + bytes([UNLINK, 1, 0]) + z(b"e") +
         bytes([EXEC, 0, 0]) + z(b"/a/f") + bytes([CLOSE, 1]))
    put("vfs_path", "fds-user-changes", s)
    s = (bytes([UNVEIL]) + z(b"/a/b") + z(b"rx") + bytes([UNVEIL]) + z(b"/w") + z(b"rwc") +
         bytes([UNVEIL]) + z(b"/") + z(b"lock") + walk(0x11, 0, b"/abs/c") +
         walk(0x82, 0, b"/w/newfile") + walk(0x111, 0, b"/a/f") + bytes([CHDIR]) + z(b"/a/b") +
         walk(1, 0, b"up/w") + bytes([GETCWD]))
    put("vfs_path", "unveil", s)
    # /w/A's target is "B/B/...", B's "././..."; splicing both in front of a
    # long rest passes the 8 KiB of nd->buf.
    s = (bytes([SYMLINK, 0]) + z(b"*\x7dB/") + z(b"/w/A") + bytes([SYMLINK, 0]) + z(b"*\x7d./") +
         z(b"/w/B") + walk(1, 0, b"/w/A/" + b"x" * 300) + walk(1, 0, b"/w/A/x"))
    put("vfs_path", "long-symlinks", s)


# ---- mkinitrd: records (see fuzz_mkinitrd.c) ----
def mkinitrd_seeds():
    D, F, L, FIFO, WORD = range(5)
    s = (bytes([D]) + z(b"bin") + b"\1" + bytes([F]) + z(b"bin/init") + z(b"INIT") +
         bytes([D]) + z(b"etc") + b"\0" + bytes([F]) + z(b"etc/manifest") + z(b"vfs\n") +
         bytes([L]) + z(b"sh") + z(b"bin/init") + bytes([WORD]) + z(b""))
    put("mkinitrd", "tree", s)
    s = (bytes([D]) + z(b"extra") + b"\1" + bytes([F]) + z(b"extra/f") + z(b"data") +
         bytes([F]) + z(b"top") + z(b"t") + bytes([WORD]) + z(b"") +
         bytes([WORD]) + z(b"extra:usr/share") + bytes([WORD]) + z(b"top:./etc//top") +
         bytes([WORD]) + z(b"extra/f:bin/f") + bytes([WORD]) + z(b"--"))
    put("mkinitrd", "sources", s)
    s = (bytes([FIFO]) + z(b"p") + bytes([WORD]) + z(b"") + bytes([WORD]) + z(b"x:../up") +
         bytes([WORD]) + z(b"-h"))
    put("mkinitrd", "bad-input", s)


if __name__ == "__main__":
    elf_seeds()
    cpio_seeds()
    mb2_seeds()
    acpi_seeds()
    bpf_seeds()
    ldisc_seeds()
    vfs_seeds()
    mkinitrd_seeds()
