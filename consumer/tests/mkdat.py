#!/usr/bin/env python3
# mkdat.py - write a synthetic trace.dat (version 6, uncompressed, one CPU,
# little endian, 64-bit) of swap:mm_swap_writepage_owner records laid out
# as a format file says, for the tests of a format no fixture recorded on
# a kernel has yet (tests/data/fx-v2.dat: every disposition and flag,
# arch_fail and unnamed too), and of the v1 format (tests/data/fx-v1.dat).
#
#   tests/mkdat.py FORMAT OUT.dat [REPEAT]
#
# REPEAT (default 1): EVENTS that many times over, each round 12 ms after
# the one before (for benchmarks: 83334 rounds are a million events).
#
# The layout is trace-cmd.dat.v6(5); the ring-buffer pages are those of
# header_page/header_event below (as the kernel writes them: a u64
# timestamp, a 64-bit commit, then events with a 4-byte header). The
# records' fields are put at the offsets FORMAT gives, found by name, so
# the same EVENTS (those a v1 kernel could write) give a v1 file with
# tests/data/format-v1.
import re
import struct
import sys

PAGE = 4096
PAGE_DATA = 16          # header_page: data at offset 16

HEADER_PAGE = (
    "\tfield: u64 timestamp;\toffset:0;\tsize:8;\tsigned:0;\n"
    "\tfield: local_t commit;\toffset:8;\tsize:8;\tsigned:1;\n"
    "\tfield: int overwrite;\toffset:8;\tsize:1;\tsigned:1;\n"
    "\tfield: char data;\toffset:16;\tsize:4080;\tsigned:0;\n")
HEADER_EVENT = (
    "# compressed entry header\n"
    "\ttype_len    :    5 bits\n"
    "\ttime_delta  :   27 bits\n"
    "\tarray       :   32 bits\n\n"
    "\tpadding     : type == 29\n"
    "\ttime_extend : type == 30\n"
    "\ttime_stamp : type == 31\n"
    "\tdata max type_len  == 28\n")

# saved_cmdlines: the comms of the common_pids
CMDLINES = "30 kswapd0\n31 kcompactd0\n"

# option TRACECLOCK (4), the trace_clock file: trace-cmd convert (which
# seeds the fuzz_report corpus) fails on a file without it
OPT_TRACECLOCK = 4
TRACE_CLOCK = "[local] global counter uptime perf mono mono_raw boot tai x86-tsc\n"

# ts (ns), common_pid, memcg_id, nr_pages, swp_type, kind, disposition,
# nr_owners, flags, pids, comms. Every disposition and flag of v2 occurs.
EVENTS = [
    (1000000, 30, 20, 1, 0, 1, 6, 1, 0x00, [200], "web"),
    (2000000, 30, 20, 4, 0, 1, 5, 1, 0x00, [200], "web"),
    (3000000, 30, 21, 2, 0, 1, 2, 2, 0x00, [200, 201], "web,db"),
    (4000000, 31, 21, 1, 0, 1, 1, 1, 0x00, [201], "db"),
    (5000000, 30, 20, 1, 0, 1, 7, 1, 0x00, [200], "web"),
    (6000000, 30, 20, 8, 1, 1, 7, 2, 0x80, [200], "web"),
    (7000000, 30, 21, 2, 0, 1, 8, 1, 0x00, [201], "db"),
    (8000000, 30, 21, 1, 0, 1, 3, 1, 0x00, [201], "db"),
    (9000000, 31, 0, 1, 0, 2, 4, 3, 0x40, [], ""),
    (10000000, 30, 20, 1, 0, 0, 0, 0, 0x01, [], ""),
    (11000000, 30, 21, 4, 0, 3, 6, 9, 0x02 | 0x20, [201, 202], "db,db-worker"),
    (12000000, 31, 21, 1, 0, 1, 6, 2, 0x04 | 0x08 | 0x10, [202], "db-worker"),
]


def parse_format(text):
    """The event id, and name -> (offset, size) of every field."""
    ev_id = int(re.search(r"^ID: (\d+)$", text, re.M).group(1))
    fields = {}
    for m in re.finditer(r"field:[^;]*?(\w+)(\[\d*\])?;\toffset:(\d+);"
                         r"\tsize:(\d+);", text):
        fields[m.group(1)] = (int(m.group(3)), int(m.group(4)))
    return ev_id, fields


def record(ev_id, fields, ev):
    """The data of one record, padded to 4 bytes."""
    (ts, cpid, memcg, nr_pages, swp_type, kind, disp, nr_owners, flags,
     pids, comms) = ev
    fixed = max(off + size for off, size in fields.values())
    values = {
        "common_type": ev_id, "common_flags": 0,
        "common_preempt_count": 0, "common_pid": cpid,
        "pfn": 0x1000 + ts // 1000000, "swp_offset": 0x4000 + ts // 1000000,
        "memcg_id": memcg, "cgroup_ino": memcg, "nr_pages": nr_pages,
        "swp_type": swp_type, "kind": kind, "disposition": disp,
        "nr_owners": nr_owners, "nr_ptes": nr_owners, "flags": flags,
        "owner_pid": pids[0] if pids else 0,
    }
    pid_data = b"".join(struct.pack("<i", p) for p in pids)
    comm_data = comms.encode() + b"\0"
    buf = bytearray(fixed)
    for name, (off, size) in fields.items():
        if name == "pids":
            val = len(pid_data) << 16 | fixed
        elif name == "comms":
            val = len(comm_data) << 16 | (fixed + len(pid_data))
        else:
            val = values[name]
        buf[off:off + size] = val.to_bytes(size, "little",
                                           signed=val < 0)
    buf += pid_data + comm_data
    buf += b"\0" * (-len(buf) % 4)
    return bytes(buf)


def ring_pages(ev_id, fields, events):
    """The ring-buffer pages of events, each event's time a delta from the
    one before it (the first of a page: from the page's timestamp)."""
    out = bytearray()
    page = bytearray()
    last = 0
    for ev in events:
        data = record(ev_id, fields, ev)
        assert len(data) <= 28 * 4, "a record needs type_len 0"
        if page and PAGE_DATA + len(page) + 4 + len(data) > PAGE:
            out += page_finish(last_start, page)
            page = bytearray()
        if not page:
            last = last_start = ev[0]
        delta = ev[0] - last
        assert 0 <= delta < 1 << 27, "a delta needs a time extend"
        page += struct.pack("<I", delta << 5 | len(data) // 4) + data
        last = ev[0]
    if page:
        out += page_finish(last_start, page)
    return bytes(out)


def page_finish(ts, data):
    """A page: the timestamp, the commit (bytes of data), the data."""
    page = struct.pack("<QQ", ts, len(data)) + data
    return page + b"\0" * (PAGE - len(page))


def section(name, data, size_fmt):
    return name + struct.pack(size_fmt, len(data)) + data


def main():
    fmt_path, out_path = sys.argv[1:3]
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    fmt = open(fmt_path).read()
    ev_id, fields = parse_format(fmt)
    # keep a real __data_loc layout: the arrays' loc fields are 4 bytes
    assert fields["pids"][1] == 4 and fields["comms"][1] == 4
    span = EVENTS[-1][0]
    # a v1 format (no owner_pid) knows dispositions up to 6, flags up to
    # 0x20: leave out the events a v1 kernel could not have written
    v1 = "owner_pid" not in fields
    events = [(ev[0] + r * span,) + ev[1:]
              for r in range(repeat) for ev in EVENTS
              if not v1 or (ev[6] <= 6 and ev[8] < 0x40)]

    head = bytearray(b"\x17\x08\x44tracing6\0")
    head += struct.pack("<BBI", 0, 8, PAGE)
    head += section(b"header_page\0", HEADER_PAGE.encode(), "<Q")
    head += section(b"header_event\0", HEADER_EVENT.encode(), "<Q")
    head += struct.pack("<I", 0)                    # ftrace formats
    head += struct.pack("<I", 1) + b"swap\0"        # event systems
    head += struct.pack("<I", 1) + section(b"", fmt.encode(), "<Q")
    head += struct.pack("<I", 0)                    # kallsyms
    head += struct.pack("<I", 0)                    # printk formats
    head += section(b"", CMDLINES.encode(), "<Q")
    head += struct.pack("<I", 1)                    # CPUs
    clock = TRACE_CLOCK.encode() + b"\0"
    head += b"options  \0"
    head += struct.pack("<HI", OPT_TRACECLOCK, len(clock)) + clock
    head += struct.pack("<H", 0)                    # end of options
    head += b"flyrecord\0"
    data = ring_pages(ev_id, fields, events)
    start = len(head) + 16
    start += -start % PAGE
    head += struct.pack("<QQ", start, len(data))
    head += b"\0" * (start - len(head))
    with open(out_path, "wb") as f:
        f.write(head + data)


if __name__ == "__main__":
    main()
