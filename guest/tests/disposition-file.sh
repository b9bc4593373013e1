# disposition-file.sh - a swap file on ext2 on virtio-blk: async bio too
# run-vm: --swap file --swap-mb 128
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh
. /lib/swapowner/disposition.sh
disposition_check write_async
