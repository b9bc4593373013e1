# disposition-disk.sh - swap on a virtio-blk disk is written by async bio
# run-vm: --swap disk --swap-mb 256
# needs: event  (swap:mm_swap_writepage_owner: not run on a base whose series is empty)
. /lib/swapowner/tap.sh
. /lib/swapowner/swap.sh
. /lib/swapowner/owners.sh
. /lib/swapowner/disposition.sh
disposition_check write_async
