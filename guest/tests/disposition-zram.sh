# disposition-zram.sh - zero-filled, zswap, and zram (SWP_SYNCHRONOUS_IO)
# outcomes of swap_writepage() are reported as such
# run-vm: --swap zram
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh
. /lib/swapowner/disposition.sh
disposition_check write_sync
