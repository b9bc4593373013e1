/*
 * decode.h - decode swap:mm_swap_writepage_owner records
 *
 * The fields are looked up once per tep handle (so_decoder_init); each
 * record is then read with tep_read_number_field and its dynamic arrays are
 * checked against the record size before they are read.
 *
 * Two formats are read. v1: the cgroup id in "cgroup_ino", no
 * "owner_pid", dispositions 0..6 and flags 0x01..0x20. v2 (the 7.3 series
 * and the 6.12 backport): "memcg_id", "owner_pid", dispositions clean and
 * arch_fail, flags unnamed and shared_mm. Fields are found by name, so
 * their order in the record does not matter.
 */
#ifndef SWAPOWNER_DECODE_H
#define SWAPOWNER_DECODE_H

#include <stdbool.h>
#include <stdint.h>

struct tep_handle;
struct tep_event;
struct tep_format_field;

/* Most owners one event can carry; the kernel sends at most 8 */
#define SO_PIDS_MAX	64
/* Longest comm the kernel stores (TASK_COMM_LEN - 1) */
#define SO_COMM_LEN	16

/* disposition field; clean and arch_fail are new in the v2 format */
enum so_disp {
	SO_DISP_STALE,		/* no user left: freed */
	SO_DISP_ZERO,		/* zero-filled: no I/O */
	SO_DISP_ZSWAP,		/* stored in zswap */
	SO_DISP_ACTIVATE,	/* zswap writeback refused: stays in memory */
	SO_DISP_WRITE_FS,	/* swap over a filesystem */
	SO_DISP_WRITE_SYNC,	/* SWP_SYNCHRONOUS_IO */
	SO_DISP_WRITE_ASYNC,	/* block I/O */
	SO_DISP_CLEAN,		/* data already in swap: no I/O */
	SO_DISP_ARCH_FAIL,	/* arch_prepare_to_swap() failed: stays */
	SO_DISP_NR,
};

/* kind field */
enum so_kind {
	SO_KIND_UNKNOWN,
	SO_KIND_ANON,
	SO_KIND_SHMEM,
	SO_KIND_KSM,
	SO_KIND_NR,
};

/* flags field; unnamed and shared_mm are new in the v2 format */
#define SO_FL_UNRESOLVED	0x01
#define SO_FL_CAPPED		0x02
#define SO_FL_CONTENDED		0x04
#define SO_FL_EXITING		0x08
#define SO_FL_POTENTIAL		0x10
#define SO_FL_INCOMPLETE	0x20
#define SO_FL_UNNAMED		0x40	/* !CONFIG_MEMCG: owners not named */
#define SO_FL_SHARED_MM		0x80	/* only mm->owner of a shared mm */
#define SO_FL_NR		8
/* flags that say the owner list may be partial */
#define SO_FL_PARTIAL		(SO_FL_CAPPED | SO_FL_CONTENDED | \
				 SO_FL_EXITING | SO_FL_POTENTIAL | \
				 SO_FL_INCOMPLETE | SO_FL_UNNAMED | \
				 SO_FL_SHARED_MM)

extern const char *const so_disp_names[SO_DISP_NR];
extern const char *const so_kind_names[SO_KIND_NR];
extern const char *const so_flag_names[SO_FL_NR];

/* One decoded event */
struct so_event {
	uint64_t	ts;		/* ns */
	uint64_t	pfn;
	uint64_t	swp_offset;
	uint64_t	memcg_id;	/* v1: cgroup_ino, the same value */
	unsigned int	nr_pages;
	unsigned int	swp_type;
	unsigned int	kind;
	unsigned int	disposition;
	unsigned int	nr_owners;
	unsigned int	nr_ptes;
	unsigned int	flags;
	int		owner_pid;	/* first owner, 0 if none (v1: pids[0]) */
	int		common_pid;	/* the task that ran reclaim */
	unsigned int	nr_pids;	/* entries in pids[] */
	unsigned int	nr_comms;	/* entries in comms[], 0 or nr_pids */
	int		pids[SO_PIDS_MAX];
	char		comms[SO_PIDS_MAX][SO_COMM_LEN + 1];
};

/* Fields of the event, resolved once */
struct so_decoder {
	struct tep_event	*event;
	struct tep_format_field	*common_pid;
	struct tep_format_field	*pfn;
	struct tep_format_field	*swp_offset;
	struct tep_format_field	*memcg_id;	/* v1: cgroup_ino */
	struct tep_format_field	*nr_pages;
	struct tep_format_field	*swp_type;
	struct tep_format_field	*kind;
	struct tep_format_field	*disposition;
	struct tep_format_field	*nr_owners;
	struct tep_format_field	*nr_ptes;
	struct tep_format_field	*flags;
	struct tep_format_field	*owner_pid;	/* NULL in v1 */
	struct tep_format_field	*pids;
	struct tep_format_field	*comms;
	struct tep_handle	*tep;
	uint32_t		kinds_named;	/* by the print fmt, bits */
	uint32_t		disps_named;	/* (0: it names none) */
	int			min_size;	/* end of the fixed fields */
	bool			native;		/* same byte order as us */
};

/* so_decoder_init return values besides 0 */
#define SO_DECODE_NO_EVENT	(-1)	/* the tep has no such event */
#define SO_DECODE_BAD_FORMAT	(-2)	/* the format is not understood */

int so_decoder_init(struct so_decoder *dec, struct tep_handle *tep);
int so_decode(const struct so_decoder *dec, const void *data, int size,
	      struct so_event *ev);

#endif /* SWAPOWNER_DECODE_H */
